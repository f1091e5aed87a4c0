import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/accountabilities`: a manager makes a member accountable for a subject; the member acknowledges or declines;
/// reassignment closes the old one and keeps it. Every assignment lands in the assignee's inbox.
struct AccountabilityController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var assigneeId: UUID
        var subjectType: Accountability.SubjectType
        var subjectId: UUID?
        var duty: String?
        var companyId: UUID?
        var teamId: UUID?
        var dueDate: LocalDate?
        var note: String?

        static let schema = Schema.object(
            ["assignee_id": Schema.uuid, "subject_type": Schema.enumeration(Accountability.SubjectType.self),
             "subject_id": Schema.uuid, "duty": Schema.string, "company_id": Schema.uuid, "team_id": Schema.uuid,
             "due_date": Schema.date, "note": Schema.string], required: ["assignee_id", "subject_type"])
    }
    struct RespondInput: RequestBody {
        /// Declining always says why: absent is refused as the body is read, blank by the rule.
        var reason: String

        static let schema = Schema.object(["reason": ["type": "string", "pattern": "\\S"]], required: ["reason"])
    }
    struct ReassignInput: RequestBody {
        var assigneeId: UUID
        var dueDate: LocalDate?
        var note: String?

        static let schema = Schema.object(
            ["assignee_id": Schema.uuid, "due_date": Schema.date, "note": Schema.string], required: ["assignee_id"])
    }

    static let schema = Schema.of(Accountability.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "responsibility"
        return [
            Route(.get, "/v1/accountabilities", id: "listAccountabilities",
                  summary: "Accountabilities: assigned to me, by me, per team, unacknowledged for more than N days", tag: tag,
                  parameters: Schema.paging + [
                      Schema.query("assignee_id", Schema.string, "a member id or `me`"),
                      Schema.query("assigned_by", Schema.string, "a member id or `me`"),
                      Schema.query("team_id", Schema.uuid, "this team's"), Schema.query("company_id", Schema.uuid, "this company's"),
                      Schema.query("state", Schema.string, "comma-separated states"),
                      Schema.query("subject_type", Schema.string, "goal, customer, program, meeting_action or duty"),
                      Schema.query("subject_id", Schema.uuid, "this subject's"),
                      Schema.query("unacknowledged_days", Schema.integer, "pending for more than this many days"),
                  ],
                  responses: [200: ("Accountabilities", Schema.list(Self.schema))], problems: [422], handler: list),
            Route(.post, "/v1/accountabilities", id: "assignAccountability",
                  summary: "Make a member accountable for a subject (Idempotency-Key honoured)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", Self.schema)], problems: [422], handler: assign),
            Route(.get, "/v1/accountabilities/{id}", id: "getAccountability", summary: "Read an accountability", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Accountability", Self.schema)], problems: [404], handler: get),
            Route(.post, "/v1/accountabilities/{id}/acknowledge", id: "acknowledgeAccountability",
                  summary: "The assignee acknowledges", tag: tag, parameters: [Schema.pathID()],
                  responses: [200: ("Accountability", Self.schema)], problems: [403, 404, 409], handler: acknowledge),
            Route(.post, "/v1/accountabilities/{id}/decline", id: "declineAccountability",
                  summary: "The assignee declines, saying why", tag: tag, parameters: [Schema.pathID()],
                  body: RespondInput.self, responses: [200: ("Accountability", Self.schema)], problems: [403, 404, 409, 422],
                  handler: decline),
            Route(.post, "/v1/accountabilities/{id}/reassign", id: "reassignAccountability",
                  summary: "Give the accountability to another member; the old one is closed and kept", tag: tag,
                  parameters: [Schema.pathID()], body: ReassignInput.self,
                  responses: [201: ("The new accountability", Self.schema)], problems: [403, 404, 409, 422], handler: reassign),
            Route(.post, "/v1/accountabilities/{id}/complete", id: "completeAccountability",
                  summary: "Mark it done", tag: tag, parameters: [Schema.pathID()],
                  responses: [200: ("Accountability", Self.schema)], problems: [403, 404, 409], handler: complete),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let identity = context.identity
        let list = try ListQuery(request)
        let query = request.uri.queryParameters
        func member(_ name: String) throws -> UUID? {
            query[name[...]] == "me" ? identity.memberID : try request.uuidQuery(name)
        }
        let states = try query["state"].map { raw in
            try raw.split(separator: ",").map { part in
                guard let state = Accountability.State(rawValue: String(part)) else {
                    throw Problem.invalidField("state", "state is one of \(Accountability.State.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return state
            }
        }
        let subjectType = try query["subject_type"].map { raw in
            guard let type = Accountability.SubjectType(rawValue: String(raw)) else {
                throw Problem.invalidField("subject_type", "subject_type is one of \(Accountability.SubjectType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return type
        }
        let days = try query["unacknowledged_days"].map { raw in
            guard let days = Int(String(raw)), (0...3650).contains(days) else {
                throw Problem.invalidField("unacknowledged_days", "unacknowledged_days is a number of days from 0 to 3650")
            }
            return days
        }
        let filter = AccountabilityRepository.Filter(
            assigneeID: try member("assignee_id"), assignedByID: try member("assigned_by"), teamID: try request.uuidQuery("team_id"),
            companyID: try request.uuidQuery("company_id"), subjectType: subjectType, subjectID: try request.uuidQuery("subject_id"),
            states: states, pendingSince: days.map { store.now.addingTimeInterval(-Double($0) * 86_400) })
        let page = try await store.tenant(context) { tx, _ in
            try await AccountabilityRepository.list(
                tx, filter: filter, visibleTo: identity.reach(.readGoals), after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items, nextCursor: page.nextCursor))
    }

    @Sendable func assign(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let assignment = Accountabilities.Assignment(
            assigneeID: input.assigneeId, subjectType: input.subjectType, subjectID: input.subjectId, duty: input.duty,
            companyID: input.companyId, teamID: input.teamId, dueDate: input.dueDate, note: input.note)
        return try await store.tenant(context) { tx, caller in
            let accountabilities = Accountabilities(tx, caller)
            let checked = try await accountabilities.check(assignment)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let item = try await accountabilities.assign(checked)
                return try .init(item)
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "accountability")
        return try await store.answer(context) { tx, caller in try await Accountabilities(tx, caller).get(id) }
    }

    @Sendable func acknowledge(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "accountability")
        return try await store.answer(context) { tx, caller in
            try await Accountabilities(tx, caller).respond(id, acknowledge: true, reason: nil)
        }
    }

    @Sendable func decline(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "accountability")
        let input = try await request.decodeJSON(as: RespondInput.self, context: context)
        return try await store.answer(context) { tx, caller in
            try await Accountabilities(tx, caller).respond(id, acknowledge: false, reason: input.reason)
        }
    }

    @Sendable func reassign(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "accountability")
        let input = try await request.decodeJSON(as: ReassignInput.self, context: context)
        return try await store.answer(context, status: .created) { tx, caller in
            try await Accountabilities(tx, caller).reassign(id, to: input.assigneeId, dueDate: input.dueDate, note: input.note)
        }
    }

    @Sendable func complete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "accountability")
        return try await store.answer(context) { tx, caller in try await Accountabilities(tx, caller).complete(id) }
    }
}
