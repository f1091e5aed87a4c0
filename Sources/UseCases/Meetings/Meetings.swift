public import Domain
public import Foundation
public import Store

/// One occurrence of a meeting body and what people do with it: read it, work its agenda, keep its minutes,
/// decisions, action items and attendance, move or cancel it. Who may do what follows the meeting, not the org
/// chart alone: participants contribute (add items, minutes, decisions, actions); the facilitator and whoever manages
/// meetings where the body lives run it (regenerate, reorder anyone's items, attendance, cancel, move).
public struct Meetings: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What the caller may do with one occurrence.
    public struct Access: Sendable, Hashable {
        public var isParticipant: Bool
        public var isFacilitator: Bool
        public var manages: Bool
        /// Add agenda items, write minutes, record decisions and action items.
        public var canContribute: Bool { isParticipant || isFacilitator || manages }
        /// Regenerate the agenda, move or remove anyone's items, record attendance, cancel or move the occurrence.
        public var canRun: Bool { isFacilitator || manages }
    }

    /// An occurrence with its body, participants and the caller's rights.
    public struct View: Sendable {
        public var meeting: Meeting
        public var body: MeetingBody
        public var participants: [MeetingParticipantRepository.Participant]
        public var access: Access
    }

    public func get(_ id: UUID) async throws -> View {
        let (meeting, body, access) = try await load(id)
        return View(meeting: meeting, body: body, participants: try await MeetingParticipantRepository.list(tx, meeting: id), access: access)
    }

    /// The occurrence, its body and the caller's rights; 404 for one the caller may not read (as for an unknown id).
    func load(_ id: UUID, lock: Bool = false) async throws -> (Meeting, MeetingBody, Access) {
        guard let meeting = try await MeetingRepository.get(tx, id: id, lock: lock),
              let body = try await MeetingBodyRepository.get(tx, id: meeting.bodyID)
        else { throw DomainError(.notFound, "meeting not found") }
        let access = Access(
            isParticipant: try await MeetingParticipantRepository.isParticipant(tx, meeting: id, member: identity.memberID),
            isFacilitator: body.facilitatorID == identity.memberID,
            manages: identity.authorizer.can(identity.actor, .manageMeetings, in: body.scope).allowed)
        guard access.isParticipant || MeetingBodies(tx, caller).canRead(body) else { throw DomainError(.notFound, "meeting not found") }
        return (meeting, body, access)
    }

    /// 403 unless the caller may contribute; an occurrence that was cancelled takes no more work.
    func requireContribute(_ access: Access, _ meeting: Meeting) throws {
        guard access.canContribute else {
            throw DomainError(.forbidden, "only the meeting's participants, its facilitator and meeting managers may do this", permission: Permission.manageMeetings.rawValue)
        }
        guard meeting.state != .cancelled else { throw DomainError(.conflict, "the meeting was cancelled") }
    }

    func requireRun(_ access: Access) throws {
        guard access.canRun else {
            throw DomainError(.forbidden, "only the meeting's facilitator and meeting managers may do this", permission: Permission.manageMeetings.rawValue)
        }
    }

    /// The caller's occurrences in `[from, to)`, as participant or facilitator, with their bodies' names.
    public func mine(from: Date, to: Date) async throws -> [(meeting: Meeting, bodyName: String)] {
        try await MeetingRepository.forMember(tx, member: identity.memberID, from: from, to: to)
    }

    // MARK: - The occurrence

    /// Moves one occurrence (its duration kept unless given); calendars see it moved, and a change of cadence leaves it.
    public func reschedule(_ id: UUID, startsAt: Date, durationMinutes: Int?, expectedVersion: Int?) async throws -> Meeting {
        let (meeting, _, access) = try await load(id, lock: true)
        try requireRun(access)
        guard meeting.state == .planned else { throw DomainError(.conflict, "only a planned meeting can be moved") }
        let duration = durationMinutes.map { TimeInterval($0 * 60) } ?? meeting.endsAt.timeIntervalSince(meeting.startsAt)
        if let durationMinutes, !(5...480).contains(durationMinutes) {
            throw DomainError(.invalid, "a meeting lasts 5 to 480 minutes", field: "duration_minutes")
        }
        guard startsAt > caller.now.addingTimeInterval(-86_400 * 366), startsAt < caller.now.addingTimeInterval(86_400 * 800) else {
            throw DomainError(.invalid, "a meeting is moved to a time within the coming two years", field: "starts_at")
        }
        guard let saved = try await MeetingRepository.reschedule(
            tx, id: id, startsAt: startsAt, endsAt: startsAt.addingTimeInterval(duration), expectedVersion: expectedVersion)
        else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "meeting.reschedule", resource: "meeting", id: id, before: meeting, after: saved)
        return saved
    }

    /// Cancels one occurrence (calendars show it cancelled), marks it held, or plans a cancelled one again.
    public func setState(_ id: UUID, _ state: Meeting.State, expectedVersion: Int?) async throws -> Meeting {
        let (meeting, body, access) = try await load(id, lock: true)
        try requireRun(access)
        guard meeting.state != state else { return meeting }
        if meeting.state == .cancelled, body.archivedAt != nil {
            throw DomainError(.conflict, "the meeting body is archived")
        }
        guard let saved = try await MeetingRepository.setState(tx, id: id, state, expectedVersion: expectedVersion) else {
            throw DomainError.stale
        }
        try await Audit.record(tx, caller, action: "meeting.\(state.rawValue)", resource: "meeting", id: id, before: meeting, after: saved)
        return saved
    }

    // MARK: - Attendance

    /// Records whether members attended (`nil`: not recorded) — one member from the API, a whole form from the page,
    /// checked and written together; someone who joined on the day is added to the occurrence.
    public func setAttendance(_ id: UUID, _ marks: [(member: UUID, attended: Bool?)]) async throws {
        let (meeting, _, access) = try await load(id)
        try requireRun(access)
        guard meeting.state != .cancelled else { throw DomainError(.conflict, "the meeting was cancelled") }
        let states = try await MeetingParticipantRepository.memberStates(tx, marks.map(\.member))
        for mark in marks {
            guard let active = states[mark.member] else { throw DomainError(.invalid, "no such member in this organisation", field: "member_id") }
            guard active else { throw DomainError(.invalid, "the member is deactivated", field: "member_id") }
        }
        try await MeetingParticipantRepository.setAttendance(tx, meeting: id, marks: marks)
        try await MeetingRepository.markTouched(tx, id: id)
        try await Audit.record(
            tx, caller, action: "meeting.attendance", resource: "meeting", id: id,
            after: Dictionary(marks.map { ($0.member.uuidString.lowercased(), $0.attended.map { $0 ? "yes" : "no" } ?? "unknown") },
                              uniquingKeysWith: { _, last in last }))
    }

    // MARK: - Minutes

    public static let maxMinutes = 100_000

    /// Saves the minutes (Markdown); a stale version is refused so two note-takers do not overwrite each other.
    public func saveMinutes(_ id: UUID, _ text: String, expectedVersion: Int?) async throws -> Meeting {
        let (meeting, _, access) = try await load(id)
        try requireContribute(access, meeting)
        guard text.count <= Self.maxMinutes else { throw DomainError(.invalid, "minutes are at most 100,000 characters", field: "minutes") }
        guard !text.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw DomainError(.invalid, "the text contains a NUL character", field: "minutes")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let saved = try await MeetingRepository.saveMinutes(
            tx, id: id, minutes: trimmed.isEmpty ? nil : text, expectedVersion: expectedVersion)
        else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "meeting.minutes", resource: "meeting", id: id)
        return saved
    }

    // MARK: - Decisions

    public func decisions(_ id: UUID) async throws -> [MeetingDecisionRepository.Decision] {
        _ = try await load(id)
        return try await MeetingDecisionRepository.list(tx, meeting: id)
    }

    public func recordDecision(_ id: UUID, text: String, decidedBy: UUID?, subject: AgendaSubject?) async throws -> MeetingDecisionRepository.Decision {
        let (meeting, _, access) = try await load(id)
        try requireContribute(access, meeting)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(trimmed.count), !trimmed.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw DomainError(.invalid, "a decision is 1 to 2000 characters", field: "text")
        }
        if let decidedBy { try await GoalAccess.requireActiveMember(tx, decidedBy, field: "decided_by") }
        if let subject { try await requireReadable(subject, field: "subject_id") }
        let decision = try await MeetingDecisionRepository.insert(tx, .init(
            id: .v7(), meetingID: id, text: trimmed, decidedBy: decidedBy, subject: subject, createdBy: identity.memberID, createdAt: caller.now))
        try await MeetingRepository.markTouched(tx, id: id)
        try await Audit.record(tx, caller, action: "meeting.decision", resource: "meeting", id: id,
                               after: ["decision_id": decision.id.uuidString.lowercased()])
        return decision
    }

    public func removeDecision(_ id: UUID, decision decisionID: UUID) async throws {
        let (meeting, _, access) = try await load(id)
        try requireContribute(access, meeting)
        guard let decision = try await MeetingDecisionRepository.get(tx, meeting: id, id: decisionID) else {
            throw DomainError(.notFound, "decision not found")
        }
        guard decision.createdBy == identity.memberID || access.canRun else {
            throw DomainError(.forbidden, "only whoever recorded a decision, the facilitator and meeting managers may remove it", permission: Permission.manageMeetings.rawValue)
        }
        try await MeetingDecisionRepository.delete(tx, meeting: id, id: decisionID)
        try await Audit.record(tx, caller, action: "meeting.decision_remove", resource: "meeting", id: id,
                               before: ["decision_id": decisionID.uuidString.lowercased(), "text": decision.text])
    }

    /// A subject a person links to must be one they can read (one they cannot answers as an unknown one); answers who
    /// may see an item about it: that subject's readers.
    @discardableResult
    func requireReadable(_ subject: AgendaSubject, field: String) async throws -> AgendaVisibility {
        switch subject.kind {
        case .goal:
            guard let goal = try await GoalRepository.get(tx, id: subject.id), GoalAccessRules.canRead(identity.actor, goal, authorizer: identity.authorizer) else {
                throw DomainError(.invalid, "no such goal in this organisation", field: field)
            }
            return .goals(scope: goal.permissionScope, people: [goal.ownerID])
        case .customer:
            guard let customer = try await CustomerRepository.get(tx, id: subject.id),
                  CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
            else { throw DomainError(.invalid, "no such customer in this organisation", field: field) }
            return .customers(scope: customer.scope, people: [customer.ownerID, customer.salesOwnerID].compactMap { $0 })
        default:
            throw DomainError(.invalid, "link a goal or a customer", field: "subject_type")
        }
    }
}
