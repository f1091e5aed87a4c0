import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/renewals`: the renewals calendar — this month and the next two as month grids, weekdays as columns, Japanese
/// public holidays and the org's closure days marked, each renewal on its notice deadline (解約予告期限; the end
/// date when a contract does not renew by itself) — and below it the list a renewal conversation starts from:
/// CSM, grade, NPS, open urgent/high tickets, end date, deadline, days left, and the ARR for those who may see it.
/// On a phone the grids give way to the list.
struct RenewalsPage: Sendable {
    let store: Store

    struct Item: Sendable {
        let customer: String
        let href: String
        let csm: String
        let grade: String?
        let nps: String
        let tickets: String
        let hasTickets: Bool
        let endDate: String
        let deadline: String
        let daysLeft: String
        let soon: Bool
        let arr: String
    }

    struct Due: Sendable {
        let customer: String
        let href: String
    }

    struct Cell: Sendable {
        let day: String
        let label: String
        let css: String
        let marks: [String]
        let due: [Due]
        let inMonth: Bool
    }

    struct Week: Sendable {
        let cells: [Cell]
    }

    struct Month: Sendable {
        let id: String
        let name: String
        let weekdays: [String]
        let weeks: [Week]
        let count: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [ReportTabs.Tab]
        let companies: [FormOption]
        let teams: [FormOption]
        let csms: [FormOption]
        let windows: [FormOption]
        let months: [Month]
        let items: [Item]
        let empty: Bool
        let showsARR: Bool
        let summary: String
    }

    static let windows = [30, 60, 90, 120, 180, 365]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let days = query["within"].flatMap { Int(String($0)) }.flatMap { Self.windows.contains($0) ? $0 : nil } ?? 90
        let company = CustomerReportText.uuid(query["company"])
        let team = CustomerReportText.uuid(query["team"])
        let owner = CustomerReportText.uuid(query["csm"])
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let identity = caller.identity
            // The grids cover this month and the next two whatever the list's window is, so a deadline placed on them
            // is never missing from the calendar.
            let today = reader.today(caller.now)
            let first = YearMonth(today)
            let gridEnd = first.adding(months: 2).lastDay
            let horizon = max(days, today.days(to: gridEnd))
            let (asOf, all) = try await Renewals(tx, caller).upcoming(
                withinDays: min(horizon, 730), filter: .init(companyID: company, teamID: team, ownerID: owner))
            let listed = all.filter { $0.daysLeft <= days }
            let companies = try await CompanyRepository.list(tx, after: nil, limit: 200).items
            let teams = try await TeamRepository.list(tx, companyID: nil, visibleTo: identity.reach(.readCustomers), after: nil, limit: 500).items
            let members = try await MemberRepository.list(
                tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items.filter(\.active)
            let showsARR = reader.may(.readContractValues)
            let items = listed.map { item -> Item in
                let u = item.upcoming
                return Item(
                    customer: u.customerName, href: "/customers/\(u.contract.customerID.uuidString.lowercased())",
                    csm: u.ownerName ?? t["crep_no_csm"], grade: u.healthGrade?.rawValue,
                    nps: u.latestNPS.map { "\($0)" } ?? "–", tickets: f.number(Double(u.openCriticalTickets)), hasTickets: u.openCriticalTickets > 0,
                    endDate: f.date(u.contract.endDate), deadline: f.date(item.noticeDeadline),
                    daysLeft: t.format("crep_days_left", ["count": f.number(Double(item.daysLeft))]), soon: item.daysLeft <= 30,
                    arr: item.arr.map { f.money($0) } ?? "–")
            }
            let closures = try await GoalSettingsRepository.closures(tx, from: first.firstDay, through: gridEnd)
            var marks: [LocalDate: [String]] = [:]
            var holidays: Set<LocalDate> = []
            for year in Set([first.year, first.adding(months: 2).year]) where JapaneseHolidays.supportedYears.contains(year) {
                for holiday in JapaneseHolidays.holidays(in: year) {
                    marks[holiday.date, default: []].append(f.language == .ja ? holiday.nameJa : holiday.nameEn)
                    holidays.insert(holiday.date)
                }
            }
            for closure in closures { marks[closure.day, default: []].append(closure.name) }
            let closed = Set(closures.map(\.day))
            var due: [LocalDate: [Due]] = [:]
            for item in all {
                due[item.noticeDeadline, default: []].append(
                    Due(customer: item.upcoming.customerName, href: "/customers/\(item.upcoming.contract.customerID.uuidString.lowercased())"))
            }
            let weekdays = f.weekdays
            let months = (0..<3).map { offset -> Month in
                let month = first.adding(months: offset)
                let start = month.firstDay.adding(days: -(month.firstDay.weekday - 1))
                var weeks: [Week] = []
                var day = start
                var count = 0
                while day <= month.lastDay {
                    var cells: [Cell] = []
                    for _ in 0..<7 {
                        let inMonth = day.month == month.month && day.year == month.year
                        var css: [String] = inMonth ? [] : ["other"]
                        if inMonth, holidays.contains(day) { css.append("holiday") }
                        if inMonth, closed.contains(day) { css.append("closed") }
                        if day == asOf { css.append("today") }
                        let dues = inMonth ? due[day] ?? [] : []
                        count += dues.count
                        cells.append(Cell(
                            day: "\(day.day)", label: f.date(day), css: css.joined(separator: " "), marks: inMonth ? marks[day] ?? [] : [],
                            due: dues, inMonth: inMonth))
                        day = day.adding(days: 1)
                    }
                    weeks.append(Week(cells: cells))
                }
                return Month(
                    id: "month-\(month)", name: f.month(month), weekdays: weekdays, weeks: weeks,
                    count: t.format("crep_renewals_in_month", ["count": f.number(Double(count))]))
            }
            func options(_ all: [(String, String)], chosen: UUID?) -> [FormOption] {
                [FormOption(value: "", label: t["crep_all"], selected: chosen == nil)]
                    + all.map { FormOption(value: $0.0, label: $0.1, selected: $0.0 == chosen?.uuidString.lowercased()) }
            }
            return Model(
                chrome: reader.chrome(title: t["crep_renewals_title"], current: "/renewals", page: request.uri.description),
                t: t.strings, tabs: ReportTabs.tabs(reader, current: "/renewals"),
                companies: options(companies.map { ($0.id.uuidString.lowercased(), $0.name) }, chosen: company),
                teams: options(teams.map { ($0.id.uuidString.lowercased(), $0.name) }, chosen: team),
                csms: options(members.map { ($0.id.uuidString.lowercased(), $0.displayName) }, chosen: owner),
                windows: Self.windows.map {
                    FormOption(value: "\($0)", label: t.format("crep_within_days", ["count": "\($0)"]), selected: $0 == days)
                },
                months: months, items: items, empty: items.isEmpty, showsARR: showsARR,
                summary: t.format("crep_renewals_summary", ["count": f.number(Double(items.count)), "days": "\(days)"]))
        }
        return PageResponse.render("report-renewals", model)
    }
}
