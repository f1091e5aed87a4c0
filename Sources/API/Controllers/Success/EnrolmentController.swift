import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/enrolments`: customers in a success program — its months with the hour budget of each, sessions, the goal
/// sheet's state, the presentation, the result and the reminders due. Run by the customer's editors or
/// `success.manage` where the customer lives; read by the customer's readers.
struct EnrolmentController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var customerId: UUID
        var templateId: UUID
        var startDate: LocalDate?
        var csmId: UUID?
        var participantIds: [UUID]?

        static let schema = Schema.object(
            ["customer_id": Schema.uuid, "template_id": Schema.uuid, "start_date": Schema.date, "csm_id": Schema.uuid,
             "participant_ids": Schema.array(Schema.uuid)],
            required: ["customer_id", "template_id"])
    }

    struct UpdateInput: RequestBody {
        var state: Enrolment.State?
        var participantIds: [UUID]?
        var csmId: UUID?

        static let schema = Schema.object(
            ["state": Schema.enumeration(["active", "cancelled"]), "participant_ids": Schema.array(Schema.uuid), "csm_id": Schema.uuid])
    }

    struct PresentationInput: RequestBody {
        var scheduledOn: LocalDate?
        var heldOn: LocalDate?
        var audienceSize: Int?
        var outcome: String?

        static let schema = Schema.object(
            ["scheduled_on": Schema.date, "held_on": Schema.date, "audience_size": Schema.integer, "outcome": Schema.string])
    }

    struct ResultInput: RequestBody {
        var goalReached: Bool
        var evidence: String
        var decidedOn: LocalDate
        /// The customer's success-definition measures (manual ones) the program's goal stood for.
        var measureIds: [UUID]?

        static let schema = Schema.object(
            ["goal_reached": Schema.boolean, "evidence": Schema.string, "decided_on": Schema.date,
             "measure_ids": Schema.array(Schema.uuid)],
            required: ["goal_reached", "evidence", "decided_on"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Programs"
        let enrolment = Schema.of(EnrolmentDTO.self)
        let item = Schema.of(Enrolment.self)
        return [
            Route(.get, "/v1/enrolments", id: "listEnrolments", summary: "Enrolments of the customers the caller reads", tag: tag,
                  parameters: [Schema.query("customer_id", Schema.uuid, "this customer's"), Schema.query("csm_id", Schema.uuid, "run by this CSM"),
                               Schema.query("state", Schema.enumeration(Enrolment.State.self), "in this state")] + Schema.paging,
                  responses: [200: ("Enrolments", Schema.list(item))], problems: [422], handler: list),
            Route(.post, "/v1/enrolments", id: "createEnrolment",
                  summary: "Enrol a customer in a program (the customer's editors or success.manage); one running program per customer",
                  tag: tag, body: CreateInput.self, responses: [201: ("Created", enrolment)], problems: [403, 409, 422], handler: create),
            Route(.get, "/v1/enrolments/{id}", id: "getEnrolment",
                  summary: "An enrolment with its program months and hour budgets, sessions, goal sheet state and reminders due", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Enrolment", enrolment)], problems: [404], handler: get),
            Route(.patch, "/v1/enrolments/{id}", id: "updateEnrolment",
                  summary: "Change the CSM, the participants or the state (cancel or resume; If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Enrolment", enrolment)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.get, "/v1/customers/{id}/enrolments", id: "listCustomerEnrolments", summary: "A customer's enrolments", tag: tag,
                  parameters: [Schema.pathID()] + Schema.paging, responses: [200: ("Enrolments", Schema.list(item))],
                  problems: [404, 422], handler: customerList),
            Route(.put, "/v1/enrolments/{id}/presentation", id: "setEnrolmentPresentation",
                  summary: "Plan or record the success presentation (date, audience, outcome)", tag: tag,
                  parameters: [Schema.pathID()], body: PresentationInput.self, responses: [200: ("Enrolment", enrolment)],
                  problems: [403, 404, 409, 412, 422], handler: presentation),
            Route(.put, "/v1/enrolments/{id}/result", id: "setEnrolmentResult",
                  summary: "Record the result: completes the program; a reached goal moves an onboarding customer to outcome and marks the measures named", tag: tag,
                  parameters: [Schema.pathID()], body: ResultInput.self, responses: [200: ("Enrolment", enrolment)],
                  problems: [403, 404, 409, 412, 422], handler: result),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        var filter = EnrolmentRepository.Filter(customerID: try request.uuidQuery("customer_id"), csmID: try request.uuidQuery("csm_id"))
        if let raw = request.uri.queryParameters["state"] {
            guard let state = Enrolment.State(rawValue: String(raw)) else { throw Problem.invalidField("state", "state is active, completed or cancelled") }
            filter.state = state
        }
        let page = try await store.tenant(context) { tx, caller in
            try await Enrolments(tx, caller).list(filter, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items, nextCursor: page.nextCursor))
    }

    @Sendable func customerList(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await Enrolments(tx, caller).list(customer: id, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let new = Enrolments.New(
            customerID: input.customerId, templateID: input.templateId, startDate: input.startDate, csmID: input.csmId,
            participantIDs: input.participantIds ?? [])
        return try await store.answer(context, status: .created) { tx, caller in EnrolmentDTO(try await Enrolments(tx, caller).create(new)) }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        return try await store.answer(context) { tx, caller in EnrolmentDTO(try await Enrolments(tx, caller).view(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        var changes = Enrolments.Changes()
        (changes.state, changes.participantIDs, changes.csmID) = (input.state, input.participantIds, input.csmId)
        return try await store.answer(context) { tx, caller in
            EnrolmentDTO(try await Enrolments(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }

    @Sendable func presentation(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let input = try await request.decodeJSON(as: PresentationInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let presentation = SuccessPresentation(
            scheduledOn: input.scheduledOn, heldOn: input.heldOn, audienceSize: input.audienceSize, outcome: input.outcome)
        return try await store.answer(context) { tx, caller in
            EnrolmentDTO(try await Enrolments(tx, caller).setPresentation(id, presentation, expectedVersion: expected))
        }
    }

    @Sendable func result(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let input = try await request.decodeJSON(as: ResultInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let result = ProgramResult(goalReached: input.goalReached, evidence: input.evidence, decidedOn: input.decidedOn)
        return try await store.answer(context) { tx, caller in
            EnrolmentDTO(try await Enrolments(tx, caller).setResult(id, result, measureIDs: input.measureIds ?? [], expectedVersion: expected))
        }
    }
}
