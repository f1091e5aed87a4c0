public import Database
public import Domain
public import Foundation
import Logging
public import Store
public import UseCases

/// Success programs remind their CSMs by themselves: a daily schedule at 08:30 org time runs ``ProgramReminding``
/// (each reminder once; a missed day is caught up by the next run).
public enum ProgramReminderRun {
    public static let scheduleName = "programs.reminders"
    public static let jobKind = "programs.remind"

    public static func schedule(org: UUID, zone: TimeZone, calendar: BusinessCalendar, now: Date) -> Schedule {
        BuiltInSchedules.daily(
            org: org, name: scheduleName, jobKind: jobKind, at: LocalTime(hour: 8, minute: 30)!, zone: zone, calendar: calendar, now: now)
    }

    public static func ensureSchedules(_ store: Store) async throws {
        try await BuiltInSchedules.ensure(store, name: scheduleName) { schedule(org: $0, zone: $1, calendar: $2, now: $3) }
    }

    @discardableResult
    public static func remind(_ context: JobContext) async throws -> Int {
        guard let org = context.job.orgID else { return 0 }
        return try await context.store.tenant(org) { tx in
            var now = Date.distantPast
            if let pinned = context.now { now = pinned } else { now = try await JobRepository.databaseNow(tx) }
            let sent = try await ProgramReminding.run(tx, now: now)
            context.logger.info("program reminders", metadata: ["org": "\(org)", "sent": "\(sent)"])
            return sent
        }
    }

    public static var handlers: [String: JobHandler] {
        [jobKind: { context in _ = try await remind(context) }]
    }
}
