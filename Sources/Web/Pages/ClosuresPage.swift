import API
import Domain
import Foundation
import Hummingbird
import Scheduler
import Store
import UseCases

/// `/admin/closures`: the org's closure days in a fiscal year, beside Japan's public holidays for context (neither
/// is a business day), with a form to add a day with its reason, a button to remove one, and the one-click 年末年始
/// (29 December to 3 January) showing the days it adds before it is pressed. Every change moves the check-in days,
/// so the cadence is rescheduled in the same transaction, as the API does.
struct ClosuresPage: Sendable {
    let store: Store

    struct Day: Sendable {
        let iso: String
        let date: String
        let name: String
        let closure: Bool
        let kind: String
    }

    struct YearLink: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    struct NewYear: Sendable {
        let year: Int
        let label: String
        let days: String
        let added: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let heading: String
        let years: [YearLink]
        let days: [Day]
        let empty: Bool
        let newYears: [NewYear]
        let date: String
        /// `date`, unless what was typed is not one: a date input may not hold it, so it comes back as text.
        let dateType: String
        let name: String
        let dateError: String?
        let nameError: String?
        let error: String?
        let notice: String?
        let fiscalYear: Int
    }

    static func requireManage(_ identity: Identity) throws { try identity.require(.manageGoalSettings, in: .org) }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Self.requireManage(context.identity)
        let year = request.uri.queryParameters["year"].flatMap { Int(String($0)) }
        let notice = request.uri.queryParameters["done"].map(String.init)
        let added = request.uri.queryParameters["added"].flatMap { Int(String($0)) }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, year: year, page: request.uri.description, typed: nil, refusal: nil, notice: notice, added: added)
        }
        return PageResponse.render("ops-closures", model)
    }

    struct Fields: Decodable {
        var date: String?
        var name: String?
        var year: String?
    }

    func add(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Self.requireManage(context.identity)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            guard let day = form.date.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }),
                JapaneseHolidays.supportedYears.contains(day.year)
            else { throw DomainError(.invalid, "a date", field: "date") }
            try await store.tenant(context) { tx, caller in
                try await OrgCalendar(tx, caller, reschedule: CheckInCadence.reschedule).putClosure(day, name: form.name ?? "")
            }
            return .seeOther("/admin/closures?year=\(Self.year(form))&done=added")
        } catch {
            let model = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                guard let refusal = OperationsPages.refusal(error, reader.t) else { throw error }
                return try await load(
                    tx, caller, year: form.year.flatMap { Int($0) }, page: "/admin/closures", typed: form, refusal: refusal, notice: nil,
                    added: nil)
            }
            return PageResponse.render("ops-closures", model, status: .unprocessableContent)
        }
    }

    func remove(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Self.requireManage(context.identity)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        guard let day = form.date.flatMap(LocalDate.init(iso:)) else { throw DomainError(.invalid, "a date", field: "date") }
        try await store.tenant(context) { tx, caller in
            try await OrgCalendar(tx, caller, reschedule: CheckInCadence.reschedule).removeClosure(day)
        }
        return .seeOther("/admin/closures?year=\(Self.year(form))&done=removed")
    }

    func addNewYear(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Self.requireManage(context.identity)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        guard let year = form.year.flatMap({ Int($0) }) else { throw DomainError(.invalid, "a year from 1989 to 2098", field: "year") }
        let added = try await store.tenant(context) { tx, caller in
            try await OrgCalendar(tx, caller, reschedule: CheckInCadence.reschedule).addNewYear(year).added
        }
        return .seeOther("/admin/closures?done=new_year_\(year)&added=\(added)")
    }

    /// The fiscal year the form was sent from, to come back to (only a number goes into the redirect).
    static func year(_ form: Fields) -> String { form.year.flatMap { Int($0) }.map(String.init) ?? "" }

    /// 29 December of `year` to 3 January of the next: the days the API's one click adds.
    static func newYearDays(_ year: Int) -> [LocalDate] { OrgCalendar.newYearDays(year).map(\.day) }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, year: Int?, page: String, typed: Fields?, refusal: (field: String, message: String)?,
        notice: String?, added: Int?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let startMonth = caller.identity.fiscalYearStartMonth
        let today = reader.today(caller.now)
        let current = FiscalPeriod.fiscalYear(containing: today, startMonth: startMonth)
        let fy = FiscalPeriod.year(
            min(max(year ?? current.fiscalYear, JapaneseHolidays.supportedYears.lowerBound), JapaneseHolidays.supportedYears.upperBound - 1),
            startMonth: startMonth)
        let closures = try await GoalSettingsRepository.closures(tx, from: fy.start, through: fy.end)
        let closed = Set(closures.map(\.day))
        let holidays = (fy.start.year...fy.end.year).flatMap { JapaneseHolidays.holidays(in: $0) }
            .filter { fy.contains($0.date) && !closed.contains($0.date) }
        var days = closures.map {
            Day(iso: $0.day.description, date: f.date($0.day), name: $0.name.isEmpty ? t["ops_cl_no_reason"] : $0.name, closure: true, kind: t["ops_cl_kind_closure"])
        }
        days += holidays.map {
            Day(iso: $0.date.description, date: f.date($0.date), name: t.language == .ja ? $0.nameJa : $0.nameEn, closure: false, kind: t["ops_cl_kind_holiday"])
        }
        days.sort { $0.iso < $1.iso }
        // The coming 年末年始 and the one after: in autumn the next one is the one to prepare.
        let first = today.month == 1 && today.day <= 3 ? today.year - 1 : today.year
        let all = try await GoalSettingsRepository.closures(
            tx, from: LocalDate(year: first, month: 12, day: 29)!, through: LocalDate(year: first + 2, month: 1, day: 3)!)
        let existing = Set(all.map(\.day))
        let newYears = [first, first + 1].map { y in
            let span = Self.newYearDays(y)
            return NewYear(
                year: y, label: t.format("ops_cl_new_year_for", ["from": String(y), "to": String(y + 1)]),
                days: span.map { f.date($0) }.joined(separator: "、"), added: span.allSatisfy(existing.contains))
        }
        var noticeText: String?
        if let notice {
            if notice.hasPrefix("new_year_"), let y = Int(notice.dropFirst(9)) {
                noticeText = t.format(
                    "ops_cl_notice_new_year",
                    ["days": Self.newYearDays(y).map { f.date($0) }.joined(separator: "、"), "added": f.number(Double(added ?? 0))])
            } else {
                noticeText = t.strings["ops_cl_notice_\(notice)"]
            }
        }
        let yearsShown = [current.fiscalYear - 1, current.fiscalYear, current.fiscalYear + 1]
        return Model(
            chrome: reader.chrome(title: t["ops_cl_title"], current: "/admin", page: page), t: t.strings,
            heading: t.format("ops_cl_year_heading", ["year": f.period(fy)]),
            years: yearsShown.map {
                YearLink(label: f.period(.year($0, startMonth: startMonth)), href: "/admin/closures?year=\($0)", current: $0 == fy.fiscalYear)
            },
            days: days, empty: days.isEmpty, newYears: newYears, date: typed?.date ?? "",
            dateType: OperationsPages.dateInputType(typed?.date), name: typed?.name ?? "",
            dateError: refusal.flatMap { $0.field == "date" ? t["ops_err_closure_date"] : nil },
            nameError: refusal.flatMap { $0.field == "name" ? t["ops_err_closure_name"] : nil },
            error: refusal.flatMap { ["date", "name"].contains($0.field) ? nil : $0.message },
            notice: noticeText, fiscalYear: fy.fiscalYear)
    }
}
