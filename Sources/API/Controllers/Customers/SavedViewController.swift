import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/me/saved-views`: the caller's own named list filters.
struct SavedViewController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var page: String
        var name: String
        var query: String

        static let schema = Schema.object(
            ["page": Schema.enumeration(["customers"]), "name": Schema.string, "query": Schema.string],
            required: ["page", "name", "query"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "customers"
        return [
            Route(.get, "/v1/me/saved-views", id: "listSavedViews", summary: "My saved list views", tag: tag,
                  parameters: [Schema.query("page", Schema.enumeration(["customers"]), "only this page's views")],
                  responses: [200: ("Views", Schema.list(SavedViewDTO.schema))], problems: [422], handler: list),
            Route(.post, "/v1/me/saved-views", id: "createSavedView",
                  summary: "Save a list's query string under a name (checked by reading it as the list does)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", SavedViewDTO.schema)], problems: [409, 422], handler: create),
            Route(.delete, "/v1/me/saved-views/{id}", id: "deleteSavedView", summary: "Delete one of my saved views", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)], problems: [404], handler: delete),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let page = request.uri.queryParameters["page"].map(String.init)
        let views = try await store.tenant(context) { tx, caller in try await SavedViews(tx, caller).list(page: page) }
        return try JSONResponse.make(ListResponse(items: views.map(SavedViewDTO.init), nextCursor: nil))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let view = try await store.tenant(context) { tx, caller in
            try await SavedViews(tx, caller).create(page: input.page, name: input.name, query: input.query)
        }
        return try JSONResponse.make(SavedViewDTO(view), status: .created)
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "saved view")
        try await store.tenant(context) { tx, caller in try await SavedViews(tx, caller).delete(id) }
        return JSONResponse.noContent()
    }
}
