public import Domain
public import Foundation
public import Store

/// Schedules an org's operators or a goal's owner make — a recurring nudge to update a goal, a recurring
/// `schedule.fired` to the org's webhooks — evaluated in the org's time zone and business calendar. A goal's
/// schedule is seen by whoever may read the goal and changed by whoever may write it; the org's belong to its
/// operators. Another's schedule they may not see is not said to exist.
public struct Schedules: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The org's zone, business calendar and the database's now: what next occurrences are computed with.
    public struct Clock: Sendable {
        public var zone: TimeZone
        public var calendar: BusinessCalendar
        public var now: Date
    }

    /// A schedule to make, its fields already validated by the adapter.
    public struct NewSchedule: Sendable {
        public var work: ScheduledWork
        public var name: String
        public var goalID: UUID?
        public var recurrence: Recurrence
        public var misfire: MisfirePolicy?
        public var maxLateness: Double
        public var active: Bool?
        public var message: String?

        public init(
            work: ScheduledWork, name: String, goalID: UUID?, recurrence: Recurrence, misfire: MisfirePolicy?, maxLateness: Double,
            active: Bool?, message: String?
        ) {
            (self.work, self.name, self.goalID, self.recurrence) = (work, name, goalID, recurrence)
            (self.misfire, self.maxLateness, self.active, self.message) = (misfire, maxLateness, active, message)
        }
    }

    /// What an edit changes, validated: `nil` leaves a field alone; `message` `.some(nil)` clears it.
    public struct Changes: Sendable {
        public var name: String?
        public var recurrence: Recurrence?
        public var misfire: MisfirePolicy?
        public var maxLateness: Double?
        public var active: Bool?
        public var message: String??

        public init(
            name: String?, recurrence: Recurrence?, misfire: MisfirePolicy?, maxLateness: Double?, active: Bool?, message: String??
        ) {
            (self.name, self.recurrence, self.misfire, self.maxLateness, self.active, self.message) =
                (name, recurrence, misfire, maxLateness, active, message)
        }
    }

    /// The org's schedules (operators only), or one goal's (whoever may read the goal).
    public func list(goalID: UUID?) async throws -> ([Schedule], Clock) {
        let schedules: [Schedule]
        if let goalID {
            guard let goal = try await GoalRepository.get(tx, id: goalID), GoalAccess.canRead(identity, goal)
            else { throw DomainError(.notFound, "goal not found") }
            schedules = try await ScheduleRepository.list(tx, subject: .goal, id: goal.id)
        } else {
            try identity.require(.manageJobs, in: .org)
            schedules = try await ScheduleRepository.list(tx)
        }
        return (schedules, try await clock())
    }

    /// Makes a schedule: a goal nudge needs the right to write an active goal, an org-wide one an operator.
    public func create(_ new: NewSchedule) async throws -> (Schedule, Clock) {
        var payload: [String: String] = [:]
        if let message = new.message { payload["message"] = message }
        switch new.work.subjectType {
        case .goal:
            guard let goalID = new.goalID else { throw DomainError(.missing, "a goal nudge names its goal", field: "goal_id") }
            try await requireGoalWrite(goalID)
            payload["goal_id"] = goalID.uuidString.lowercased()
        case .org:
            try identity.require(.manageJobs, in: .org)
        }
        let clock = try await clock()
        var schedule = Schedule(
            id: .v7(), orgID: identity.orgID, name: new.name, jobKind: new.work.rawValue, payload: try Self.json(payload),
            recurrence: new.recurrence, misfire: new.misfire ?? new.work.defaultMisfire, maxLateness: new.maxLateness,
            active: new.active ?? true, nextFireAt: new.recurrence.next(after: clock.now, in: clock.zone, calendar: clock.calendar).instant)
        schedule.subjectType = new.work.subjectType
        schedule.subjectID = new.goalID
        let created = try await ScheduleRepository.insert(tx, schedule, by: identity.memberID)
        try await Audit.record(
            tx, caller, action: "schedule.create", resource: "schedule", id: created.id, after: ScheduleDTO(created, clock))
        return (created, clock)
    }

    public func get(_ id: UUID) async throws -> (Schedule, Clock) {
        (try await visible(id, forWriting: false), try await clock())
    }

    /// Re-times, renames, pauses or resumes a schedule. `edit` sees the schedule once the caller's right is
    /// checked and answers the validated changes, or refuses them (a built-in schedule only pauses or resumes: the
    /// adapter words that refusal).
    public func update(_ id: UUID, _ edit: (Schedule) throws -> Changes) async throws -> (Schedule, Clock) {
        let before = try await visible(id, forWriting: true)
        let changes = try edit(before)
        var s = before
        if let name = changes.name { s.name = name }
        if let recurrence = changes.recurrence { s.recurrence = recurrence }
        if let misfire = changes.misfire { s.misfire = misfire }
        if let lateness = changes.maxLateness { s.maxLateness = lateness }
        if let active = changes.active { s.active = active }
        if let message = changes.message {
            var payload = (try? JSONSerialization.jsonObject(with: Data(s.payload.utf8))) as? [String: String] ?? [:]
            payload["message"] = message
            s.payload = try Self.json(payload)
        }
        let clock = try await clock()
        // Re-timed or resumed: the next occurrence from now, so a paused schedule does not catch up on what it
        // skipped.
        if changes.recurrence != nil || (changes.active == true && !before.active) {
            s.nextFireAt = s.recurrence.next(after: clock.now, in: clock.zone, calendar: clock.calendar).instant
        }
        guard let after = try await ScheduleRepository.update(tx, s) else { throw DomainError(.notFound, "schedule not found") }
        try await Audit.record(tx, caller, action: "schedule.update", resource: "schedule", id: id, after: ScheduleDTO(after, clock))
        return (after, clock)
    }

    /// Removes a schedule. `check` sees it once the caller's right is checked and may refuse (a built-in one is
    /// paused, not deleted: the adapter words that refusal).
    public func delete(_ id: UUID, _ check: (Schedule) throws -> Void) async throws {
        let schedule = try await visible(id, forWriting: true)
        try check(schedule)
        _ = try await ScheduleRepository.delete(tx, id: id)
        try await Audit.record(tx, caller, action: "schedule.delete", resource: "schedule", id: id)
    }

    /// The next five occurrences of an active schedule, to check a rule before relying on it.
    public static func upcoming(_ s: Schedule, _ clock: Clock) -> [Date] {
        var upcoming: [Date] = []
        var after = clock.now
        while s.active && upcoming.count < 5 {
            let next = s.recurrence.next(after: after, in: clock.zone, calendar: clock.calendar).instant
            upcoming.append(next)
            after = next
        }
        return upcoming
    }

    /// The message a nudge carries, kept in its payload.
    public static func message(of payload: String) -> String? {
        ((try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any])?["message"] as? String
    }

    /// The schedule if the caller may see it (a goal's: whoever may read the goal; the org's: operators) — or
    /// change it (a goal's: whoever may write the goal) — else 404 or 403.
    private func visible(_ id: UUID, forWriting: Bool) async throws -> Schedule {
        guard let schedule = try await ScheduleRepository.get(tx, id: id) else { throw DomainError(.notFound, "schedule not found") }
        if schedule.subjectType == .goal, let goalID = schedule.subjectID {
            guard let goal = try await GoalRepository.get(tx, id: goalID), GoalAccess.canRead(identity, goal)
            else { throw DomainError(.notFound, "schedule not found") }
            if forWriting { try GoalAccess.requireWrite(identity, goal) }
        } else {
            try identity.require(.manageJobs, in: .org)
        }
        return schedule
    }

    private func requireGoalWrite(_ goalID: UUID) async throws {
        guard let goal = try await GoalRepository.get(tx, id: goalID), GoalAccess.canRead(identity, goal)
        else { throw DomainError(.notFound, "no such goal", field: "goal_id") }
        try GoalAccess.requireWrite(identity, goal)
        guard goal.status == .active else { throw DomainError(.conflict, "the goal is not active", field: "goal_id") }
    }

    private func clock() async throws -> Clock {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        return Clock(
            zone: Organization.zone(facts.timeZone), calendar: try await GoalSettingsRepository.businessCalendar(tx),
            now: try await JobRepository.databaseNow(tx))
    }

    static func json(_ object: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
