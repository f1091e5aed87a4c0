public import Database
public import Domain
public import Foundation
import Logging
public import Store

/// The daily digest (DESIGN §5): what members' preferences held back — their choice of a digest, quiet hours, the
/// org's weekly cap — goes out as one summary at the member's digest time, outside their quiet hours, at most once a
/// local day. A sweep every quarter hour per org finds who is due, so a member's digest is never more than 15
/// minutes late and a worker that was down catches up with one sweep (fire once: the older sweeps are superseded).
public enum NotificationDigests {
    public static let scheduleName = "notifications.digests"
    public static let jobKind = "notifications.send_digests"

    public static func schedule(org: UUID, zone: TimeZone, now: Date) -> Schedule {
        let recurrence = Recurrence.everyMinutes(15)
        return Schedule(
            id: .v7(), orgID: org, name: scheduleName, jobKind: jobKind, queue: "default", payload: "{}", recurrence: recurrence,
            misfire: .fireOnce, maxLateness: 15 * 60,
            nextFireAt: recurrence.next(after: now, in: zone, calendar: BusinessCalendar(closures: [], observesJapaneseHolidays: false)).instant)
    }

    public static func ensureSchedules(_ store: Store) async throws {
        let missing = try await store.system { tx in try await ScheduleRepository.orgsWithout(tx, name: scheduleName) }
        for (org, zoneName) in missing {
            try await store.tenant(org) { tx in
                let now = try await JobRepository.databaseNow(tx)
                let zone = Organization.zone(zoneName)
                try await ScheduleRepository.insertIfAbsent(tx, schedule(org: org, zone: zone, now: now))
            }
        }
    }

    /// Sends every due digest of the job's org as of `context.now`; returns how many went out.
    @discardableResult
    public static func sendDigests(_ context: JobContext) async throws -> Int {
        guard let org = context.job.orgID else { return 0 }
        return try await context.store.tenant(org) { tx in
            var now = context.now ?? Date.distantPast
            if context.now == nil { now = try await JobRepository.databaseNow(tx) }
            var sent = 0
            for (member, reader) in try await NotificationPreferenceRepository.membersWithHeld(tx) {
                guard reader.active,
                    NotificationPolicy.digestDue(preferences: reader.preferences, zone: reader.zone, now: now, lastDigestOn: reader.lastDigestOn)
                else { continue }
                guard try await NotificationRepository.releaseDigest(tx, member: member, reader: reader, now: now) != nil
                else { continue }
                try await NotificationPreferenceRepository.recordDigest(
                    tx, member: member, on: Recurrence.localDate(of: now, in: reader.zone))
                sent += 1
            }
            if sent > 0 { context.logger.info("sent digests", metadata: ["org": "\(org)", "digests": "\(sent)"]) }
            return sent
        }
    }

    public static var handlers: [String: JobHandler] {
        [jobKind: { context in _ = try await sendDigests(context) }]
    }
}
