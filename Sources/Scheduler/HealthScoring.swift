public import Database
public import Domain
public import Foundation
import Logging
public import Store
public import UseCases

/// The monthly health run and on-demand rescoring: every customer scored with the org's current model. The run
/// fires on the first business day of the month at 06:00 org time and scores the month just ended (the scores
/// stand for it); `health.rescore` (queued by `POST /v1/health/rescore`) scores the current month now.
public enum HealthScoring {
    public static let scheduleName = "customers.monthly_health"
    public static let jobKind = "health.score_month"
    public static let rescoreJobKind = HealthScoreRun.rescoreJobKind

    /// The monthly schedule, first firing after `now`.
    public static func schedule(org: UUID, zone: TimeZone, calendar: BusinessCalendar, now: Date) -> Schedule {
        let recurrence = Recurrence.nthBusinessDay(n: 1, at: LocalTime(hour: 6, minute: 0)!)
        return Schedule(
            id: .v7(), orgID: org, name: scheduleName, jobKind: jobKind, queue: "default", payload: "{}", recurrence: recurrence,
            misfire: .fireOnce, maxLateness: 7 * 86_400,
            nextFireAt: recurrence.next(after: now, in: zone, calendar: calendar).instant)
    }

    /// Gives every org that lacks them this part's built-in schedules.
    public static func ensureSchedules(_ store: Store) async throws {
        try await BuiltInSchedules.ensure(store, name: scheduleName) { schedule(org: $0, zone: $1, calendar: $2, now: $3) }
    }

    struct Payload: Decodable {
        var nominal: String?
    }

    /// The monthly fire: scores every customer of the job's org for the month before the fire's (nominal) day.
    @discardableResult
    public static func scoreMonth(_ context: JobContext) async throws -> HealthScoreRun.Summary? {
        guard let org = context.job.orgID else { return nil }
        let payload = try? JSONDecoder().decode(Payload.self, from: Data(context.job.payload.utf8))
        return try await context.store.tenant(org) { tx in
            var now = Date.distantPast
            if let pinned = context.now { now = pinned } else { now = try await JobRepository.databaseNow(tx) }
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
            let fired = payload?.nominal.flatMap { LocalDate(iso: String($0.prefix(10))) } ?? today
            let month = fired.firstOfMonth.adding(months: -1)
            let summary = try await HealthScoreRun.run(tx, month: month, source: .schedule, now: now)
            context.logger.info(
                "scored customers", metadata: ["org": "\(org)", "month": "\(month)", "scored": "\(summary.scored)", "dropped": "\(summary.dropped)"])
            return summary
        }
    }

    /// On-demand rescoring of every customer for the current month.
    @discardableResult
    public static func rescore(_ context: JobContext) async throws -> HealthScoreRun.Summary? {
        guard let org = context.job.orgID else { return nil }
        return try await context.store.tenant(org) { tx in
            var now = Date.distantPast
            if let pinned = context.now { now = pinned } else { now = try await JobRepository.databaseNow(tx) }
            return try await HealthScoreRun.run(tx, source: .onDemand, now: now)
        }
    }

    /// The handlers this part contributes to a worker.
    public static var handlers: [String: JobHandler] {
        [jobKind: { context in _ = try await scoreMonth(context) },
         rescoreJobKind: { context in _ = try await rescore(context) }]
    }
}
