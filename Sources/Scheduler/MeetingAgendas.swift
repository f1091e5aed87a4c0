public import Database
public import Domain
public import Foundation
import Logging
public import Store
public import UseCases

/// Meetings run by themselves: a daily schedule at 06:30 org time keeps every series planned a year ahead with its
/// current participants, and writes each occurrence's agenda its lead time in business days before it (default 2),
/// notifying the participants. A missed day is caught up by the next run: an agenda not written yet is written as
/// soon as its day has come, and a rerun writes nothing twice (only occurrences without an agenda are looked at).
public enum MeetingAgendas {
    public static let scheduleName = "meetings.agendas"
    public static let jobKind = "meetings.write_agendas"

    public static func schedule(org: UUID, zone: TimeZone, calendar: BusinessCalendar, now: Date) -> Schedule {
        BuiltInSchedules.daily(
            org: org, name: scheduleName, jobKind: jobKind, at: LocalTime(hour: 6, minute: 30)!, zone: zone, calendar: calendar, now: now)
    }

    public static func ensureSchedules(_ store: Store) async throws {
        try await BuiltInSchedules.ensure(store, name: scheduleName) { schedule(org: $0, zone: $1, calendar: $2, now: $3) }
    }

    @discardableResult
    public static func write(_ context: JobContext) async throws -> MeetingAgendaRun.Outcome {
        guard let org = context.job.orgID else { return .init(written: 0, notified: 0) }
        return try await context.store.tenant(org) { tx in
            var now = Date.distantPast
            if let pinned = context.now { now = pinned } else { now = try await JobRepository.databaseNow(tx) }
            let outcome = try await MeetingAgendaRun.run(tx, now: now)
            context.logger.info(
                "meeting agendas", metadata: ["org": "\(org)", "written": "\(outcome.written)", "notified": "\(outcome.notified)"])
            return outcome
        }
    }

    public static var handlers: [String: JobHandler] {
        [jobKind: { context in _ = try await write(context) }]
    }
}
