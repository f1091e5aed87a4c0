import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/teams/{id}/check-up-plan` and `/check-ups/settings`: a team's monthly check-up (off until the team turns it
/// on: which questionnaire, all the team's customers or one segment, the day of the month, who of each customer)
/// and the org's rules (the response-rate threshold, the reminder after N days, how long a link stays open).
/// Readers see both; the team's manager (or whoever holds `success.manage` over the team) sets the plan, and
/// `success.manage` at the org sets the rules.
struct CheckUpSettingsPages: Sendable {
    let store: Store

    struct Choice: Sendable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct PlanFields: Decodable, Sendable {
        var enabled: String?
        var template: String?
        var segment: String?
        var day: String?
        var recipients: String?
        var version: String?
    }

    struct PlanModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let title: String
        let canEdit: Bool
        let action: String
        let version: String
        let error: String?
        let states: [Choice]
        let templates: [FormOption]
        let noTemplates: Bool
        let templateError: String?
        let segment: String
        let segmentError: String?
        let day: String
        let dayError: String?
        let recipients: [Choice]
        let cadence: String
        let reminder: String
        let facts: [Fact]
    }

    struct SettingsFields: Decodable, Sendable {
        var threshold: String?
        var reminder: String?
        var link_days: String?
        var version: String?
    }

    struct SettingsModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let canEdit: Bool
        let version: String
        let error: String?
        let threshold: String
        let thresholdError: String?
        let reminder: String
        let reminderError: String?
        let linkDays: String
        let linkDaysError: String?
        let facts: [Fact]
    }

    // MARK: - A team's plan

    func plan(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let team = try CheckUpPageText.id(context.parameters.get("id"), "team not found")
        let model = try await store.tenant(context) { tx, caller in
            try await planModel(tx, caller, team: team, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("cku-plan", model)
    }

    func savePlan(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let team = try CheckUpPageText.id(context.parameters.get("id"), "team not found")
        let typed = try await request.decodeForm(as: PlanFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                let plans = CheckUpPlans(tx, caller)
                let current = try await plans.get(team: team)
                var templateID: UUID?
                if let text = typed.template, !text.isEmpty {
                    guard let id = MeetingPageText.id(text) else { throw DomainError(.invalid, "no such check-up template", field: "template_id") }
                    templateID = id
                }
                guard let day = typed.day.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                    throw DomainError(.invalid, "the day of the month is 1 to 28", field: "day_of_month")
                }
                guard let recipients = SurveyRecipients(rawValue: typed.recipients ?? current.recipients.rawValue) else {
                    throw DomainError(.invalid, "cku_err_recipients", field: "recipients")
                }
                let enabled: Bool
                switch typed.enabled ?? "off" {
                case "on": enabled = true
                case "off": enabled = false
                default: throw DomainError(.invalid, "cku_err_enabled", field: "enabled")
                }
                let plan = CheckUpPlan(
                    teamID: team, enabled: enabled, templateID: templateID, segment: typed.segment, dayOfMonth: day, recipients: recipients)
                _ = try await plans.put(plan, expectedVersion: typed.version.flatMap { Int($0) })
            }
            return .seeOther("/check-ups?done=plan-saved#plans-heading")
        } catch let error as DomainError where [.invalid, .missing, .preconditionFailed].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await planModel(tx, caller, team: team, typed: typed, error: error, page: "/teams/\(team.lowercased)/check-up-plan")
            }
            return PageResponse.render("cku-plan", model, status: Problem(domain: error).status)
        }
    }

    private func planModel(
        _ tx: TenantTransaction, _ caller: Caller, team: UUID, typed: PlanFields?, error: DomainError?, page: String
    ) async throws -> PlanModel {
        let plan = try await CheckUpPlans(tx, caller).get(team: team)
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let identity = caller.identity
        let canEdit = identity.authorizer.can(identity.actor, .manageSuccess, in: .team(team)).allowed
        let places = try await MeetingPageText.places(tx, caller)
        let teamName = places.name(of: .team(team), t)
        let templates = try await CheckUpTemplates(tx, caller).list(archived: false, after: nil, limit: 100).items
        let settings = try await CheckUpConfiguration(tx, caller).get().settings

        let enabled = typed.map { $0.enabled == "on" } ?? plan.enabled
        let chosenTemplate = typed?.template ?? plan.templateID?.lowercased ?? ""
        let rule = typed?.recipients ?? plan.recipients.rawValue
        let message = error.map { $0.code == .preconditionFailed ? t["cku_err_stale"] : t.explain($0) }
        func on(_ field: String) -> String? { error?.field == field ? message : nil }
        let known = ["template_id", "segment", "day_of_month"]
        let templateName = plan.templateID.map { id in templates.first { $0.id == id }?.name ?? t["cku_template_archived"] } ?? t["cku_template_none"]
        let title = t.format("cku_plan_title", ["team": teamName])
        let reminder = t.format("cku_plan_reminder", ["days": "\(settings.reminderAfterDays)", "valid": "\(settings.linkValidDays)"])
        return PlanModel(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .checkUps), title: title, canEdit: canEdit,
            action: "/teams/\(team.lowercased)/check-up-plan", version: String(plan.version),
            error: error == nil ? nil : (known.contains(error?.field ?? "") ? t["cku_error_summary"] : message),
            states: [("on", t["cku_plan_on_choice"], true), ("off", t["cku_plan_off_choice"], false)].map {
                Choice(id: "enabled-\($0.0)", value: $0.0, label: $0.1, checked: $0.2 == enabled)
            },
            templates: [FormOption(value: "", label: t["cku_template_choose"], selected: chosenTemplate.isEmpty)]
                + templates.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: $0.id.lowercased == chosenTemplate) },
            noTemplates: templates.isEmpty, templateError: on("template_id"),
            segment: typed?.segment ?? plan.segment ?? "", segmentError: on("segment"),
            day: typed?.day ?? String(plan.dayOfMonth), dayError: on("day_of_month"),
            recipients: SurveyRecipients.allCases.map {
                Choice(id: "recipients-\($0.rawValue)", value: $0.rawValue, label: CheckUpPageText.recipients($0, t), checked: $0.rawValue == rule)
            },
            cadence: t["cku_cadence_monthly"], reminder: reminder,
            facts: [
                Fact(label: t["cku_plan_state"], value: plan.enabled ? t["cku_plan_on"] : t["cku_plan_off"]),
                Fact(label: t["cku_template"], value: templateName),
                Fact(label: t["cku_segment"], value: plan.segment ?? t["cku_segment_all"]),
                Fact(label: t["cku_cadence"], value: t["cku_cadence_monthly"]),
                Fact(label: t["cku_day"], value: t.format("cku_day_of_month", ["day": "\(plan.dayOfMonth)"])),
                Fact(label: t["cku_recipients"], value: CheckUpPageText.recipients(plan.recipients, t)),
                Fact(label: t["cku_reminder"], value: reminder),
            ])
    }

    // MARK: - The org's settings

    func settings(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await settingsModel(tx, caller, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("cku-settings", model)
    }

    func saveSettings(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let typed = try await request.decodeForm(as: SettingsFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                func number(_ text: String?, _ message: String, _ field: String) throws -> Int {
                    guard let value = text.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                        throw DomainError(.invalid, message, field: field)
                    }
                    return value
                }
                let settings = CheckUpSettings(
                    responseRateThresholdPercent: try number(
                        typed.threshold, "the response-rate threshold is 1 to 100 %", "response_rate_threshold_percent"),
                    reminderAfterDays: try number(
                        typed.reminder, "the reminder goes 1 day or more after sending and before the link expires", "reminder_after_days"),
                    linkValidDays: try number(typed.link_days, "a link stays open 1 to 60 days", "link_valid_days"))
                _ = try await CheckUpConfiguration(tx, caller).put(settings, expectedVersion: typed.version.flatMap { Int($0) })
            }
            return .seeOther("/check-ups?done=settings-saved")
        } catch let error as DomainError where [.invalid, .missing, .preconditionFailed].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await settingsModel(tx, caller, typed: typed, error: error, page: "/check-ups/settings")
            }
            return PageResponse.render("cku-settings", model, status: Problem(domain: error).status)
        }
    }

    private func settingsModel(
        _ tx: TenantTransaction, _ caller: Caller, typed: SettingsFields?, error: DomainError?, page: String
    ) async throws -> SettingsModel {
        let current = try await CheckUpConfiguration(tx, caller).get()
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let identity = caller.identity
        let s = current.settings
        let message = error.map { $0.code == .preconditionFailed ? t["cku_err_stale"] : t.explain($0) }
        func on(_ field: String) -> String? { error?.field == field ? message : nil }
        let known = ["response_rate_threshold_percent", "reminder_after_days", "link_valid_days"]
        let title = t["cku_settings_title"]
        return SettingsModel(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .checkUps),
            canEdit: identity.authorizer.can(identity.actor, .manageSuccess, in: .org).allowed, version: String(current.version),
            error: error == nil ? nil : (known.contains(error?.field ?? "") ? t["cku_error_summary"] : message),
            threshold: typed?.threshold ?? String(s.responseRateThresholdPercent), thresholdError: on("response_rate_threshold_percent"),
            reminder: typed?.reminder ?? String(s.reminderAfterDays), reminderError: on("reminder_after_days"),
            linkDays: typed?.link_days ?? String(s.linkValidDays), linkDaysError: on("link_valid_days"),
            facts: [
                Fact(label: t["cku_threshold"], value: "\(s.responseRateThresholdPercent)%"),
                Fact(label: t["cku_window"], value: t["cku_window_rule"]),
                Fact(label: t["cku_reminder"], value: t.format("cku_days", ["days": "\(s.reminderAfterDays)"])),
                Fact(label: t["cku_link_days"], value: t.format("cku_days", ["days": "\(s.linkValidDays)"])),
            ])
    }
}
