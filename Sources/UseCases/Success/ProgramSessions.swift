public import Domain
public import Foundation
public import Store

/// An enrolment's sessions, planned and held. Held hours count against the budget of their program month and are
/// never refused for being over it — they were worked — but the first time a month goes past 100 %, the CSM's
/// manager is told (once per program month).
public struct ProgramSessions: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What a person writes; for an edit `nil` leaves a field as it is (``Changes``).
    public struct Input: Sendable {
        public var kind: ProgramSessionKind?
        public var plannedOn: LocalDate??
        public var heldOn: LocalDate??
        public var durationMinutes: Int??
        public var participantIDs: [UUID]?
        public var notes: String??
        public var supportedContactID: UUID??
        public var practised: String??
        public init() {}
    }

    public func list(enrolment id: UUID) async throws -> [ProgramSession] {
        let (enrolment, _) = try await EnrolmentAccess.readable(tx, identity, id)
        return try await ProgramSessionRepository.list(tx, enrolment: enrolment.id)
    }

    public func create(enrolment id: UUID, _ input: Input) async throws -> ProgramSession {
        let (enrolment, customer) = try await EnrolmentAccess.writable(tx, identity, id)
        guard enrolment.state == .active else { throw DomainError(.conflict, "sessions are logged while the program runs") }
        var session = ProgramSession(id: .v7(), enrolmentID: enrolment.id, kind: input.kind ?? .other, createdAt: caller.now, updatedAt: caller.now)
        apply(input, to: &session)
        session = try await checked(session, customer: customer)
        let saved = try await ProgramSessionRepository.insert(tx, session)
        try await ProgramTimeline.sync(tx, session: saved, id: saved.id, enrolment: enrolment, now: caller.now)
        try await flagOverBudget(enrolment, customer)
        try await Audit.record(tx, caller, action: "program_session.create", resource: "program_session", id: saved.id, after: saved)
        return saved
    }

    public func update(_ id: UUID, _ input: Input, expectedVersion: Int?) async throws -> ProgramSession {
        let (current, enrolment, customer) = try await writable(id)
        if let expectedVersion, expectedVersion != current.version { throw DomainError.stale }
        var next = current
        apply(input, to: &next)
        next = try await checked(next, customer: customer)
        guard let saved = try await ProgramSessionRepository.update(tx, next) else { throw DomainError.stale }
        try await ProgramTimeline.sync(tx, session: saved, id: saved.id, enrolment: enrolment, now: caller.now)
        try await flagOverBudget(enrolment, customer)
        try await Audit.record(tx, caller, action: "program_session.update", resource: "program_session", id: id, before: current, after: saved)
        return saved
    }

    public func delete(_ id: UUID, expectedVersion: Int?) async throws {
        let (current, enrolment, _) = try await writable(id)
        if let expectedVersion, expectedVersion != current.version { throw DomainError.stale }
        try await ProgramSessionRepository.delete(tx, id: id)
        try await ProgramTimeline.sync(tx, session: nil, id: id, enrolment: enrolment, now: caller.now)
        try await Audit.record(tx, caller, action: "program_session.delete", resource: "program_session", id: id, before: current)
    }

    /// The session, its enrolment (locked, so two loggings of hours judge the budget one after the other) and customer.
    func writable(_ id: UUID) async throws -> (ProgramSession, Enrolment, Customer) {
        guard let session = try await ProgramSessionRepository.get(tx, id: id, lock: true) else { throw Self.notFound }
        let enrolment: Enrolment, customer: Customer
        do {
            (enrolment, customer) = try await EnrolmentAccess.readable(tx, identity, session.enrolmentID, lock: true)
        } catch let error as DomainError where error.code == .notFound {
            throw Self.notFound
        }
        try EnrolmentAccess.requireRun(identity, customer)
        guard enrolment.state != .cancelled else { throw DomainError(.conflict, "the program was cancelled") }
        return (session, enrolment, customer)
    }

    static let notFound = DomainError(.notFound, "session not found")

    func apply(_ input: Input, to session: inout ProgramSession) {
        if let kind = input.kind { session.kind = kind }
        if let plannedOn = input.plannedOn { session.plannedOn = plannedOn }
        if let heldOn = input.heldOn { session.heldOn = heldOn }
        if let duration = input.durationMinutes { session.durationMinutes = duration }
        if let participants = input.participantIDs { session.participantIDs = participants }
        if let notes = input.notes { session.notes = notes }
        if let supported = input.supportedContactID { session.supportedContactID = supported }
        if let practised = input.practised { session.practised = practised }
    }

    func checked(_ session: ProgramSession, customer: Customer) async throws -> ProgramSession {
        let valid = try session.validated()
        if let held = valid.heldOn {
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
            guard held <= today else { throw DomainError(.invalid, "a session is held today or earlier", field: "held_on") }
        }
        try await EnrolmentAccess.requireContacts(tx, valid.participantIDs, of: customer.id, field: "participant_ids")
        if let supported = valid.supportedContactID {
            try await EnrolmentAccess.requireContacts(tx, [supported], of: customer.id, field: "supported_contact_id")
        }
        return valid
    }

    /// Tells the CSM's manager about each program month that has gone past 100 % and was not reported yet.
    func flagOverBudget(_ enrolment: Enrolment, _ customer: Customer) async throws {
        let sessions = try await ProgramSessionRepository.list(tx, enrolment: enrolment.id)
        let budget = HourBudget(calendar: enrolment.calendar, monthlyBudgetMinutes: enrolment.monthlyBudgetMinutes, entries: sessions.compactMap(\.budgetEntry))
        let over = budget.monthsOver
        guard !over.isEmpty else { return }
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        let manager = try await ProgramManagerLookup.manager(tx, of: enrolment.csmID, customer: customer, on: facts.today)
        let csmName = try await CustomerRepository.memberNames(tx, [enrolment.csmID])[enrolment.csmID] ?? ""
        for month in over {
            guard try await EnrolmentRepository.markSent(tx, enrolment: enrolment.id, key: "over_budget:\(month)") else { continue }
            guard let manager else { continue }
            let locale = try await GoalSettingsRepository.calendarFacts(tx, reader: manager).locale
            try await NotificationRepository.deliver(
                tx, to: manager,
                .programOverBudget(customer: customer.name, csm: csmName, month: month, use: budget.status(month: month), locale: locale),
                subjectType: "enrolment", subjectID: enrolment.id, now: caller.now)
        }
    }
}
