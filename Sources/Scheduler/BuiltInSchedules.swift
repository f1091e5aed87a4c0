public import Domain
public import Foundation
public import Store

/// The schedules every org has from the start: the check-in cadence, the notification digests, the monthly health
/// run, the daily renewal alerts and the daily meeting run (imports have none: each upload queues its own job).
public enum BuiltInSchedules {
    /// Gives every org that lacks them its built-in schedules (new orgs, and orgs from before a schedule existed).
    public static func ensure(_ store: Store) async throws {
        try await CheckInCadence.ensureSchedules(store)
        try await NotificationDigests.ensureSchedules(store)
        try await HealthScoring.ensureSchedules(store)
        try await RenewalAlerts.ensureSchedules(store)
        try await MeetingAgendas.ensureSchedules(store)
        try await CheckUpSending.ensureSchedules(store)
        try await ProgramReminderRun.ensureSchedules(store)
        try await CheckUpSending.ensureSchedules(store)
    }

    /// A schedule that fires every day at `at` org time, a missed day caught up once within a week: the shape of
    /// the daily built-in runs (renewal alerts, the meeting run).
    static func daily(
        org: UUID, name: String, jobKind: String, at: LocalTime, zone: TimeZone, calendar: BusinessCalendar, now: Date
    ) -> Schedule {
        let recurrence = Recurrence.weekly(weekdays: [1, 2, 3, 4, 5, 6, 7], at: at)
        return Schedule(
            id: .v7(), orgID: org, name: name, jobKind: jobKind, queue: "default", payload: "{}", recurrence: recurrence,
            misfire: .fireOnce, maxLateness: 7 * 86_400,
            nextFireAt: recurrence.next(after: now, in: zone, calendar: calendar).instant)
    }

    /// Inserts the schedule named `name`, as `make` builds it for an org (its id, time zone, business calendar and
    /// the database's now), into every org that has none: the loop each single-schedule part shares.
    static func ensure(
        _ store: Store, name: String, _ make: @escaping @Sendable (UUID, TimeZone, BusinessCalendar, Date) -> Schedule
    ) async throws {
        let missing = try await store.system { tx in try await ScheduleRepository.orgsWithout(tx, name: name) }
        for (org, zoneName) in missing {
            try await store.tenant(org) { tx in
                let calendar = try await GoalSettingsRepository.businessCalendar(tx)
                let now = try await JobRepository.databaseNow(tx)
                try await ScheduleRepository.insertIfAbsent(tx, make(org, Organization.zone(zoneName), calendar, now))
            }
        }
    }
}
