import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/accountabilities`: a manager makes a member accountable for a subject; the member acknowledges or declines;
/// reassignment closes the old one and keeps it. Every assignment lands in the assignee's inbox.
struct AccountabilityController {
    let store: Store

    struct AccountabilityDTO: Codable, Sendable {
        var id: UUID
        var assigneeID: UUID
        var assignedByID: UUID
        var subjectType: Accountability.SubjectType
        var subjectID: UUID?
        var duty: String?
        var companyID: UUID?
        var teamID: UUID?
        var dueDate: LocalDate?
        var note: String?
        var state: Accountability.State
        var responseReason: String?
        var respondedAt: Date?
        var replacesID: UUID?
        var replacedByID: UUID?
        var createdAt: Date
        var updatedAt: Date
        var version: Int
        init(_ a: Accountability) {
            (id, assigneeID, assignedByID, subjectType, subjectID, duty) = (a.id, a.assigneeID, a.assignedByID, a.subjectType, a.subjectID, a.duty)
            (companyID, teamID, dueDate, note, state) = (a.companyID, a.teamID, a.dueDate, a.note, a.state)
            (responseReason, respondedAt, replacesID, replacedByID) = (a.responseReason, a.respondedAt, a.replacesID, a.replacedByID)
            (createdAt, updatedAt, version) = (a.createdAt, a.updatedAt, a.version)
        }
    }

    struct CreateInput: Decodable {
        var assigneeId: UUID
        var subjectType: Accountability.SubjectType
        var subjectId: UUID?
        var duty: String?
        var companyId: UUID?
        var teamId: UUID?
        var dueDate: LocalDate?
        var note: String?
    }
    struct RespondInput: Decodable { var reason: String? }
    struct ReassignInput: Decodable {
        var assigneeId: UUID
        var dueDate: LocalDate?
        var note: String?
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "assignee_id": Schema.uuid, "assigned_by_id": Schema.uuid,
         "subject_type": Schema.enumeration(Accountability.SubjectType.allCases.map(\.rawValue)),
         "subject_id": Schema.nullable(Schema.uuid), "duty": Schema.nullable(Schema.string),
         "company_id": Schema.nullable(Schema.uuid), "team_id": Schema.nullable(Schema.uuid), "due_date": Schema.nullable(Schema.date),
         "note": Schema.nullable(Schema.string), "state": Schema.enumeration(Accountability.State.allCases.map(\.rawValue)),
         "response_reason": Schema.nullable(Schema.string), "responded_at": Schema.nullable(Schema.dateTime),
         "replaces_id": Schema.nullable(Schema.uuid), "replaced_by_id": Schema.nullable(Schema.uuid),
         "created_at": Schema.dateTime, "updated_at": Schema.dateTime, "version": Schema.integer],
        required: ["id", "assignee_id", "assigned_by_id", "subject_type", "state", "version"])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/accountabilities", id: "listAccountabilities",
                         summary: "Accountabilities: assigned to me, by me, per team, unacknowledged for more than N days", tag: "responsibility",
                         parameters: Schema.paging + [
                            Schema.query("assignee_id", Schema.string, "a member id or `me`"),
                            Schema.query("assigned_by", Schema.string, "a member id or `me`"),
                            Schema.query("team_id", Schema.uuid, "this team's"), Schema.query("company_id", Schema.uuid, "this company's"),
                            Schema.query("state", Schema.string, "comma-separated states"),
                            Schema.query("subject_type", Schema.string, "goal, customer, program, meeting_action or duty"),
                            Schema.query("subject_id", Schema.uuid, "this subject's"),
                            Schema.query("unacknowledged_days", Schema.integer, "pending for more than this many days"),
                         ],
                         responses: [200: ("Accountabilities", Schema.list(schema))], problems: [422]),
        OpenAPIOperation("POST", "/v1/accountabilities", id: "assignAccountability",
                         summary: "Make a member accountable for a subject (Idempotency-Key honoured)", tag: "responsibility",
                         requestBody: Schema.object(
                            ["assignee_id": Schema.uuid, "subject_type": Schema.enumeration(Accountability.SubjectType.allCases.map(\.rawValue)),
                             "subject_id": Schema.uuid, "duty": Schema.string, "company_id": Schema.uuid, "team_id": Schema.uuid,
                             "due_date": Schema.date, "note": Schema.string], required: ["assignee_id", "subject_type"]),
                         responses: [201: ("Created", schema)], problems: [422]),
        OpenAPIOperation("GET", "/v1/accountabilities/{id}", id: "getAccountability", summary: "Read an accountability", tag: "responsibility",
                         parameters: [Schema.pathID()], responses: [200: ("Accountability", schema)], problems: [404]),
        OpenAPIOperation("POST", "/v1/accountabilities/{id}/acknowledge", id: "acknowledgeAccountability",
                         summary: "The assignee acknowledges", tag: "responsibility", parameters: [Schema.pathID()],
                         responses: [200: ("Accountability", schema)], problems: [403, 404, 409]),
        OpenAPIOperation("POST", "/v1/accountabilities/{id}/decline", id: "declineAccountability",
                         summary: "The assignee declines, saying why", tag: "responsibility", parameters: [Schema.pathID()],
                         requestBody: Schema.object(["reason": Schema.string], required: ["reason"]),
                         responses: [200: ("Accountability", schema)], problems: [403, 404, 409, 422]),
        OpenAPIOperation("POST", "/v1/accountabilities/{id}/reassign", id: "reassignAccountability",
                         summary: "Give the accountability to another member; the old one is closed and kept", tag: "responsibility",
                         parameters: [Schema.pathID()],
                         requestBody: Schema.object(["assignee_id": Schema.uuid, "due_date": Schema.date, "note": Schema.string], required: ["assignee_id"]),
                         responses: [201: ("The new accountability", schema)], problems: [403, 404, 409, 422]),
        OpenAPIOperation("POST", "/v1/accountabilities/{id}/complete", id: "completeAccountability",
                         summary: "Mark it done", tag: "responsibility", parameters: [Schema.pathID()],
                         responses: [200: ("Accountability", schema)], problems: [403, 404, 409]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/accountabilities") { request, context in
            let identity = try context.requireIdentity()
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
            let page = try await store.tenant(identity.orgID) { tx in
                try await VisiblePage.fill(limit: list.limit, after: list.cursor, id: \.id, visible: { canRead(identity, $0) }) {
                    try await AccountabilityRepository.list(tx, filter: filter, after: $0, limit: $1)
                }
            }
            return try JSONResponse.make(ListResponse(items: page.items.map(AccountabilityDTO.init), nextCursor: page.nextCursor))
        }

        router.post("/v1/accountabilities") { request, context in
            let identity = try context.requireIdentity()
            let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
            return try await store.tenant(identity.orgID) { tx in
                var item = try await build(input, identity: identity, tx: tx)
                try identity.require(.assignAccountabilities, in: item.scope)
                try await GoalAccess.requireActiveMember(tx, input.assigneeId, field: "assignee_id")
                return try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    item = try await AccountabilityRepository.insert(tx, item)
                    try await notifyAssigned(tx, identity: identity, item)
                    let subject = try await subjectTitle(tx, item)
                    try await WebhookRepository.emit(
                        tx,
                        .accountabilityAssigned(
                            id: .v7(), at: store.now,
                            data: #"{"accountability_id":"\#(item.id.uuidString.lowercased())","assignee_id":"\#(item.assigneeID.uuidString.lowercased())","subject_type":"\#(item.subjectType.rawValue)"}"#,
                            subject: subject))
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "accountability.assign", resource: "accountability", id: item.id,
                        after: AccountabilityDTO(item))
                    return try .init(AccountabilityDTO(item), version: item.version)
                }
            }
        }

        router.get("/v1/accountabilities/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "accountability")
            let item = try await store.tenant(identity.orgID) { tx in try await readable(tx, identity, id) }
            return try JSONResponse.make(AccountabilityDTO(item), version: item.version)
        }

        router.post("/v1/accountabilities/:id/acknowledge") { request, context in
            try await respond(request, context, acknowledge: true)
        }
        router.post("/v1/accountabilities/:id/decline") { request, context in
            try await respond(request, context, acknowledge: false)
        }

        router.post("/v1/accountabilities/:id/reassign") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "accountability")
            let input = try await request.decodeJSON(as: ReassignInput.self, context: context)
            return try await store.tenant(identity.orgID) { tx in
                let old = try await readable(tx, identity, id)
                try identity.require(.assignAccountabilities, in: old.scope)
                try AccountabilityRules.requireOpen(old)
                try await GoalAccess.requireActiveMember(tx, input.assigneeId, field: "assignee_id")
                guard input.assigneeId != old.assigneeID else {
                    throw DomainError(.invalid, "the member is already accountable", field: "assignee_id")
                }
                var successor = old
                successor.id = .v7()
                successor.assigneeID = input.assigneeId
                successor.assignedByID = identity.memberID
                successor.dueDate = input.dueDate ?? old.dueDate
                successor.note = input.note ?? old.note
                successor.replacesID = old.id
                let created = try await AccountabilityRepository.insert(tx, successor)
                let closed = try await AccountabilityRepository.close(tx, id: old.id, as: .reassigned, replacedBy: created.id)
                try await notifyAssigned(tx, identity: identity, created)
                try await AuditTrail.record(
                    tx, identity, context: context, action: "accountability.reassign", resource: "accountability", id: created.id,
                    before: AccountabilityDTO(closed), after: AccountabilityDTO(created))
                return try JSONResponse.make(AccountabilityDTO(created), status: .created, version: created.version)
            }
        }

        router.post("/v1/accountabilities/:id/complete") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "accountability")
            return try await store.tenant(identity.orgID) { tx in
                let item = try await readable(tx, identity, id)
                if item.assigneeID != identity.memberID { try identity.require(.assignAccountabilities, in: item.scope) }
                try AccountabilityRules.requireOpen(item)
                let done = try await AccountabilityRepository.close(tx, id: id, as: .completed, replacedBy: nil)
                try await AuditTrail.record(
                    tx, identity, context: context, action: "accountability.complete", resource: "accountability", id: id,
                    before: AccountabilityDTO(item), after: AccountabilityDTO(done))
                return try JSONResponse.make(AccountabilityDTO(done), version: done.version)
            }
        }
    }

    private func respond(_ request: Request, _ context: AppRequestContext, acknowledge: Bool) async throws -> Response {
        let identity = try context.requireIdentity()
        let id = try request.uuidParameter(context, "id", what: "accountability")
        let input = acknowledge ? nil : try await request.decodeJSON(as: RespondInput.self, context: context)
        return try await store.tenant(identity.orgID) { tx in
            let item = try await readable(tx, identity, id)
            guard item.assigneeID == identity.memberID else {
                throw Problem(status: .forbidden, code: "forbidden", detail: "only the assignee answers an accountability")
            }
            let reason = input?.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            try AccountabilityRules.respond(item, acknowledge: acknowledge, reason: reason)
            let answered = try await AccountabilityRepository.respond(tx, id: id, acknowledge: acknowledge, reason: reason)
            if !acknowledge, let assigner = try await MemberRepository.get(tx, id: item.assignedByID), assigner.active {
                let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: assigner.id)
                let me = try await MemberRepository.get(tx, id: identity.memberID)
                let subject = try await subjectTitle(tx, item)
                try await NotificationRepository.deliver(
                    tx, to: assigner.id,
                    .accountabilityDeclined(subject: subject, by: me?.displayName ?? "", reason: reason ?? "", locale: facts.locale),
                    subjectType: "accountability", subjectID: id)
            }
            try await AuditTrail.record(
                tx, identity, context: context, action: acknowledge ? "accountability.acknowledge" : "accountability.decline",
                resource: "accountability", id: id, before: AccountabilityDTO(item), after: AccountabilityDTO(answered))
            return try JSONResponse.make(AccountabilityDTO(answered), version: answered.version)
        }
    }

    private func canRead(_ identity: Identity, _ item: Accountability) -> Bool {
        item.assigneeID == identity.memberID || item.assignedByID == identity.memberID
            || identity.authorizer.can(identity.actor, .readGoals, in: item.scope).allowed
    }

    private func readable(_ tx: TenantTransaction, _ identity: Identity, _ id: UUID) async throws -> Accountability {
        guard let item = try await AccountabilityRepository.get(tx, id: id), canRead(identity, item)
        else { throw Problem.notFound("accountability") }
        return item
    }

    /// A new accountability from the input; its scope comes from the subject (a goal's scope) or the team/company
    /// given for a duty.
    private func build(_ input: CreateInput, identity: Identity, tx: TenantTransaction) async throws -> Accountability {
        var companyID = input.companyId
        var teamID = input.teamId
        var duty: String?
        switch input.subjectType {
        case .goal:
            guard let subject = input.subjectId, let goal = try await GoalRepository.get(tx, id: subject) else {
                throw DomainError(.invalid, "no such goal in this organisation", field: "subject_id")
            }
            guard !goal.isArchived else { throw DomainError(.invalid, "the goal is archived", field: "subject_id") }
            (companyID, teamID) = (goal.companyID, goal.teamID)
        case .duty:
            guard let text = input.duty?.trimmingCharacters(in: .whitespacesAndNewlines), (1...500).contains(text.count) else {
                throw DomainError(.invalid, "describe the duty in 1 to 500 characters", field: "duty")
            }
            duty = text
            if let team = teamID {
                guard let found = try await TeamRepository.get(tx, id: team) else {
                    throw DomainError(.invalid, "no such team in this organisation", field: "team_id")
                }
                if let companyID, companyID != found.companyID {
                    throw DomainError(.invalid, "the team belongs to another company", field: "team_id")
                }
                companyID = found.companyID
            } else if let company = companyID, try await CompanyRepository.get(tx, id: company) == nil {
                throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
            }
        case .customer, .program, .meetingAction:
            throw DomainError(
                .invalid, "\(input.subjectType.rawValue) subjects arrive with their own capability; use goal or duty for now",
                field: "subject_type")
        }
        if let note = input.note, note.count > 2000 { throw DomainError(.invalid, "a note is at most 2000 characters", field: "note") }
        let now = store.now
        return Accountability(
            id: .v7(), assigneeID: input.assigneeId, assignedByID: identity.memberID, subjectType: input.subjectType,
            subjectID: input.subjectType == .duty ? nil : input.subjectId, duty: duty, companyID: companyID, teamID: teamID,
            dueDate: input.dueDate, note: input.note, state: .pending, responseReason: nil, respondedAt: nil, replacesID: nil,
            replacedByID: nil, createdAt: now, updatedAt: now, version: 1)
    }

    private func subjectTitle(_ tx: TenantTransaction, _ item: Accountability) async throws -> String {
        if let duty = item.duty { return duty }
        if item.subjectType == .goal, let id = item.subjectID, let goal = try await GoalRepository.get(tx, id: id) {
            return goal.title
        }
        return item.subjectType.rawValue
    }

    private func notifyAssigned(_ tx: TenantTransaction, identity: Identity, _ item: Accountability) async throws {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: item.assigneeID)
        let assigner = try await MemberRepository.get(tx, id: identity.memberID)
        let subject = try await subjectTitle(tx, item)
        try await NotificationRepository.deliver(
            tx, to: item.assigneeID,
            .accountabilityAssigned(subject: subject, by: assigner?.displayName ?? "", due: item.dueDate, locale: facts.locale),
            subjectType: "accountability", subjectID: item.id)
    }
}
