import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/companies/{id}/process`: which published process version a company runs, from which day, and its history.
struct ProcessAdoptionController: RouteCollection {
    let store: Store

    struct AdoptInput: RequestBody {
        var versionId: UUID
        var adoptedOn: LocalDate?

        static let schema = Schema.object(["version_id": Schema.uuid, "adopted_on": Schema.date], required: ["version_id"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Processes"
        return [
            Route(.get, "/v1/companies/{id}/process", id: "getCompanyProcess",
                  summary: "The process version the company runs today, one adopted for a later day, and every adoption", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Adoption", CompanyProcessDTO.schema)], problems: [404], handler: get),
            Route(.put, "/v1/companies/{id}/process", id: "adoptCompanyProcess",
                  summary: "The company adopts a published version from a day (default today; success.manage in the company)", tag: tag,
                  parameters: [Schema.pathID()], body: AdoptInput.self, responses: [200: ("Adoption", CompanyProcessDTO.schema)],
                  problems: [403, 404, 409, 422], handler: adopt),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "company")
        let view = try await store.tenant(context) { tx, caller in try await ProcessAdoptions(tx, caller).view(id) }
        return try JSONResponse.make(CompanyProcessDTO(view))
    }

    @Sendable func adopt(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "company")
        let input = try await request.decodeJSON(as: AdoptInput.self, context: context)
        let view = try await store.tenant(context) { tx, caller in
            try await ProcessAdoptions(tx, caller).adopt(id, versionID: input.versionId, on: input.adoptedOn)
        }
        return try JSONResponse.make(CompanyProcessDTO(view))
    }
}
