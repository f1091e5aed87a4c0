public import Domain
public import Foundation
import Logging
public import Store
public import UseCases

/// Check-ups send themselves: a daily schedule at 09:00 org time runs ``CheckUpMailing/runDaily(_:now:publicURL:)``
/// — the team plans whose day has come (on business days) send their customers this month's check-up, once, and
/// open links past the org's reminder days get their one reminder. A missed day is caught up by the next run; a
/// rerun sends nothing twice (one send per plan, customer and month; one reminder per send).
public enum CheckUpSending {
    public static let scheduleName = "check_ups.daily"
    public static let jobKind = "check_ups.send"

    public static func schedule(org: UUID, zone: TimeZone, calendar: BusinessCalendar, now: Date) -> Schedule {
        BuiltInSchedules.daily(
            org: org, name: scheduleName, jobKind: jobKind, at: LocalTime(hour: 9, minute: 0)!, zone: zone, calendar: calendar, now: now)
    }

    public static func ensureSchedules(_ store: Store) async throws {
        try await BuiltInSchedules.ensure(store, name: scheduleName) { schedule(org: $0, zone: $1, calendar: $2, now: $3) }
    }

    @discardableResult
    public static func run(_ context: JobContext, publicURL: String) async throws -> CheckUpMailing.Outcome {
        guard let org = context.job.orgID else { return CheckUpMailing.Outcome() }
        let store = context.now.map { context.store.pinned(at: $0) } ?? context.store
        return try await store.tenant(org) { tx in
            var now = Date.distantPast
            if let pinned = context.now { now = pinned } else { now = try await JobRepository.databaseNow(tx) }
            let outcome = try await CheckUpMailing.runDaily(tx, now: now, publicURL: publicURL)
            context.logger.info("check-ups", metadata: ["org": "\(org)", "sent": "\(outcome.sent)", "reminded": "\(outcome.reminded)"])
            return outcome
        }
    }

    /// The handler needs the deployment's public URL for the links it mails.
    public static func handlers(publicURL: String) -> [String: JobHandler] {
        [jobKind: { context in _ = try await run(context, publicURL: publicURL) }]
    }
}
