public import Domain
public import Foundation
public import Store

/// Meeting bodies (会議体): created and edited by whoever manages meetings where the body lives, and kept planned:
/// saving a body with a cadence plans its occurrences for the next 12 months, so calendars show the series; a
/// change of cadence re-plans the untouched future ones; archiving cancels the future ones.
public struct MeetingBodies: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// How far ahead a series is planned.
    public static let horizonMonths = 12

    public struct New: Sendable {
        public var name: String
        public var purpose: MeetingPurpose
        public var objective: String
        public var companyID: UUID?
        public var teamID: UUID?
        public var facilitatorID: UUID?
        public var participants: [MeetingParticipant]
        public var cadence: Recurrence?
        public var durationMinutes: Int
        public var agendaLeadDays: Int
        /// `nil`: the purpose's standard template.
        public var template: AgendaTemplate?

        public init(
            name: String, purpose: MeetingPurpose, objective: String, companyID: UUID? = nil, teamID: UUID? = nil, facilitatorID: UUID? = nil,
            participants: [MeetingParticipant] = [], cadence: Recurrence? = nil, durationMinutes: Int = 60, agendaLeadDays: Int = 2,
            template: AgendaTemplate? = nil
        ) {
            (self.name, self.purpose, self.objective, self.companyID, self.teamID) = (name, purpose, objective, companyID, teamID)
            (self.facilitatorID, self.participants, self.cadence, self.durationMinutes) = (facilitatorID, participants, cadence, durationMinutes)
            (self.agendaLeadDays, self.template) = (agendaLeadDays, template)
        }
    }

    public func create(_ new: New) async throws -> MeetingBody {
        let (companyID, teamID) = try await placement(company: new.companyID, team: new.teamID)
        let now = caller.now
        let body = try MeetingBody(
            id: .v7(), name: new.name, purpose: new.purpose, objective: new.objective, companyID: companyID, teamID: teamID,
            facilitatorID: new.facilitatorID, participants: new.participants, cadence: new.cadence, durationMinutes: new.durationMinutes,
            agendaLeadDays: new.agendaLeadDays, template: new.template ?? .standard(for: new.purpose), createdAt: now, updatedAt: now
        ).validated()
        try identity.require(.manageMeetings, in: body.scope)
        try await checkPeople(body)
        let saved = try await MeetingBodyRepository.insert(tx, body)
        try await replan(saved)
        try await Audit.record(tx, caller, action: "meeting_body.create", resource: "meeting_body", id: saved.id, after: saved)
        return saved
    }

    /// The body, for whoever reads goals where it lives or takes part in it.
    public func get(_ id: UUID) async throws -> MeetingBody {
        guard let body = try await MeetingBodyRepository.get(tx, id: id), canRead(body) else {
            throw DomainError(.notFound, "meeting body not found")
        }
        return body
    }

    /// Archives the body: its future occurrences are cancelled (calendars show them cancelled); the past stays.
    public func archive(_ id: UUID, expectedVersion: Int?) async throws -> MeetingBody {
        guard var body = try await MeetingBodyRepository.get(tx, id: id, lock: true), canRead(body) else {
            throw DomainError(.notFound, "meeting body not found")
        }
        try identity.require(.manageMeetings, in: body.scope)
        if let expectedVersion, expectedVersion != body.version {
            throw DomainError.stale
        }
        guard body.archivedAt == nil else { return body }
        let before = body
        body.archivedAt = caller.now
        guard let saved = try await MeetingBodyRepository.update(tx, body) else {
            throw DomainError.stale
        }
        let future = try await MeetingRepository.upcoming(tx, body: id, from: caller.now)
        try await MeetingRepository.cancel(tx, ids: future.filter { $0.state == .planned }.map(\.id))
        try await Audit.record(tx, caller, action: "meeting_body.archive", resource: "meeting_body", id: id, before: before, after: saved)
        return saved
    }

    /// Brings the body's future occurrences in step with its cadence up to the horizon (``MeetingPlanning``).
    func replan(_ body: MeetingBody) async throws {
        try await Self.replan(tx, body, now: caller.now)
    }

    /// The same, for the scheduler's daily run (no caller): keeps the 12-month horizon moving and the participants
    /// current (a position's new holder, a deactivated member).
    public static func replan(_ tx: TenantTransaction, _ body: MeetingBody, now: Date, org: OrgFacts? = nil) async throws {
        let facts: OrgFacts
        if let org { facts = org } else { facts = try await OrgFacts.load(tx, reader: nil) }
        guard let cadence = body.cadence, body.archivedAt == nil,
              let zone = TimeZone(identifier: facts.timeZone) else { return }
        let horizon = Recurrence.instant(
            Recurrence.localDate(of: now, in: zone).adding(months: horizonMonths), LocalTime(hour: 23, minute: 59)!, in: zone)
        let wanted = cadence.occurrences(after: now, through: horizon, in: zone, calendar: facts.calendar, limit: 400)
        let existing = try await MeetingRepository.upcoming(tx, body: body.id, from: now)
        let plan = MeetingPlanning.plan(wanted: wanted, existing: existing)
        try await MeetingRepository.cancel(tx, ids: plan.cancel)
        try await MeetingRepository.flagOffCadence(tx, ids: plan.flag)
        try await MeetingRepository.plan(tx, body: body.id, occurrences: plan.create, duration: TimeInterval(body.durationMinutes * 60))
        try await syncParticipants(tx, body, zone: facts.timeZone, now: now)
    }

    func syncParticipants(_ body: MeetingBody, zone: String, only meeting: UUID? = nil) async throws {
        try await Self.syncParticipants(tx, body, zone: zone, now: caller.now, only: meeting)
    }

    /// Who takes part in each occurrence still to come, from the body's members and positions.
    public static func syncParticipants(_ tx: TenantTransaction, _ body: MeetingBody, zone: String, now: Date, only meeting: UUID? = nil) async throws {
        var named: [UUID] = []
        var positions: [UUID] = []
        for participant in body.participants {
            switch participant {
            case .member(let id): named.append(id)
            case .position(let id): positions.append(id)
            }
        }
        try await MeetingParticipantRepository.sync(
            tx, body: body.id, named: named, positions: positions, facilitator: body.facilitatorID, after: now, zone: zone,
            only: meeting)
    }

    /// The bodies the caller may read (archived ones when asked), by name.
    public func list(archived: Bool = false) async throws -> [MeetingBody] {
        try await MeetingBodyRepository.list(tx, archived: archived).filter(canRead)
    }

    /// What an edit may change; `nil` leaves a field as it is (`cadence`/`facilitator` use ``Change``).
    public struct Changes: Sendable {
        public enum Change<Value: Sendable>: Sendable {
            case keep, set(Value?)
        }
        public var name: String?
        public var purpose: MeetingPurpose?
        public var objective: String?
        public var facilitatorID: Change<UUID> = .keep
        public var participants: [MeetingParticipant]?
        public var cadence: Change<Recurrence> = .keep
        public var durationMinutes: Int?
        public var agendaLeadDays: Int?
        public var template: AgendaTemplate?
        public init() {}
    }

    /// Edits the body. A new cadence or duration re-plans the future occurrences nobody worked on (the others are
    /// kept and flagged); new participants join the future occurrences.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> MeetingBody {
        guard var body = try await MeetingBodyRepository.get(tx, id: id, lock: true), canRead(body) else {
            throw DomainError(.notFound, "meeting body not found")
        }
        try identity.require(.manageMeetings, in: body.scope)
        if let expectedVersion, expectedVersion != body.version {
            throw DomainError.stale
        }
        guard body.archivedAt == nil else { throw DomainError(.conflict, "the meeting body is archived") }
        let before = body
        if let name = changes.name { body.name = name }
        if let purpose = changes.purpose { body.purpose = purpose }
        if let objective = changes.objective { body.objective = objective }
        if case .set(let facilitator) = changes.facilitatorID { body.facilitatorID = facilitator }
        if let participants = changes.participants { body.participants = participants }
        if case .set(let cadence) = changes.cadence { body.cadence = cadence }
        if let duration = changes.durationMinutes { body.durationMinutes = duration }
        if let lead = changes.agendaLeadDays { body.agendaLeadDays = lead }
        if let template = changes.template { body.template = template }
        body = try body.validated()
        try await checkPeople(body)
        guard let saved = try await MeetingBodyRepository.update(tx, body) else {
            throw DomainError.stale
        }
        if saved.durationMinutes != before.durationMinutes {
            try await MeetingRepository.setDuration(tx, body: id, after: caller.now, minutes: saved.durationMinutes)
        }
        if saved.cadence != before.cadence {
            try await replan(saved)
        } else {
            let facts = try await OrgFacts.load(tx, reader: nil)
            try await syncParticipants(saved, zone: facts.timeZone)
        }
        try await Audit.record(tx, caller, action: "meeting_body.update", resource: "meeting_body", id: id, before: before, after: saved)
        return saved
    }

    func canRead(_ body: MeetingBody) -> Bool {
        if body.facilitatorID == identity.memberID || body.participants.contains(.member(identity.memberID)) { return true }
        return identity.authorizer.canSomewhere(identity.actor, .readGoals, within: body.scope)
    }

    /// The company and team, the team's company filled in (or checked) from the team.
    func placement(company: UUID?, team: UUID?) async throws -> (UUID?, UUID?) {
        guard let team else {
            if let company, try await CompanyRepository.get(tx, id: company) == nil {
                throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
            }
            return (company, nil)
        }
        guard let found = try await TeamRepository.get(tx, id: team) else {
            throw DomainError(.invalid, "no such team in this organisation", field: "team_id")
        }
        if let company, company != found.companyID {
            throw DomainError(.invalid, "the team belongs to another company", field: "team_id")
        }
        return (found.companyID, team)
    }

    /// The facilitator and every named participant are active members; every named position exists.
    func checkPeople(_ body: MeetingBody) async throws {
        // Up to 200 named members: looked up together.
        let named = body.participants.compactMap { if case .member(let id) = $0 { id } else { nil } }
        let states = try await MeetingParticipantRepository.memberStates(tx, named + (body.facilitatorID.map { [$0] } ?? []))
        func requireActive(_ id: UUID, field: String) throws {
            guard let active = states[id] else { throw DomainError(.invalid, "no such member in this organisation", field: field) }
            guard active else { throw DomainError(.invalid, "the member is deactivated", field: field) }
        }
        if let facilitator = body.facilitatorID { try requireActive(facilitator, field: "facilitator_id") }
        for participant in body.participants {
            switch participant {
            case .member(let id): try requireActive(id, field: "participants")
            case .position(let id):
                guard try await PositionRepository.get(tx, id: id) != nil else {
                    throw DomainError(.invalid, "no such position in this organisation", field: "participants")
                }
            }
        }
    }
}

extension MeetingBodies {
    /// The body's occurrences from now on (cancelled ones too), or its past ones latest first.
    public func occurrences(_ id: UUID, past: Bool, limit: Int) async throws -> [Meeting] {
        let body = try await get(id)
        return past
            ? try await MeetingRepository.past(tx, body: body.id, before: caller.now, limit: limit)
            : try await MeetingRepository.upcoming(tx, body: body.id, from: caller.now.addingTimeInterval(-8 * 3600), limit: limit)
    }
}
