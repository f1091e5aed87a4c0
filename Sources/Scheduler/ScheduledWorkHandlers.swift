import Database
import Domain
public import Foundation
import Logging
import Store

/// The handlers of the work orgs and goal owners schedule themselves (`ScheduledWork`). The payload is the
/// schedule's own (its `goal_id`, its `message`) with the fire's facts the ticker adds.
public enum ScheduledWorkHandlers {
    struct Payload: Decodable {
        var goalId: UUID?
        var message: String?
        var scheduleId: UUID?
        var nominal: String?

        enum CodingKeys: String, CodingKey {
            case goalId = "goal_id", message, scheduleId = "schedule_id", nominal
        }
    }

    /// Nudges the goal's owner unless the goal is no longer live or the owner has left. Returns whether it did.
    @discardableResult
    public static func nudgeGoalOwner(_ context: JobContext) async throws -> Bool {
        guard let org = context.job.orgID else { return false }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(context.job.payload.utf8))
        guard let goalID = payload.goalId else { return false }
        return try await context.store.tenant(org) { tx in
            guard let goal = try await GoalRepository.get(tx, id: goalID), goal.status == .active,
                let owner = try await MemberRepository.get(tx, id: goal.ownerID), owner.active
            else { return false }
            let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: owner.id)
            try await NotificationRepository.deliver(
                tx, to: owner.id, .goalNudge(goal: goal.title, note: payload.message, locale: facts.locale),
                subjectType: "goal", subjectID: goal.id, now: context.now)
            return true
        }
    }

    /// Sends `schedule.fired` to the org's webhooks that take it; returns to how many endpoints.
    @discardableResult
    public static func broadcast(_ context: JobContext) async throws -> Int {
        guard let org = context.job.orgID else { return 0 }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(context.job.payload.utf8))
        return try await context.store.tenant(org) { tx in
            var now = context.now ?? Date.distantPast
            if context.now == nil { now = try await JobRepository.databaseNow(tx) }
            let schedule = try await payload.scheduleId.asyncMap { try await ScheduleRepository.get(tx, id: $0) } ?? nil
            let name = schedule?.name ?? ""
            let data: [String: String?] = [
                "schedule_id": payload.scheduleId?.uuidString.lowercased(), "name": name, "nominal": payload.nominal,
                "message": payload.message,
            ]
            let text = String(decoding: try JSONSerialization.data(withJSONObject: data.compactMapValues { $0 }, options: [.sortedKeys]), as: UTF8.self)
            return try await WebhookRepository.emit(
                tx, .scheduleFired(id: .v7(), at: now, data: text, name: name, message: payload.message))
        }
    }

    public static var handlers: [String: JobHandler] {
        [ScheduledWork.goalNudge.rawValue: { context in _ = try await nudgeGoalOwner(context) },
         ScheduledWork.webhookBroadcast.rawValue: { context in _ = try await broadcast(context) }]
    }
}
