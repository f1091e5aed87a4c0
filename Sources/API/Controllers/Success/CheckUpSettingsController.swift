import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/check-up-settings` and `/v1/teams/{id}/check-up-plan`: the org's check-up rules (response-rate threshold,
/// reminder, link lifetime) and each team's monthly plan (off until the team turns it on).
struct CheckUpSettingsController: RouteCollection {
    let store: Store

    struct SettingsInput: RequestBody {
        var responseRateThresholdPercent: Int
        var reminderAfterDays: Int
        var linkValidDays: Int

        static let schema = Schema.object(
            ["response_rate_threshold_percent": Schema.integer, "reminder_after_days": Schema.integer, "link_valid_days": Schema.integer],
            required: ["response_rate_threshold_percent", "reminder_after_days", "link_valid_days"])
    }

    struct PlanInput: RequestBody {
        var enabled: Bool
        var templateId: UUID?
        var segment: String?
        var dayOfMonth: Int?
        var cadence: String?
        var recipients: SurveyRecipients?

        static let schema = Schema.object(
            ["enabled": Schema.boolean, "template_id": Schema.uuid, "segment": Schema.string, "day_of_month": Schema.integer,
             "cadence": Schema.enumeration(["monthly"]), "recipients": Schema.enumeration(SurveyRecipients.self)],
            required: ["enabled"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Check-ups"
        return [
            Route(.get, "/v1/check-up-settings", id: "getCheckUpSettings", summary: "The org's check-up settings (defaults until changed)",
                  tag: tag, responses: [200: ("Check-up settings", CheckUpSettingsDTO.schema)], problems: [403], handler: getSettings),
            Route(.put, "/v1/check-up-settings", id: "putCheckUpSettings",
                  summary: "Set the response-rate threshold, reminder days and link lifetime (success.manage at the org; If-Match honoured)",
                  tag: tag, body: SettingsInput.self, responses: [200: ("Check-up settings", CheckUpSettingsDTO.schema)],
                  problems: [403, 412, 422], handler: putSettings),
            Route(.get, "/v1/teams/{id}/check-up-plan", id: "getCheckUpPlan", summary: "The team's monthly check-up plan", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Check-up plan", CheckUpPlanDTO.schema)], problems: [404], handler: getPlan),
            Route(.put, "/v1/teams/{id}/check-up-plan", id: "putCheckUpPlan",
                  summary: "Turn the team's monthly check-up on or off and set its questionnaire, segment, day and recipients (the team's manager or success.manage; If-Match honoured)",
                  tag: tag, parameters: [Schema.pathID()], body: PlanInput.self, responses: [200: ("Check-up plan", CheckUpPlanDTO.schema)],
                  problems: [403, 404, 412, 422], handler: putPlan),
        ]
    }

    @Sendable func getSettings(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await store.answer(context) { tx, caller in CheckUpSettingsDTO(try await CheckUpConfiguration(tx, caller).get()) }
    }

    @Sendable func putSettings(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: SettingsInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let settings = CheckUpSettings(
            responseRateThresholdPercent: input.responseRateThresholdPercent, reminderAfterDays: input.reminderAfterDays,
            linkValidDays: input.linkValidDays)
        return try await store.answer(context) { tx, caller in
            CheckUpSettingsDTO(try await CheckUpConfiguration(tx, caller).put(settings, expectedVersion: expected))
        }
    }

    @Sendable func getPlan(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "team")
        return try await store.answer(context) { tx, caller in CheckUpPlanDTO(try await CheckUpPlans(tx, caller).get(team: id)) }
    }

    @Sendable func putPlan(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "team")
        let input = try await request.decodeJSON(as: PlanInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let plan = CheckUpPlan(
            teamID: id, enabled: input.enabled, templateID: input.templateId, segment: input.segment, dayOfMonth: input.dayOfMonth ?? 1,
            recipients: input.recipients ?? .decisionMakerFirst)
        return try await store.answer(context) { tx, caller in
            CheckUpPlanDTO(try await CheckUpPlans(tx, caller).put(plan, expectedVersion: expected))
        }
    }
}
