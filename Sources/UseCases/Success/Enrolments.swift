public import Domain
public import Foundation
public import Store

/// Enrolments: a customer in a success program, run by a CSM with the client's participants. Enrolling copies the
/// template's months and budget; the result completes the program, moves the customer out of onboarding when the
/// goal was reached, and says so on the timeline.
public struct Enrolments: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var customerID: UUID
        public var templateID: UUID
        /// `nil`: today in the org's time zone.
        public var startDate: LocalDate?
        /// `nil`: the customer's owner, else the caller.
        public var csmID: UUID?
        public var participantIDs: [UUID]

        public init(customerID: UUID, templateID: UUID, startDate: LocalDate?, csmID: UUID?, participantIDs: [UUID]) {
            (self.customerID, self.templateID, self.startDate, self.csmID, self.participantIDs) = (customerID, templateID, startDate, csmID, participantIDs)
        }
    }

    public struct Changes: Sendable {
        public var state: Enrolment.State?
        public var participantIDs: [UUID]?
        public var csmID: UUID?
        public init() {}
    }

    /// One program month: its days and its use of the hour budget.
    public struct Month: Sendable {
        public var number: Int
        public var days: ClosedRange<LocalDate>
        public var use: BudgetUse
    }

    /// Everything an enrolment's page and JSON show.
    public struct View: Sendable {
        public var enrolment: Enrolment
        public var customerName: String
        public var months: [Month]
        public var outsideMinutes: Int
        public var sessions: [ProgramSession]
        public var goalSheet: GoalSheet?
        public var reminders: [ProgramReminders.Reminder]
        public var today: LocalDate
    }

    // MARK: Reading

    public func view(_ id: UUID) async throws -> View {
        let (enrolment, customer) = try await EnrolmentAccess.readable(tx, identity, id)
        return try await Self.view(tx, enrolment, customer)
    }

    /// The views of enrolments the caller has listed (``list(_:after:limit:)`` reads only what the caller may): five
    /// statements for the lot, where one ``view(_:)`` each would be five per row.
    public func views(_ enrolments: [Enrolment]) async throws -> [View] {
        guard !enrolments.isEmpty else { return [] }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let ids = enrolments.map(\.id)
        let names = try await CustomerRepository.names(tx, enrolments.map(\.customerID))
        let sessions = try await ProgramSessionRepository.list(tx, enrolments: ids)
        let sheets = try await GoalSheetRepository.list(tx, enrolments: ids)
        return enrolments.map {
            Self.view($0, customerName: names[$0.customerID] ?? "", sessions: sessions[$0.id] ?? [], sheet: sheets[$0.id], today: today)
        }
    }

    static func view(_ tx: TenantTransaction, _ enrolment: Enrolment, _ customer: Customer) async throws -> View {
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let sessions = try await ProgramSessionRepository.list(tx, enrolment: enrolment.id)
        let sheet = try await GoalSheetRepository.get(tx, enrolment: enrolment.id)
        return view(enrolment, customerName: customer.name, sessions: sessions, sheet: sheet, today: today)
    }

    static func view(
        _ enrolment: Enrolment, customerName: String, sessions: [ProgramSession], sheet: GoalSheet?, today: LocalDate
    ) -> View {
        let calendar = enrolment.calendar
        let budget = HourBudget(calendar: calendar, monthlyBudgetMinutes: enrolment.monthlyBudgetMinutes, entries: sessions.compactMap(\.budgetEntry))
        let months = (1...enrolment.months).map { Month(number: $0, days: calendar.days(ofMonth: $0), use: budget.status(month: $0)) }
        return View(
            enrolment: enrolment, customerName: customerName, months: months, outsideMinutes: budget.outsideMinutes, sessions: sessions,
            goalSheet: sheet, reminders: ProgramReminders.due(enrolment: enrolment, sessions: sessions, goalSheet: sheet, today: today),
            today: today)
    }

    /// The enrolments of the customers the caller reads, filtered.
    public func list(_ filter: EnrolmentRepository.Filter, after cursor: UUID?, limit: Int) async throws -> Page<Enrolment> {
        try await EnrolmentRepository.list(tx, filter, visibleTo: identity.reach(.readCustomers), after: cursor, limit: limit)
    }

    /// One customer's enrolments (404 for a customer the caller may not read).
    public func list(customer id: UUID, after cursor: UUID?, limit: Int) async throws -> Page<Enrolment> {
        _ = try await Customers.readable(tx, identity, id)
        return try await list(.init(customerID: id), after: cursor, limit: limit)
    }

    // MARK: Changing

    public func create(_ new: New) async throws -> View {
        guard let customer = try await CustomerRepository.get(tx, id: new.customerID, lock: true),
              CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
        else { throw DomainError(.invalid, "no such customer in this organisation", field: "customer_id") }
        try EnrolmentAccess.requireRun(identity, customer)
        guard customer.archivedAt == nil else { throw DomainError(.conflict, "the customer is archived; restore it first") }
        guard let template = try await ProgramTemplateRepository.get(tx, id: new.templateID), template.archivedAt == nil else {
            throw DomainError(.invalid, "no such live program template", field: "template_id")
        }
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        let csm = new.csmID ?? customer.ownerID ?? identity.memberID
        try await requireCSM(csm)
        try await EnrolmentAccess.requireContacts(tx, new.participantIDs, of: customer.id, field: "participant_ids")
        let enrolment = try Enrolment(
            id: .v7(), customerID: customer.id, template: template, startDate: new.startDate ?? facts.today, csmID: csm,
            participantIDs: new.participantIDs, createdAt: caller.now
        ).validated()
        let saved = try await EnrolmentRepository.insert(tx, enrolment)
        try await TimelineRepository.insertSystem(
            tx, customer: customer.id, kind: "event",
            title: ProgramTimelineText.enrolled(template: template.name, start: saved.startDate, facts.orgLocale),
            author: identity.memberID, at: caller.now, subjectType: "enrolment", subjectID: saved.id)
        try await Audit.record(tx, caller, action: "enrolment.create", resource: "enrolment", id: saved.id, after: saved)
        return try await Self.view(tx, saved, customer)
    }

    /// Changes the CSM, the participants or the state. Completing goes through ``setResult(_:_:expectedVersion:)``,
    /// which records why; a cancelled program can be resumed only while the customer has no other running one.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> View {
        let (current, customer) = try await EnrolmentAccess.writable(tx, identity, id, expectedVersion: expectedVersion)
        var next = current
        if let state = changes.state, state != current.state {
            guard state != .completed else {
                throw DomainError(.invalid, "a program is completed by recording its result", field: "state")
            }
            guard current.state != .completed else {
                throw DomainError(.conflict, "a completed program is not reopened", field: "state")
            }
            next.state = state
        }
        if let csm = changes.csmID, csm != current.csmID {
            try await requireCSM(csm)
            next.csmID = csm
        }
        if let participants = changes.participantIDs {
            try await EnrolmentAccess.requireContacts(tx, participants, of: customer.id, field: "participant_ids")
            next.participantIDs = participants
        }
        next = try next.validated()
        guard let saved = try await EnrolmentRepository.update(tx, next) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "enrolment.update", resource: "enrolment", id: id, before: current, after: saved)
        return try await Self.view(tx, saved, customer)
    }

    /// Plans or records the success presentation; once held it stands on the timeline (``ProgramTimeline``).
    public func setPresentation(_ id: UUID, _ presentation: SuccessPresentation, expectedVersion: Int?) async throws -> View {
        let (current, customer) = try await EnrolmentAccess.writable(tx, identity, id, expectedVersion: expectedVersion)
        guard current.state != .cancelled else { throw DomainError(.conflict, "the program was cancelled") }
        var next = current
        next.presentation = presentation
        next = try next.validated()
        guard let saved = try await EnrolmentRepository.update(tx, next) else { throw DomainError.stale }
        if saved.presentation != current.presentation { try await ProgramTimeline.syncPresentation(tx, saved, now: caller.now) }
        try await Audit.record(tx, caller, action: "enrolment.presentation", resource: "enrolment", id: id, before: current, after: saved)
        return try await Self.view(tx, saved, customer)
    }

    /// Records the result: the program is completed; a reached goal moves a customer still in onboarding to the
    /// next phase (outcome, 成果創出) — never backwards; the timeline says how it ended; the success-definition
    /// measures the goal stood for (`measureIDs`, if any) are marked through the customer-success part.
    public func setResult(_ id: UUID, _ result: ProgramResult, measureIDs: [UUID] = [], expectedVersion: Int?) async throws -> View {
        let (current, customer) = try await EnrolmentAccess.writable(tx, identity, id, expectedVersion: expectedVersion)
        guard current.state != .cancelled else { throw DomainError(.conflict, "the program was cancelled") }
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        guard result.decidedOn <= facts.today else {
            throw DomainError(.invalid, "the result cannot be decided in the future", field: "result.decided_on")
        }
        guard result.decidedOn >= current.startDate else {
            throw DomainError(.invalid, "the result is decided after the program starts", field: "result.decided_on")
        }
        var next = current
        next.result = result
        next.state = .completed
        next = try next.validated()
        guard let saved = try await EnrolmentRepository.update(tx, next) else { throw DomainError.stale }
        try await TimelineRepository.insertSystem(
            tx, customer: customer.id, kind: "event", title: ProgramTimelineText.result(reached: result.goalReached, facts.orgLocale),
            body: saved.result?.evidence, author: identity.memberID, at: caller.now, subjectType: "enrolment", subjectID: id)
        var after = customer
        if result.goalReached, customer.phase == .onboarding {
            after = try await movePhase(customer, to: .outcome, since: max(result.decidedOn, customer.phaseSince), locale: facts.orgLocale)
        }
        if !measureIDs.isEmpty {
            _ = try await CustomerSuccess(tx, caller).recordFromProgram(
                customer: customer.id,
                .init(enrolmentID: id, measureIDs: measureIDs, met: result.goalReached, evidence: saved.result?.evidence ?? "", on: result.decidedOn))
        }
        try await Audit.record(tx, caller, action: "enrolment.result", resource: "enrolment", id: id, before: current, after: saved)
        return try await Self.view(tx, saved, after)
    }

    /// The customer's phase change as the customers part records one (history, timeline, audit).
    func movePhase(_ customer: Customer, to phase: LifecyclePhase, since: LocalDate, locale: Organization.Locale) async throws -> Customer {
        guard let locked = try await CustomerRepository.get(tx, id: customer.id, lock: true) else { throw DomainError(.notFound, "customer not found") }
        var next = locked
        next.phase = phase
        next.phaseSince = since
        next.riskReasons = []
        next.churnReason = nil
        let saved = try await CustomerRepository.update(tx, next)
        try await CustomerHistoryRepository.changePhase(
            tx, customer: customer.id, to: phase, since: since, risks: [], churnReason: nil, by: identity.memberID)
        try await TimelineRepository.insertSystem(
            tx, customer: customer.id, kind: "phase_change", title: CustomerTimelineText.phaseChange(from: locked.phase, to: phase, locale),
            author: identity.memberID, at: caller.now)
        try await Audit.record(tx, caller, action: "customer.phase", resource: "customer", id: customer.id, before: locked, after: saved)
        return saved
    }

    /// The program's CSM is an active member; naming someone else needs reach over them (no one hands work to a
    /// person of higher rank).
    func requireCSM(_ csm: UUID) async throws {
        try await GoalAccess.requireActiveMember(tx, csm, field: "csm_id")
        if csm != identity.memberID { try await Members.requireReach(identity, over: csm, tx: tx) }
    }
}
