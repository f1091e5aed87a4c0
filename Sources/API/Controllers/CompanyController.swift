import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/companies`: business units. Everyone in the org with directory access reads them; owners and admins
/// create, rename and delete them.
struct CompanyController: RouteCollection {
    let store: Store

    struct Input: RequestBody {
        var name: String

        static let schema = Schema.object(["name": Schema.string], required: ["name"])
    }

    static let schema = Schema.of(Company.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "directory"
        return [
            Route(.get, "/v1/companies", id: "listCompanies", summary: "List companies", tag: tag,
                  parameters: Schema.paging, responses: [200: ("Companies", Schema.list(Self.schema))], handler: list),
            Route(.post, "/v1/companies", id: "createCompany", summary: "Create a company (Idempotency-Key honoured)", tag: tag,
                  scope: .admin, body: Input.self, responses: [201: ("Created", Self.schema)], problems: [409], handler: create),
            Route(.get, "/v1/companies/{id}", id: "getCompany", summary: "Read a company", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Company", Self.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/companies/{id}", id: "updateCompany", summary: "Rename a company (If-Match honoured)", tag: tag,
                  scope: .admin, parameters: [Schema.pathID()], body: Input.self, responses: [200: ("Company", Self.schema)],
                  problems: [404, 409, 412], handler: update),
            Route(.delete, "/v1/companies/{id}", id: "deleteCompany", summary: "Delete a company without teams", tag: tag,
                  scope: .admin, parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)], problems: [404, 409],
                  handler: delete),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await Companies(tx, caller).list(after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: Input.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let companies = Companies(tx, caller)
            let checked = try companies.check(name: input.name)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let company = try await companies.create(checked)
                return try .init(company)
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "company")
        return try await store.answer(context) { tx, caller in try await Companies(tx, caller).get(id) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "company")
        let input = try await request.decodeJSON(as: Input.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            try await Companies(tx, caller).rename(id, to: input.name, expectedVersion: expected)
        }
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "company")
        try await store.tenant(context) { tx, caller in try await Companies(tx, caller).delete(id) }
        return JSONResponse.noContent()
    }
}
