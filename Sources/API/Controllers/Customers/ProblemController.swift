import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/problems`: problem records (seed 004, 8D) grouping recurring tickets — containment, root cause, corrective
/// and preventive action, owner, status in its order (open → contained → corrected → closed) — with their linked
/// tickets and affected customers.
struct ProblemController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var title: String
        var description: String?
        var containment: String?
        var rootCause: String?
        var correctiveAction: String?
        var preventiveAction: String?
        var ownerId: UUID?
        var status: ProblemRecord.Status?
        var companyId: UUID?

        static let schema = Schema.object(
            ["title": Schema.string, "description": Schema.string, "containment": Schema.string, "root_cause": Schema.string,
             "corrective_action": Schema.string, "preventive_action": Schema.string, "owner_id": Schema.uuid,
             "status": Schema.enumeration(ProblemRecord.Status.self), "company_id": Schema.uuid],
            required: ["title"])

        var new: Problems.New {
            Problems.New(
                title: title, description: description, containment: containment, rootCause: rootCause,
                correctiveAction: correctiveAction, preventiveAction: preventiveAction, ownerID: ownerId, status: status,
                companyID: companyId)
        }
    }

    /// Every field optional; `null` clears the nullable ones (`company_id: null` makes the problem org-wide).
    struct UpdateInput: RequestBody {
        var title: String?
        var description: PatchField<String>
        var containment: PatchField<String>
        var rootCause: PatchField<String>
        var correctiveAction: PatchField<String>
        var preventiveAction: PatchField<String>
        var ownerId: PatchField<UUID>
        var status: ProblemRecord.Status?
        var companyId: PatchField<UUID>

        enum CodingKeys: String, CodingKey {
            case title, description, containment, rootCause, correctiveAction, preventiveAction, ownerId, status, companyId
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            description = try c.patch(.description)
            containment = try c.patch(.containment)
            rootCause = try c.patch(.rootCause)
            correctiveAction = try c.patch(.correctiveAction)
            preventiveAction = try c.patch(.preventiveAction)
            ownerId = try c.patch(.ownerId)
            status = try c.decodeIfPresent(ProblemRecord.Status.self, forKey: .status)
            companyId = try c.patch(.companyId)
        }

        static let schema = Schema.object(
            ["title": Schema.string, "description": Schema.nullable(Schema.string), "containment": Schema.nullable(Schema.string),
             "root_cause": Schema.nullable(Schema.string), "corrective_action": Schema.nullable(Schema.string),
             "preventive_action": Schema.nullable(Schema.string), "owner_id": Schema.nullable(Schema.uuid),
             "status": Schema.enumeration(ProblemRecord.Status.self), "company_id": Schema.nullable(Schema.uuid)])

        var changes: Problems.Changes {
            Problems.Changes(
                title: title, description: description.optional, containment: containment.optional, rootCause: rootCause.optional,
                correctiveAction: correctiveAction.optional, preventiveAction: preventiveAction.optional, ownerID: ownerId.optional,
                status: status, companyID: companyId.optional)
        }
    }

    struct LinkInput: RequestBody {
        var ticketId: UUID

        static let schema = Schema.object(["ticket_id": Schema.uuid], required: ["ticket_id"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "support"
        return [
            Route(.get, "/v1/problems", id: "listProblems", summary: "Problem records, newest first, with their counts", tag: tag,
                  parameters: Schema.paging + [
                    Schema.query("status", Schema.enumeration(ProblemRecord.Status.self), "only these statuses (repeat, or separate with commas)"),
                    Schema.query("company_id", Schema.uuid, "only this company's"),
                    Schema.query("owner_id", ["oneOf": [Schema.uuid, Schema.enumeration(["me"])]], "only this member's (`me` for the caller)"),
                    Schema.query("customer_id", Schema.uuid, "only problems affecting this customer"),
                  ],
                  responses: [200: ("Problems", Schema.list(ProblemSummaryDTO.schema))], problems: [422], handler: list),
            Route(.post, "/v1/problems", id: "createProblem", summary: "Open a problem record (Idempotency-Key honoured)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", ProblemDTO.schema)], problems: [403, 422], handler: create),
            Route(.get, "/v1/problems/{id}", id: "getProblem",
                  summary: "Read a problem record with its linked tickets and affected customers", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Problem", ProblemDTO.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/problems/{id}", id: "updateProblem",
                  summary: "Edit a problem record; closing needs root cause and preventive action (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Problem", ProblemDTO.schema)],
                  problems: [403, 404, 412, 422], handler: update),
            Route(.post, "/v1/problems/{id}/tickets", id: "linkProblemTicket", summary: "Link a ticket to the problem", tag: tag,
                  parameters: [Schema.pathID()], body: LinkInput.self, responses: [200: ("Problem", ProblemDTO.schema)],
                  problems: [403, 404, 409, 422], handler: link),
            Route(.delete, "/v1/problems/{id}/tickets/{ticket_id}", id: "unlinkProblemTicket", summary: "Unlink a ticket from the problem",
                  tag: tag, parameters: [Schema.pathID(), Schema.pathID("ticket_id")], responses: [200: ("Problem", ProblemDTO.schema)],
                  problems: [403, 404], handler: unlink),
            Route(.post, "/v1/problems/{id}/customers/{customer_id}", id: "addProblemCustomer",
                  summary: "Name a customer the problem affects beyond those of its tickets", tag: tag,
                  parameters: [Schema.pathID(), Schema.pathID("customer_id")], responses: [200: ("Problem", ProblemDTO.schema)],
                  problems: [403, 404, 422], handler: addCustomer),
            Route(.delete, "/v1/problems/{id}/customers/{customer_id}", id: "removeProblemCustomer",
                  summary: "Remove a customer named by hand", tag: tag,
                  parameters: [Schema.pathID(), Schema.pathID("customer_id")], responses: [200: ("Problem", ProblemDTO.schema)],
                  problems: [403, 404], handler: removeCustomer),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let paging = try ListQuery(request)
        let owner = request.uri.queryParameters["owner_id"] == "me" ? context.identity.memberID : try request.uuidQuery("owner_id")
        let filter = ProblemRepository.Filter(
            statuses: try SupportQuery.enums(request, "status", ProblemRecord.Status.self), companyID: try request.uuidQuery("company_id"),
            ownerID: owner, customerID: try request.uuidQuery("customer_id"))
        let page = try await store.tenant(context) { tx, caller in
            try await Problems(tx, caller).list(filter, after: paging.cursor, limit: paging.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(ProblemSummaryDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let problems = Problems(tx, caller)
            let checked = try await problems.check(input.new)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(ProblemDTO(try await problems.create(checked)))
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "problem")
        return try await store.answer(context) { tx, caller in ProblemDTO(try await Problems(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "problem")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            ProblemDTO(try await Problems(tx, caller).update(id, input.changes, expectedVersion: expected))
        }
    }

    @Sendable func link(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "problem")
        let input = try await request.decodeJSON(as: LinkInput.self, context: context)
        return try await store.answer(context) { tx, caller in ProblemDTO(try await Problems(tx, caller).link(id, ticket: input.ticketId)) }
    }

    @Sendable func unlink(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "problem")
        let ticket = try request.uuidParameter(context, "ticket_id", what: "ticket")
        return try await store.answer(context) { tx, caller in ProblemDTO(try await Problems(tx, caller).unlink(id, ticket: ticket)) }
    }

    @Sendable func addCustomer(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "problem")
        let customer = try request.uuidParameter(context, "customer_id", what: "customer")
        return try await store.answer(context) { tx, caller in ProblemDTO(try await Problems(tx, caller).addCustomer(id, customer: customer)) }
    }

    @Sendable func removeCustomer(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "problem")
        let customer = try request.uuidParameter(context, "customer_id", what: "customer")
        return try await store.answer(context) { tx, caller in ProblemDTO(try await Problems(tx, caller).removeCustomer(id, customer: customer)) }
    }
}
