import Database
import Domain
import Foundation
import Logging
import Store

/// Check-in reminders (DESIGN §2, §5): the owner hears 2 business days before the due day and on it, the reviewer
/// 1 business day after if it is still not in. Each goes out once per (check-in, kind), never to a deactivated
/// member, not at all once the check-in is submitted, and only if at most an hour late (a reminder days late is
/// noise). The jobs are queued when the check-in opens; this is their handler.
public enum CheckInReminders {
    struct Payload: Decodable {
        var checkInId: UUID
        var kind: String

        enum CodingKeys: String, CodingKey {
            case checkInId = "check_in_id"
            case kind
        }
    }

    public static let maxLateness: Double = 3600

    /// Returns what happened: `sent`, `skipped` (submitted, or nobody to tell), `missed` (too late) or `duplicate`.
    @discardableResult
    public static func remind(_ context: JobContext) async throws -> String {
        guard let org = context.job.orgID else { return "skipped" }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(context.job.payload.utf8))
        guard let kind = NotificationMessage.Kind(rawValue: payload.kind) else { return "skipped" }
        return try await context.store.tenant(org) { tx in
            var now = context.now ?? Date.distantPast
            if context.now == nil { now = try await JobRepository.databaseNow(tx) }
            guard let checkIn = try await CheckInRepository.get(tx, id: payload.checkInId, forUpdate: true),
                let goal = try await GoalRepository.get(tx, id: checkIn.goalID)
            else { return "skipped" }
            let outcome: String
            var recipient: Member?
            if checkIn.state != .open || goal.isArchived {
                outcome = "skipped"
            } else if now.timeIntervalSince(context.job.runAt) > maxLateness {
                outcome = "missed"
            } else {
                let to = kind == .checkInOverdue ? checkIn.reviewerID : goal.ownerID
                recipient = try await to.asyncMap { try await MemberRepository.get(tx, id: $0) } ?? nil
                outcome = recipient?.active == true ? "sent" : "skipped"
            }
            guard try await ScheduleRepository.recordReminder(tx, checkIn: checkIn.id, kind: kind.rawValue, outcome: outcome)
            else { return "duplicate" }
            if outcome == "sent", let recipient {
                let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: recipient.id)
                let owner = try await MemberRepository.get(tx, id: goal.ownerID)
                try await NotificationRepository.deliver(
                    tx, to: recipient.id,
                    .checkInReminder(kind, goal: goal.title, period: checkIn.period, due: checkIn.dueOn, owner: owner?.displayName ?? "", locale: facts.locale),
                    subjectType: "check_in", subjectID: checkIn.id, now: now)
            }
            return outcome
        }
    }

    public static var handlers: [String: JobHandler] {
        [CheckInOpening.reminderJobKind: { context in _ = try await remind(context) }]
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
