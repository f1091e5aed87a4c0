import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases
import Scheduler

/// `/v1/org/goal-settings`: the org's SMART mode and check-in days (defaults as DESIGN §2).
struct GoalSettingsController: RouteCollection {
    let store: Store

    struct SettingsDTO: Codable, Sendable {
        var smartMode: GoalSettings.SmartMode
        var achievableMultiple: Double
        var checkInOpenBusinessDay: Int
        var checkInDueBusinessDay: Int
        var reviewBusinessDay: Int
        var shortCadenceDueBusinessDays: Int
        var shortCadenceReviewBusinessDays: Int
        /// HH:MM, local to the org.
        var openTime: String

        init(_ s: GoalSettings) {
            (smartMode, achievableMultiple) = (s.smartMode, s.achievableMultiple)
            (checkInOpenBusinessDay, checkInDueBusinessDay, reviewBusinessDay) = (s.checkInOpenBusinessDay, s.checkInDueBusinessDay, s.reviewBusinessDay)
            (shortCadenceDueBusinessDays, shortCadenceReviewBusinessDays) = (s.shortCadenceDueBusinessDays, s.shortCadenceReviewBusinessDays)
            let (h, m) = (s.openMinuteOfDay / 60, s.openMinuteOfDay % 60)
            openTime = (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
        }
    }
    struct UpdateInput: RequestBody {
        var smartMode: GoalSettings.SmartMode?
        var achievableMultiple: Double?
        var checkInOpenBusinessDay: Int?
        var checkInDueBusinessDay: Int?
        var reviewBusinessDay: Int?
        var shortCadenceDueBusinessDays: Int?
        var shortCadenceReviewBusinessDays: Int?
        var openTime: String?

        /// The settings' own shape, every field optional.
        static let schema = Schema.of(UpdateInput.self)
    }

    static let schema = Schema.of(SettingsDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "goals"
        return [
            Route(.get, "/v1/org/goal-settings", id: "getGoalSettings", summary: "The org's goal and check-in rules", tag: tag,
                  responses: [200: ("Settings", Self.schema)], handler: get),
            Route(.patch, "/v1/org/goal-settings", id: "updateGoalSettings",
                  summary: "Change the SMART mode (warn/block) and check-in days", tag: tag, scope: .admin, body: UpdateInput.self,
                  responses: [200: ("Settings", Self.schema)], problems: [422], handler: update),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try context.identity.require(.readGoals, in: .org)
        let settings = try await store.tenant(context) { tx, _ in try await GoalSettingsRepository.get(tx) }
        return try JSONResponse.make(SettingsDTO(settings))
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try context.identity.require(.manageGoalSettings, in: .org)
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            // The check-in days move with the settings: the scheduler's rescheduling runs in the same transaction.
            let validated = try await OrgCalendar(tx, caller, reschedule: CheckInCadence.reschedule).updateSettings { s in
            s.smartMode = input.smartMode ?? s.smartMode
            s.achievableMultiple = input.achievableMultiple ?? s.achievableMultiple
            s.checkInOpenBusinessDay = input.checkInOpenBusinessDay ?? s.checkInOpenBusinessDay
            s.checkInDueBusinessDay = input.checkInDueBusinessDay ?? s.checkInDueBusinessDay
            s.reviewBusinessDay = input.reviewBusinessDay ?? s.reviewBusinessDay
            s.shortCadenceDueBusinessDays = input.shortCadenceDueBusinessDays ?? s.shortCadenceDueBusinessDays
            s.shortCadenceReviewBusinessDays = input.shortCadenceReviewBusinessDays ?? s.shortCadenceReviewBusinessDays
            if let time = input.openTime {
                let parts = time.split(separator: ":")
                guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
                    (0..<24).contains(h), (0..<60).contains(m)
                else { throw DomainError(.invalid, "open_time is HH:MM", field: "open_time") }
                s.openMinuteOfDay = h * 60 + m
            }
            }
            return try JSONResponse.make(SettingsDTO(validated))
        }
    }
}
