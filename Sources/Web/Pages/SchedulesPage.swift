import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/schedules`: what the org runs when — the built-in check-in cadence and digests, its own webhook
/// broadcasts and goal nudges — with the next run in the reader's time zone and the last runs' outcomes; pause or
/// resume for each, and a new timing for the org's own (a built-in schedule's timing follows the goal settings, as
/// the API has it).
struct SchedulesPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let id: String
        let name: String
        let kind: String
        let cadence: String
        let next: String
        let active: Bool
        let state: String
        let lastRuns: String
        let builtIn: Bool
        let timing: Timing?
    }

    /// The form that re-times one of the org's own schedules: weekly on some days, a day of the month, or the
    /// month's nth business day, at a time.
    struct Timing: Sendable {
        let types: [FormOption]
        let weekdays: [Weekday]
        let day: String
        let time: String
        let open: Bool
        let error: String?
    }

    struct Weekday: Sendable {
        let value: String
        let label: String
        let id: String
        let checked: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let rows: [Row]
        let empty: Bool
        let notice: String?
    }

    static let notices = ["paused": "ops_sc_notice_paused", "resumed": "ops_sc_notice_resumed", "retimed": "ops_sc_notice_retimed"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try BackgroundJobs.requireManage(context.identity)
        let done = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, refused: nil, notice: done)
        }
        return PageResponse.render("ops-schedules", model)
    }

    struct Fields: Decodable {
        var active: String?
        var type: String?
        var weekdays: [String]?
        var day: String?
        var time: String?
    }

    func setActive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try BackgroundJobs.requireManage(context.identity)
        let id = try OperationsPages.id(context, what: "schedule")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        let active = form.active == "true"
        _ = try await store.tenant(context) { tx, caller in
            try await Schedules(tx, caller).update(id) { _ in
                Schedules.Changes(name: nil, recurrence: nil, misfire: nil, maxLateness: nil, active: active, message: nil)
            }
        }
        return .seeOther("/admin/schedules?done=\(active ? "resumed" : "paused")")
    }

    func retime(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try BackgroundJobs.requireManage(context.identity)
        let id = try OperationsPages.id(context, what: "schedule")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            _ = try await store.tenant(context) { tx, caller in
                try await Schedules(tx, caller).update(id) { before in
                    guard !before.isBuiltIn else { throw DomainError(.conflict, "a built-in schedule follows the goal settings", field: "built_in") }
                    return Schedules.Changes(
                        name: nil, recurrence: try Self.recurrence(form, replacing: before.recurrence), misfire: nil, maxLateness: nil, active: nil, message: nil)
                }
            }
            return .seeOther("/admin/schedules?done=retimed")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, page: "/admin/schedules", refused: (id, form, error), notice: nil)
            }
            return PageResponse.render("ops-schedules", model, status: error.code == .conflict ? .conflict : .unprocessableContent)
        }
    }

    /// The form's timing as a recurrence, checked as the API checks one. The form cannot show how a weekly rule
    /// treats closed days, so a weekly rule re-timed as weekly keeps what it did.
    static func recurrence(_ form: Fields, replacing current: Recurrence? = nil) throws -> Recurrence {
        guard let at = form.time.flatMap({ LocalTime($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw DomainError(.invalid, "HH:MM", field: "time")
        }
        let day = form.day.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let recurrence: Recurrence
        switch form.type {
        case "weekly":
            var onClosedDay: Recurrence.OnClosedDay?
            if case .weekly(_, _, let kept)? = current { onClosedDay = kept }
            recurrence = .weekly(weekdays: Set((form.weekdays ?? []).compactMap { Int($0) }), at: at, onClosedDay: onClosedDay)
        case "monthly_day":
            guard let day else { throw DomainError(.invalid, "a day", field: "day") }
            recurrence = .monthlyDay(day: day, at: at, shift: .next)
        case "nth_business_day":
            guard let day else { throw DomainError(.invalid, "a day", field: "n") }
            recurrence = .nthBusinessDay(n: day, at: at)
        default: throw DomainError(.invalid, "weekly, monthly_day or nth_business_day", field: "type")
        }
        return try recurrence.validated()
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, refused: (UUID, Fields, DomainError)?, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let items = try await BackgroundJobs(tx, caller).schedules()
        return Model(
            chrome: reader.chrome(title: t["ops_sc_title"], current: "/admin", page: page), t: t.strings,
            rows: items.map { s, fires in
                let typed = refused.flatMap { $0.0 == s.id ? $0 : nil }
                return Row(
                    id: s.id.lowercased, name: t.strings["ops_sc_name_\(s.jobKind.replacingOccurrences(of: ".", with: "_"))"] ?? s.name,
                    kind: s.jobKind, cadence: f.recurrence(s.recurrence),
                    next: s.active ? (s.nextFireAt.map { f.dateTime($0) } ?? "–") : t["ops_sc_paused_next"], active: s.active,
                    state: t[s.active ? "ops_sc_active" : "ops_sc_paused"],
                    lastRuns: fires.suffix(3).reversed().map { t.strings["ops_sc_outcome_\($0.outcome.rawValue)"] ?? $0.outcome.rawValue }
                        .joined(separator: "、"),
                    builtIn: s.isBuiltIn,
                    timing: s.isBuiltIn ? nil : Self.timing(s.id, s.recurrence, typed: typed.map { ($0.1, $0.2) }, t))
            },
            empty: items.isEmpty, notice: notice.map { t[$0] })
    }

    static func timing(_ id: UUID, _ current: Recurrence, typed: (Fields, DomainError)?, _ t: Catalogue) -> Timing {
        var type = "weekly", days: Set<Int> = [1], day = "1", time = "09:00"
        switch current {
        // The form has no fortnightly type or holiday option: such a rule starts the form from its days and time.
        case .weekly(let weekdays, let at, _), .fortnightly(let weekdays, _, let at, _): (type, days, time) = ("weekly", weekdays, at.description)
        case .monthlyDay(let d, let at, _): (type, day, time) = ("monthly_day", String(d), at.description)
        case .nthBusinessDay(let n, let at): (type, day, time) = ("nth_business_day", String(n), at.description)
        case .nthWeekday(_, _, let at, _): time = at.description
        case .everyMinutes: break
        }
        if let form = typed?.0 {
            type = form.type ?? type
            days = Set((form.weekdays ?? []).compactMap { Int($0) })
            day = form.day ?? day
            time = form.time ?? time
        }
        let error = typed.map { form, error in
            t.strings["ops_err_schedule_\(error.field ?? "")"] ?? error.message
        }
        return Timing(
            types: ["weekly", "monthly_day", "nth_business_day"].map { FormOption(value: $0, label: t["ops_sc_type_\($0)"], selected: $0 == type) },
            weekdays: (1...7).map {
                Weekday(value: String($0), label: t["ops_sc_weekday_\($0)"], id: "weekday-\(id.lowercased)-\($0)", checked: days.contains($0))
            },
            day: day, time: time, open: typed != nil, error: error)
    }
}
