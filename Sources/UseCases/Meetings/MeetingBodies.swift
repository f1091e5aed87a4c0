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
            throw DomainError(.conflict, "the meeting body was changed by someone else; reload it")
        }
        guard body.archivedAt == nil else { return body }
        let before = body
        body.archivedAt = caller.now
        guard let saved = try await MeetingBodyRepository.update(tx, body) else {
            throw DomainError(.conflict, "the meeting body was changed by someone else; reload it")
        }
        let future = try await MeetingRepository.upcoming(tx, body: id, from: caller.now)
        try await MeetingRepository.cancel(tx, ids: future.filter { $0.state == .planned }.map(\.id))
        try await Audit.record(tx, caller, action: "meeting_body.archive", resource: "meeting_body", id: id, before: before, after: saved)
        return saved
    }

    /// Brings the body's future occurrences in step with its cadence up to the horizon (``MeetingPlanning``).
    func replan(_ body: MeetingBody) async throws {
        let facts = try await OrgFacts.load(tx, reader: nil)
        guard let cadence = body.cadence, body.archivedAt == nil,
              let zone = TimeZone(identifier: facts.timeZone) else { return }
        let now = caller.now
        let horizon = Recurrence.instant(
            facts.today.adding(months: Self.horizonMonths), LocalTime(hour: 23, minute: 59)!, in: zone)
        let wanted = cadence.occurrences(after: now, through: horizon, in: zone, calendar: facts.calendar, limit: 400)
        let existing = try await MeetingRepository.upcoming(tx, body: body.id, from: now)
        let plan = MeetingPlanning.plan(wanted: wanted, existing: existing)
        try await MeetingRepository.cancel(tx, ids: plan.cancel)
        try await MeetingRepository.flagOffCadence(tx, ids: plan.flag)
        try await MeetingRepository.plan(tx, body: body.id, occurrences: plan.create, duration: TimeInterval(body.durationMinutes * 60))
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
        if let facilitator = body.facilitatorID { try await GoalAccess.requireActiveMember(tx, facilitator, field: "facilitator_id") }
        for participant in body.participants {
            switch participant {
            case .member(let id): try await GoalAccess.requireActiveMember(tx, id, field: "participants")
            case .position(let id):
                guard try await PositionRepository.get(tx, id: id) != nil else {
                    throw DomainError(.invalid, "no such position in this organisation", field: "participants")
                }
            }
        }
    }
}
