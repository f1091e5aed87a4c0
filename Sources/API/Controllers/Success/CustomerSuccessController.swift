import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/customers/{id}/success`: a customer's light and deep success — each measure's state with its evidence and
/// date, whether the tier is reached and since when — and the judgement of one manual measure.
struct CustomerSuccessController: RouteCollection {
    let store: Store

    struct AssessInput: RequestBody {
        var state: MeasureStatus.State
        var evidence: String?
        var assessedOn: LocalDate?

        static let schema = Schema.object(
            ["state": Schema.enumeration(MeasureStatus.State.self), "evidence": Schema.string, "assessed_on": Schema.date],
            required: ["state"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Success"
        return [
            Route(.get, "/v1/customers/{id}/success", id: "getCustomerSuccess",
                  summary: "A customer's light and deep success: the applicable definitions, every measure's state, evidence and date "
                      + "(bound measures judged from the latest usage figures), reached or not and since when", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Success status", CustomerSuccessDTO.schema)], problems: [404],
                  handler: status),
            Route(.put, "/v1/customers/{id}/success/{definition_id}/measures/{measure_id}", id: "assessCustomerMeasure",
                  summary: "Judge a manual measure (whoever may edit the customer, or success.manage there; met needs evidence; "
                      + "If-Match with the measure's version honoured); reaching or losing a tier is recorded on the timeline", tag: tag,
                  parameters: [Schema.pathID(), Schema.pathID("definition_id"), Schema.pathID("measure_id")], body: AssessInput.self,
                  responses: [200: ("Success status", CustomerSuccessDTO.schema)], problems: [403, 404, 409, 412, 422], handler: assess),
        ]
    }

    @Sendable func status(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let standing = try await store.tenant(context) { tx, caller in try await CustomerSuccess(tx, caller).status(id) }
        return try JSONResponse.make(CustomerSuccessDTO(standing))
    }

    @Sendable func assess(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let definition = try request.uuidParameter(context, "definition_id", what: "success definition")
        let measure = try request.uuidParameter(context, "measure_id", what: "measure")
        let input = try await request.decodeJSON(as: AssessInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let standing = try await store.tenant(context) { tx, caller in
            try await CustomerSuccess(tx, caller).assess(
                id, definition: definition, measure: measure,
                .init(state: input.state, evidence: input.evidence, on: input.assessedOn), expectedVersion: expected)
        }
        return try JSONResponse.make(CustomerSuccessDTO(standing))
    }
}
