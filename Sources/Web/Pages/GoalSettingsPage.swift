import API
import Domain
import Foundation
import Hummingbird
import Scheduler
import Store
import UseCases

/// `/admin/goal-settings`: the org's goal and check-in rules as the API has them — SMART mode, the achievable
/// multiple, the business days a check-in opens, is due and is reviewed, the short cadences' days, the opening
/// time — each explained beside its field. A change moves every check-in's days, so the cadence is rescheduled in
/// the same transaction, as the API does.
struct GoalSettingsPage: Sendable {
    let store: Store

    struct Field: Sendable {
        let name: String
        let label: String
        let hint: String
        let value: String
        let fieldError: String?
        let inputmode: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let modes: [Mode]
        let fields: [Field]
        let error: String?
        let notice: String?
    }

    struct Mode: Sendable {
        let value: String
        let label: String
        let hint: String
        let checked: Bool
    }

    struct Fields: Decodable {
        var smartMode: String?
        var achievableMultiple: String?
        var checkInOpenBusinessDay: String?
        var checkInDueBusinessDay: String?
        var reviewBusinessDay: String?
        var shortCadenceDueBusinessDays: String?
        var shortCadenceReviewBusinessDays: String?
        var openTime: String?

        enum CodingKeys: String, CodingKey {
            case smartMode = "smart_mode"
            case achievableMultiple = "achievable_multiple"
            case checkInOpenBusinessDay = "check_in_open_business_day"
            case checkInDueBusinessDay = "check_in_due_business_day"
            case reviewBusinessDay = "review_business_day"
            case shortCadenceDueBusinessDays = "short_cadence_due_business_days"
            case shortCadenceReviewBusinessDays = "short_cadence_review_business_days"
            case openTime = "open_time"
        }
    }

    static func requireManage(_ identity: Identity) throws { try identity.require(.manageGoalSettings, in: .org) }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Self.requireManage(context.identity)
        let done = request.uri.queryParameters["done"] != nil
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, typed: nil, refusal: nil, notice: done)
        }
        return PageResponse.render("ops-goal-settings", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Self.requireManage(context.identity)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await OrgCalendar(tx, caller, reschedule: CheckInCadence.reschedule).updateSettings { s in
                func int(_ text: String?, _ field: String) throws -> Int {
                    guard let n = text.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                        throw DomainError(.invalid, "a whole number", field: field)
                    }
                    return n
                }
                guard let mode = GoalSettings.SmartMode(rawValue: form.smartMode ?? "") else {
                    throw DomainError(.invalid, "warn or block", field: "smart_mode")
                }
                s.smartMode = mode
                guard let multiple = form.achievableMultiple.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), multiple.isFinite else {
                    throw DomainError(.invalid, "a number", field: "achievable_multiple")
                }
                s.achievableMultiple = multiple
                s.checkInOpenBusinessDay = try int(form.checkInOpenBusinessDay, "check_in_open_business_day")
                s.checkInDueBusinessDay = try int(form.checkInDueBusinessDay, "check_in_due_business_day")
                s.reviewBusinessDay = try int(form.reviewBusinessDay, "review_business_day")
                s.shortCadenceDueBusinessDays = try int(form.shortCadenceDueBusinessDays, "short_cadence_due_business_days")
                s.shortCadenceReviewBusinessDays = try int(form.shortCadenceReviewBusinessDays, "short_cadence_review_business_days")
                guard let time = form.openTime.flatMap({ LocalTime($0.trimmingCharacters(in: .whitespaces)) }) else {
                    throw DomainError(.invalid, "HH:MM", field: "open_time")
                }
                s.openMinuteOfDay = time.minuteOfDay
                }
            }
            return .seeOther("/admin/goal-settings?done=saved")
        } catch {
            let model = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                guard let refusal = OperationsPages.refusal(error, reader.t) else { throw error }
                return try await load(tx, caller, page: "/admin/goal-settings", typed: form, refusal: refusal, notice: false)
            }
            return PageResponse.render("ops-goal-settings", model, status: .unprocessableContent)
        }
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, typed: Fields?, refusal: (field: String, message: String)?, notice: Bool
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let s = try await GoalSettingsRepository.get(tx)
        let open = LocalTime(hour: s.openMinuteOfDay / 60, minute: s.openMinuteOfDay % 60)?.description ?? "09:00"
        let numbers: [(String, String?, String, String)] = [
            ("achievable_multiple", typed?.achievableMultiple, f.number(s.achievableMultiple), "decimal"),
            ("check_in_open_business_day", typed?.checkInOpenBusinessDay, String(s.checkInOpenBusinessDay), "numeric"),
            ("check_in_due_business_day", typed?.checkInDueBusinessDay, String(s.checkInDueBusinessDay), "numeric"),
            ("review_business_day", typed?.reviewBusinessDay, String(s.reviewBusinessDay), "numeric"),
            ("short_cadence_due_business_days", typed?.shortCadenceDueBusinessDays, String(s.shortCadenceDueBusinessDays), "numeric"),
            ("short_cadence_review_business_days", typed?.shortCadenceReviewBusinessDays, String(s.shortCadenceReviewBusinessDays), "numeric"),
            ("open_time", typed?.openTime, open, "text"),
        ]
        let mode = typed?.smartMode ?? s.smartMode.rawValue
        let known = numbers.map(\.0) + ["smart_mode"]
        return Model(
            chrome: reader.chrome(title: t["ops_gs_title"], current: "/admin", page: page), t: t.strings,
            modes: GoalSettings.SmartMode.allCases.map {
                Mode(value: $0.rawValue, label: t["ops_gs_mode_\($0.rawValue)"], hint: t["ops_gs_mode_\($0.rawValue)_hint"], checked: $0.rawValue == mode)
            },
            fields: numbers.map { name, typed, current, inputmode in
                Field(
                    name: name, label: t["ops_gs_\(name)"], hint: t["ops_gs_\(name)_hint"], value: typed ?? current,
                    fieldError: refusal.flatMap { $0.field == name ? (t.strings["ops_err_gs_\(name)"] ?? $0.message) : nil }, inputmode: inputmode)
            },
            error: refusal.flatMap { known.contains($0.field) && $0.field != "smart_mode" ? nil : $0.message },
            notice: notice ? t["ops_gs_notice_saved"] : nil)
    }
}
