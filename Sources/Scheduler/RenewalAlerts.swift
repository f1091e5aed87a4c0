public import Database
public import Domain
public import Foundation
import Logging
public import Store
public import UseCases

/// Renewal alerts 90, 60 and 30 days before each contract's cancellation-notice deadline: a daily schedule at
/// 08:00 org time. Each run sends the alerts due since the schedule's last fire through today (a missed day is
/// caught up), and a rerun sends nothing twice (one `renewal_alert` row per alert).
public enum RenewalAlerts {
    public static let scheduleName = "customers.renewal_alerts"
    public static let jobKind = "customers.send_renewal_alerts"

    public static func schedule(org: UUID, zone: TimeZone, calendar: BusinessCalendar, now: Date) -> Schedule {
        BuiltInSchedules.daily(
            org: org, name: scheduleName, jobKind: jobKind, at: LocalTime(hour: 8, minute: 0)!, zone: zone, calendar: calendar, now: now)
    }

    /// Gives every org that lacks them this part's built-in schedules.
    public static func ensureSchedules(_ store: Store) async throws {
        try await BuiltInSchedules.ensure(store, name: scheduleName) { schedule(org: $0, zone: $1, calendar: $2, now: $3) }
    }

    struct Payload: Decodable {
        var nominal: String?
        var scheduleId: String?

        enum CodingKeys: String, CodingKey {
            case nominal
            case scheduleId = "schedule_id"
        }
    }

    /// The daily fire: the alerts due after the schedule's previous fire through the fire's day.
    @discardableResult
    public static func sendAlerts(_ context: JobContext) async throws -> Int {
        guard let org = context.job.orgID else { return 0 }
        let payload = try? JSONDecoder().decode(Payload.self, from: Data(context.job.payload.utf8))
        return try await context.store.tenant(org) { tx in
            var now = Date.distantPast
            if let pinned = context.now { now = pinned } else { now = try await JobRepository.databaseNow(tx) }
            let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
            let today = payload?.nominal.flatMap { LocalDate(iso: String($0.prefix(10))) } ?? facts.today
            var lastRun: LocalDate?
            if let nominal = payload?.nominal, let schedule = payload?.scheduleId.flatMap(UUID.init(uuidString:)) {
                lastRun = try await RenewalAlertRepository.lastRun(tx, schedule: schedule, before: nominal)
            }
            let sent = try await RenewalAlerting.run(tx, today: today, lastRun: lastRun, now: now)
            context.logger.info("renewal alerts", metadata: ["org": "\(org)", "day": "\(today)", "sent": "\(sent)"])
            return sent
        }
    }

    /// The handlers this part contributes to a worker.
    public static var handlers: [String: JobHandler] {
        [jobKind: { context in _ = try await sendAlerts(context) }]
    }
}
