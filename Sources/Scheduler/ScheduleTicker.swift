import Database
import Domain
public import Foundation
public import Logging
import Metrics
public import Store

/// Fires due schedules (DESIGN §5): for each schedule whose next occurrence has come, decides by its misfire policy
/// what each due occurrence does, writes the ledger row and — for a fire — enqueues the job in the same
/// transaction. Schedule rows are locked with SKIP LOCKED and the ledger is keyed by (schedule, nominal local time),
/// so any number of tickers on any nodes fire each occurrence once, with no leader.
public struct ScheduleTicker: Sendable {
    let store: Store
    let logger: Logger

    public init(store: Store, logger: Logger = Logger(label: "banso.ticker")) {
        self.store = store
        self.logger = logger
    }

    /// Handles everything due at `now` (the database's clock when nil); returns how many occurrences were decided.
    @discardableResult
    public func tick(now: Date? = nil) async throws -> Int {
        var decided = 0
        while true {
            let (schedules, count) = try await store.system { tx -> (Int, Int) in
                var clock = now ?? Date.distantPast
                if now == nil { clock = try await JobRepository.databaseNow(tx) }
                let due = try await ScheduleRepository.lockDue(tx, now: clock, limit: 50)
                var count = 0
                for (schedule, zoneName) in due {
                    count += try await fire(tx, schedule, zone: Organization.zone(zoneName), clock: clock)
                }
                return (due.count, count)
            }
            decided += count
            if schedules < 50 { return decided }
        }
    }

    private func fire(_ system: Transaction, _ schedule: Schedule, zone: TimeZone, clock: Date) async throws -> Int {
        guard let from = schedule.nextFireAt else { return 0 }
        let tx = TenantTransaction.acting(for: schedule.orgID, in: system)
        let calendar = BusinessCalendar.forOrg(
            timeZone: zone.identifier, closures: try await ScheduleRepository.closures(tx))
        let due = schedule.recurrence.occurrences(after: from.addingTimeInterval(-0.001), through: clock, in: zone, calendar: calendar)
        let decisions = schedule.misfire.decide(due, now: clock, maxLateness: schedule.maxLateness)
        for decision in decisions {
            Metrics.Timer(label: "banso_schedule_lateness_seconds", dimensions: [("outcome", decision.outcome.rawValue)])
                .recordNanoseconds(Int64(decision.lateness * 1e9))
            let jobID = decision.outcome == .fired ? UUID.v7() : nil
            // The ledger row first: if this occurrence was handled before, nothing else happens.
            guard try await ScheduleRepository.record(tx, schedule: schedule.id, decision: decision, jobID: jobID, now: clock)
            else { continue }
            if let jobID {
                try await JobRepository.enqueue(
                    tx,
                    NewJob(
                        kind: schedule.jobKind, payload: try payload(schedule, decision), orgID: schedule.orgID, queue: schedule.queue,
                        uniqueKey: "schedule:\(schedule.id.uuidString.lowercased()):\(decision.occurrence.nominal)", id: jobID),
                    now: clock)
            } else {
                logger.warning(
                    "a scheduled occurrence was missed", metadata: ["schedule": "\(schedule.name)", "nominal": "\(decision.occurrence.nominal)"])
                for admin in try await ScheduleRepository.administrators(tx) {
                    try await NotificationRepository.deliver(
                        tx, to: admin.member,
                        .scheduleMissed(schedule: schedule.name, nominal: decision.occurrence.nominal, lateHours: Int(decision.lateness / 3600), locale: admin.locale),
                        subjectType: "schedule", subjectID: schedule.id, now: clock)
                }
            }
        }
        let next = schedule.recurrence.next(after: clock, in: zone, calendar: calendar)
        try await ScheduleRepository.setNextFire(tx, id: schedule.id, at: next.instant)
        return decisions.count
    }

    /// The schedule's payload with the fire's facts added: when it was due (nominal, local) and how late it ran.
    private func payload(_ schedule: Schedule, _ decision: MisfirePolicy.Decision) throws -> String {
        var object = (try? JSONSerialization.jsonObject(with: Data(schedule.payload.utf8))) as? [String: Any] ?? [:]
        object["schedule_id"] = schedule.id.uuidString.lowercased()
        object["nominal"] = decision.occurrence.nominal
        object["due_at"] = ISO8601DateFormatter().string(from: decision.occurrence.instant)
        object["lateness_seconds"] = decision.lateness
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
