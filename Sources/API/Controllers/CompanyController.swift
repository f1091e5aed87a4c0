import Logging
import Database
import HTTPTypes
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/companies`: business units. Everyone in the org with directory access reads them; owners and admins
/// create, rename and delete them.
struct CompanyController {
    let store: Store

    struct CompanyDTO: Codable, Sendable {
        var id: UUID
        var name: String
        var createdAt: Date
        var updatedAt: Date
        var version: Int
        init(_ c: Company) {
            (id, name, createdAt, updatedAt, version) = (c.id, c.name, c.createdAt, c.updatedAt, c.version)
        }
    }
    struct Input: Decodable { var name: String }

    static let schema = Schema.object(
        ["id": Schema.uuid, "name": Schema.string, "created_at": Schema.dateTime, "updated_at": Schema.dateTime,
         "version": Schema.integer], required: ["id", "name", "version"])
    static let input = Schema.object(["name": Schema.string], required: ["name"])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/companies", id: "listCompanies", summary: "List companies", tag: "directory",
                         parameters: Schema.paging, responses: [200: ("Companies", Schema.list(schema))]),
        OpenAPIOperation("POST", "/v1/companies", id: "createCompany", summary: "Create a company (Idempotency-Key honoured)",
                         tag: "directory", requestBody: input, responses: [201: ("Created", schema)], problems: [409]),
        OpenAPIOperation("GET", "/v1/companies/{id}", id: "getCompany", summary: "Read a company", tag: "directory",
                         parameters: [Schema.pathID()], responses: [200: ("Company", schema)], problems: [404]),
        OpenAPIOperation("PATCH", "/v1/companies/{id}", id: "updateCompany", summary: "Rename a company (If-Match honoured)",
                         tag: "directory", parameters: [Schema.pathID()], requestBody: input,
                         responses: [200: ("Company", schema)], problems: [404, 409, 412]),
        OpenAPIOperation("DELETE", "/v1/companies/{id}", id: "deleteCompany", summary: "Delete a company without teams",
                         tag: "directory", parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)],
                         problems: [404, 409]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/companies") { request, context in
            let identity = try context.requireIdentity()
            let list = try ListQuery(request)
            try identity.require(.readDirectory, in: .org)
            let page = try await store.tenant(identity.orgID) { tx in
                try await CompanyRepository.list(tx, after: list.cursor, limit: list.limit)
            }
            return try JSONResponse.make(ListResponse(items: page.items.map(CompanyDTO.init), nextCursor: page.nextCursor))
        }
        router.post("/v1/companies") { request, context in
            let identity = try context.requireIdentity()
            let (input, body) = try await request.decodeJSONKeepingBody(as: Input.self, context: context)
            try identity.require(.manageCompanies, in: .org)
            let name = try TenancyRules.name(input.name, field: "name")
            return try await store.tenant(identity.orgID) { tx in
                try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    let company = try await CompanyRepository.insert(tx, id: .v7(), name: name)
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "company.create", resource: "company", id: company.id,
                        after: CompanyDTO(company))
                    return try .init(CompanyDTO(company), version: company.version)
                }
            }
        }
        router.get("/v1/companies/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "company")
            let company = try await store.tenant(identity.orgID) { tx in
                try await CompanyRepository.get(tx, id: id)
            }
            guard let company else { throw Problem.notFound("company") }
            try identity.require(.readDirectory, in: .company(id))
            return try JSONResponse.make(CompanyDTO(company), version: company.version)
        }
        router.patch("/v1/companies/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "company")
            let input = try await request.decodeJSON(as: Input.self, context: context)
            let expected = try ETag.expectedVersion(request)
            return try await store.tenant(identity.orgID) { tx in
                guard let before = try await CompanyRepository.get(tx, id: id) else {
                    throw Problem.notFound("company")
                }
                try identity.require(.manageCompanies, in: .company(id))
                let name = try TenancyRules.name(input.name, field: "name")
                guard let after = try await CompanyRepository.rename(
                    tx, id: id, name: name, expectedVersion: expected)
                else { throw ETag.stale }
                try await AuditTrail.record(
                    tx, identity, context: context, action: "company.update", resource: "company", id: id,
                    before: CompanyDTO(before), after: CompanyDTO(after))
                return try JSONResponse.make(CompanyDTO(after), version: after.version)
            }
        }
        router.delete("/v1/companies/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "company")
            return try await store.tenant(identity.orgID) { tx in
                guard let before = try await CompanyRepository.get(tx, id: id) else {
                    throw Problem.notFound("company")
                }
                try identity.require(.manageCompanies, in: .company(id))
                _ = try await CompanyRepository.delete(tx, id: id)
                try await AuditTrail.record(
                    tx, identity, context: context, action: "company.delete", resource: "company", id: id,
                    before: CompanyDTO(before))
                return JSONResponse.noContent()
            }
        }
    }
}
