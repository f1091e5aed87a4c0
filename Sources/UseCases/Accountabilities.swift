public import Domain
public import Foundation
public import Store

/// Accountabilities: a manager makes a member accountable for a subject; the assignee acknowledges or declines;
/// reassignment closes the old one and keeps it; the assignee or a manager marks it done. Each use case checks
/// the caller's right, writes, tells the people concerned and audits — in the caller's transaction.
public struct Accountabilities: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What an assigner asks for.
    public struct Assignment: Sendable {
        public var assigneeID: UUID
        public var subjectType: Accountability.SubjectType
        public var subjectID: UUID?
        public var duty: String?
        public var companyID: UUID?
        public var teamID: UUID?
        public var dueDate: LocalDate?
        public var note: String?

        public init(
            assigneeID: UUID, subjectType: Accountability.SubjectType, subjectID: UUID?, duty: String?, companyID: UUID?,
            teamID: UUID?, dueDate: LocalDate?, note: String?
        ) {
            (self.assigneeID, self.subjectType, self.subjectID, self.duty) = (assigneeID, subjectType, subjectID, duty)
            (self.companyID, self.teamID, self.dueDate, self.note) = (companyID, teamID, dueDate, note)
        }
    }

    /// An assignment that passed ``check(_:)``. Assigning is two steps so that a replayed request (an
    /// Idempotency-Key seen before) can be answered between the checks and the write; only `check` makes one, so
    /// the write cannot skip them.
    public struct Checked: Sendable {
        let item: Accountability
    }

    /// Who may see an accountability: the assignee, the assigner, and whoever reads goals where it lives.
    public static func canRead(_ identity: Identity, _ item: Accountability) -> Bool {
        item.assigneeID == identity.memberID || item.assignedByID == identity.memberID
            || identity.authorizer.can(identity.actor, .readGoals, in: item.scope).allowed
    }

    public func get(_ id: UUID) async throws -> Accountability {
        guard let item = try await AccountabilityRepository.get(tx, id: id), Self.canRead(identity, item)
        else { throw DomainError(.notFound, "accountability not found") }
        return item
    }

    /// Checks the subject, the assigner's right where it lives, and the assignee.
    public func check(_ assignment: Assignment) async throws -> Checked {
        let item = try await build(assignment)
        try identity.require(.assignAccountabilities, in: item.scope)
        try await GoalAccess.requireActiveMember(tx, assignment.assigneeID, field: "assignee_id")
        return Checked(item: item)
    }

    /// Makes the member accountable; they hear of it, and so do the org's webhooks.
    public func assign(_ checked: Checked) async throws -> Accountability {
        let item = try await AccountabilityRepository.insert(tx, checked.item)
        try await notifyAssigned(item)
        let subject = try await subjectTitle(item)
        try await WebhookRepository.emit(
            tx,
            .accountabilityAssigned(
                id: .v7(), at: caller.now,
                data: #"{"accountability_id":"\#(item.id.uuidString.lowercased())","assignee_id":"\#(item.assigneeID.uuidString.lowercased())","subject_type":"\#(item.subjectType.rawValue)"}"#,
                subject: subject))
        try await Audit.record(tx, caller, action: "accountability.assign", resource: "accountability", id: item.id, after: item)
        return item
    }

    /// The assignee's answer; a decline tells the assigner why.
    public func respond(_ id: UUID, acknowledge: Bool, reason: String?) async throws -> Accountability {
        let item = try await get(id)
        guard item.assigneeID == identity.memberID else {
            throw DomainError(.forbidden, "only the assignee answers an accountability")
        }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        try AccountabilityRules.respond(item, acknowledge: acknowledge, reason: reason)
        let answered = try await AccountabilityRepository.respond(tx, id: id, acknowledge: acknowledge, reason: reason)
        if !acknowledge, let assigner = try await MemberRepository.get(tx, id: item.assignedByID), assigner.active {
            let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: assigner.id)
            let me = try await MemberRepository.get(tx, id: identity.memberID)
            let subject = try await subjectTitle(item)
            try await NotificationRepository.deliver(
                tx, to: assigner.id,
                .accountabilityDeclined(subject: subject, by: me?.displayName ?? "", reason: reason ?? "", locale: facts.locale),
                subjectType: "accountability", subjectID: id)
        }
        try await Audit.record(
            tx, caller, action: acknowledge ? "accountability.acknowledge" : "accountability.decline", resource: "accountability",
            id: id, before: item, after: answered)
        return answered
    }

    /// Gives it to another member: a new accountability replaces the old one, which is closed and kept.
    public func reassign(_ id: UUID, to assigneeID: UUID, dueDate: LocalDate?, note: String?) async throws -> Accountability {
        let old = try await get(id)
        try identity.require(.assignAccountabilities, in: old.scope)
        try AccountabilityRules.requireOpen(old)
        try await GoalAccess.requireActiveMember(tx, assigneeID, field: "assignee_id")
        guard assigneeID != old.assigneeID else {
            throw DomainError(.invalid, "the member is already accountable", field: "assignee_id")
        }
        var successor = old
        successor.id = .v7()
        successor.assigneeID = assigneeID
        successor.assignedByID = identity.memberID
        successor.dueDate = dueDate ?? old.dueDate
        successor.note = note ?? old.note
        successor.replacesID = old.id
        let created = try await AccountabilityRepository.insert(tx, successor)
        let closed = try await AccountabilityRepository.close(tx, id: old.id, as: .reassigned, replacedBy: created.id)
        try await notifyAssigned(created)
        try await Audit.record(
            tx, caller, action: "accountability.reassign", resource: "accountability", id: created.id, before: closed, after: created)
        return created
    }

    /// Marks it done: the assignee may, and so may whoever could have assigned it.
    public func complete(_ id: UUID) async throws -> Accountability {
        let item = try await get(id)
        if item.assigneeID != identity.memberID { try identity.require(.assignAccountabilities, in: item.scope) }
        try AccountabilityRules.requireOpen(item)
        let done = try await AccountabilityRepository.close(tx, id: id, as: .completed, replacedBy: nil)
        try await Audit.record(tx, caller, action: "accountability.complete", resource: "accountability", id: id, before: item, after: done)
        return done
    }

    /// The new accountability; its scope comes from the subject (a goal's scope) or the team/company given for a
    /// duty.
    private func build(_ input: Assignment) async throws -> Accountability {
        var companyID = input.companyID
        var teamID = input.teamID
        var duty: String?
        switch input.subjectType {
        case .goal:
            guard let subject = input.subjectID, let goal = try await GoalRepository.get(tx, id: subject) else {
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
        case .customer:
            // An accountability for a customer lives where the customer does (its team, else its company).
            // A customer the assigner cannot read answers exactly as a missing one, so the refusal confirms nothing.
            guard let subject = input.subjectID, let customer = try await CustomerRepository.get(tx, id: subject),
                CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
            else {
                throw DomainError(.invalid, "no such customer in this organisation", field: "subject_id")
            }
            guard customer.archivedAt == nil else { throw DomainError(.invalid, "the customer is archived", field: "subject_id") }
            (companyID, teamID) = (customer.companyID, customer.teamID)
        case .program, .meetingAction:
            throw DomainError(
                .invalid, "\(input.subjectType.rawValue) subjects arrive with their own capability; use goal or duty for now",
                field: "subject_type")
        }
        if let note = input.note, note.count > 2000 { throw DomainError(.invalid, "a note is at most 2000 characters", field: "note") }
        let now = caller.now
        return Accountability(
            id: .v7(), assigneeID: input.assigneeID, assignedByID: identity.memberID, subjectType: input.subjectType,
            subjectID: input.subjectType == .duty ? nil : input.subjectID, duty: duty, companyID: companyID, teamID: teamID,
            dueDate: input.dueDate, note: input.note, state: .pending, responseReason: nil, respondedAt: nil, replacesID: nil,
            replacedByID: nil, createdAt: now, updatedAt: now, version: 1)
    }

    func subjectTitle(_ item: Accountability) async throws -> String {
        if let duty = item.duty { return duty }
        if item.subjectType == .goal, let id = item.subjectID, let goal = try await GoalRepository.get(tx, id: id) {
            return goal.title
        }
        if item.subjectType == .customer, let id = item.subjectID, let customer = try await CustomerRepository.get(tx, id: id) {
            return customer.name
        }
        if item.subjectType == .meetingAction, let id = item.subjectID, let action = try await MeetingActionRepository.get(tx, id: id) {
            return action.title
        }
        return item.subjectType.rawValue
    }

    func notifyAssigned(_ item: Accountability) async throws {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: item.assigneeID)
        let assigner = try await MemberRepository.get(tx, id: identity.memberID)
        let subject = try await subjectTitle(item)
        try await NotificationRepository.deliver(
            tx, to: item.assigneeID,
            .accountabilityAssigned(subject: subject, by: assigner?.displayName ?? "", due: item.dueDate, locale: facts.locale),
            subjectType: "accountability", subjectID: item.id)
    }
}
