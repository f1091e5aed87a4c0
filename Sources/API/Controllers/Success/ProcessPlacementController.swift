import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/customers/{id}/process`: the customer's place on a standard process — its steps with their spans, the
/// current step, days in it and whether it stalled — placing it, and completing its steps in order.
struct ProcessPlacementController: RouteCollection {
    let store: Store

    struct PlaceInput: RequestBody {
        var versionId: UUID?
        var placedOn: LocalDate?

        static let schema = Schema.object(["version_id": Schema.uuid, "placed_on": Schema.date])
    }

    struct CompleteInput: RequestBody {
        var completedOn: LocalDate?

        static let schema = Schema.object(["completed_on": Schema.date])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Processes"
        return [
            Route(.get, "/v1/customers/{id}/process", id: "getCustomerProcess",
                  summary: "The customer's process: steps with their spans, the current step, days in it, stalled or not, and earlier placements",
                  tag: tag, parameters: [Schema.pathID()], responses: [200: ("Progress", CustomerProcessDTO.schema)], problems: [404],
                  handler: get),
            Route(.put, "/v1/customers/{id}/process", id: "placeCustomerOnProcess",
                  summary: "Place the customer on a published version (default: its company's adopted one) from a day (default today)",
                  tag: tag, parameters: [Schema.pathID()], body: PlaceInput.self, responses: [200: ("Progress", CustomerProcessDTO.schema)],
                  problems: [403, 404, 409, 422], handler: place),
            Route(.post, "/v1/customers/{id}/process/steps/{step_id}/complete", id: "completeCustomerProcessStep",
                  summary: "Complete the customer's current step (in order) on a day (default today)", tag: tag,
                  parameters: [Schema.pathID(), Schema.pathID("step_id")], body: CompleteInput.self,
                  responses: [200: ("Progress", CustomerProcessDTO.schema)], problems: [403, 404, 409, 422], handler: complete),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let progress = try await store.tenant(context) { tx, caller in try await ProcessPlacements(tx, caller).progress(id) }
        return try JSONResponse.make(CustomerProcessDTO(progress))
    }

    @Sendable func place(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let input = try await request.decodeJSON(as: PlaceInput.self, context: context)
        let progress = try await store.tenant(context) { tx, caller in
            try await ProcessPlacements(tx, caller).place(id, versionID: input.versionId, on: input.placedOn)
        }
        return try JSONResponse.make(CustomerProcessDTO(progress))
    }

    @Sendable func complete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let step = try request.uuidParameter(context, "step_id", what: "step")
        // The body is optional: completing today needs nothing said.
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var day: LocalDate?
        if buffer.readableBytes > 0 {
            let data = Data(buffer.readableBytesView)
            if let field = NULCharacter.field(inJSON: data) { throw NULCharacter.problem(field: field) }
            day = try APIJSON.decoder.decode(CompleteInput.self, from: data).completedOn
        }
        let progress = try await store.tenant(context) { tx, caller in
            try await ProcessPlacements(tx, caller).complete(id, stepID: step, on: day)
        }
        return try JSONResponse.make(CustomerProcessDTO(progress))
    }
}
