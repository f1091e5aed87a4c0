import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/reports/retention`: GRR and NRR for a window (by default the twelve months ending last month), per group and
/// currency — start revenue, retained, expansion, contraction, churn —, the rolling twelve-month trend as a chart
/// with its figures in a table, and the per-customer breakdown of one group that explains its figure. Contract
/// values only: support gets the 403 page.
struct RetentionReportPage: Sendable {
    let store: Store

    struct FigureRow: Sendable {
        let group: String
        let groupKey: String
        let href: String
        let selected: Bool
        let currency: String
        let cohort: String
        let start: String
        let retained: String
        let expansion: String
        let contraction: String
        let churn: String
        let grr: String
        let nrr: String
    }

    struct Line: Sendable {
        let customer: String
        let href: String
        let start: String
        let end: String
        let movement: String
        let movementClass: String
        let change: String
    }

    struct TrendRow: Sendable {
        let month: String
        let grr: String
        let nrr: String
    }

    struct Trend: Sendable {
        let id: String
        let heading: String
        let chart: ReportChart
        let rows: [TrendRow]
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [ReportTabs.Tab]
        let start: String
        let end: String
        let windowText: String
        let groupings: [FormOption]
        let error: String?
        let rows: [FigureRow]
        let empty: Bool
        let trends: [Trend]
        let breakdownHeading: String
        let lines: [Line]
        let noLines: Bool
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let grouping = query["group_by"].flatMap { RetentionReports.Grouping(rawValue: String($0)) } ?? .org
        let chosenGroup = query["group"].map(String.init)
        var typed: (YearMonth?, YearMonth?) = (nil, nil)
        var refusal: DomainError?
        do {
            typed = (try CustomerReportText.month(query: query["start"], field: "start"), try CustomerReportText.month(query: query["end"], field: "end"))
        } catch let error as DomainError { refusal = error }
        let asked = (typed, refusal)
        let (model, refused) = try await store.tenant(context) { tx, caller -> (Model, Bool) in
            let reader = try await Reader.load(tx, caller)
            guard reader.may(.readContractValues) else {
                throw DomainError(.forbidden, "crep_retention_forbidden", permission: Permission.readContractValues.rawValue)
            }
            let t = reader.t, f = reader.format
            var refusal = asked.1
            let today = reader.today(caller.now)
            let defaultEnd = YearMonth(today).adding(months: -1)
            var end = asked.0.1 ?? defaultEnd
            var start = asked.0.0 ?? end.adding(months: -12)
            if refusal == nil, start > end || start.months(to: end) > 120 {
                refusal = DomainError(.invalid, start > end ? "crep_error_window_order" : "crep_error_window_long", field: "start")
            }
            if refusal != nil { (start, end) = (defaultEnd.adding(months: -12), defaultEnd) }
            let window = try RetentionWindow(start: start, end: end)
            let reports = RetentionReports(tx, caller)
            let report = try await reports.report(window: window, grouping: grouping, filter: .init(), breakdown: true)
            func name(_ group: RetentionReports.Group) -> String {
                switch group.key {
                case nil: t["crep_org_wide"]
                case .unattributed?: t["crep_unattributed"]
                default: group.name ?? t["crep_unattributed"]
                }
            }
            let selectedKey = chosenGroup ?? report.groups.first.map { RetentionReports.keyText($0.key) } ?? "org"
            let base = "/reports/retention?start=\(start)&end=\(end)&group_by=\(grouping.rawValue)"
            var rows: [FigureRow] = []
            for group in report.groups {
                let key = RetentionReports.keyText(group.key)
                for figure in group.figures {
                    rows.append(FigureRow(
                        group: name(group), groupKey: key,
                        href: base + "&group=" + (key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key) + "#breakdown",
                        selected: key == selectedKey && grouping != .org, currency: figure.currency.rawValue,
                        cohort: f.number(Double(figure.cohortSize)), start: f.money(figure.startRevenue),
                        retained: f.money(figure.retainedRevenue), expansion: f.money(figure.expansion),
                        contraction: f.money(figure.contraction), churn: f.money(figure.churn),
                        grr: CustomerReportText.ratio(figure.grr, f), nrr: CustomerReportText.ratio(figure.nrr, f)))
                }
            }
            let chosen = report.groups.first { RetentionReports.keyText($0.key) == selectedKey }
            let chosenIDs = Set((chosen?.figures ?? []).flatMap { $0.lines.map(\.customerID) })
            let lines = (report.breakdown ?? []).filter { grouping == .org || chosenIDs.contains($0.line.customerID) }.map { line in
                Line(
                    customer: line.customerName, href: "/customers/\(line.line.customerID.uuidString.lowercased())",
                    start: f.money(line.line.start), end: f.money(line.line.end),
                    movement: t["crep_movement_\(line.line.movement.rawValue)"], movementClass: line.line.movement.rawValue,
                    change: (line.line.change.isPositive ? "+" : "") + f.money(line.line.change))
            }
            // The rolling figure of each of the twelve months up to the window's end, org-wide, per currency.
            let points = try await reports.trend(last: end, months: 12, length: 12, grouping: .org, filter: .init())
            let currencies = Set(points.flatMap { $0.groups.flatMap { $0.figures.map(\.currency) } }).sorted()
            let trends = currencies.map { currency -> Trend in
                let figures = points.map { point in point.groups.first?.figures.first { $0.currency == currency } }
                let labels = points.map { f.month($0.window.end) }
                let trendRows = zip(points, figures).map { point, figure in
                    TrendRow(
                        month: f.month(point.window.end), grr: CustomerReportText.ratio(figure?.grr, f),
                        nrr: CustomerReportText.ratio(figure?.nrr, f))
                }
                let desc = trendRows.map { t.format("crep_retention_desc_month", ["month": $0.month, "grr": $0.grr, "nrr": $0.nrr]) }
                    .joined(separator: t["crep_list_separator"])
                return Trend(
                    id: "trend-\(currency.rawValue.lowercased())", heading: t.format("crep_retention_trend_heading", ["currency": currency.rawValue]),
                    chart: ReportChart.lines(
                        id: "trend-chart-\(currency.rawValue.lowercased())",
                        title: t.format("crep_retention_trend_heading", ["currency": currency.rawValue]), desc: desc, labels: labels,
                        series: [("grr", figures.map { $0?.grr }), ("nrr", figures.map { $0?.nrr })]),
                    rows: trendRows)
            }
            let model = Model(
                chrome: reader.chrome(title: t["crep_retention_title"], current: "/renewals", page: request.uri.description),
                t: t.strings, tabs: ReportTabs.tabs(reader, current: "/reports/retention"),
                start: refusal != nil ? String(query["start"] ?? "") : start.description,
                end: refusal != nil ? String(query["end"] ?? "") : end.description,
                windowText: t.format("crep_retention_window", ["start": f.month(start), "end": f.month(end)]),
                groupings: RetentionReports.Grouping.allCases.map {
                    FormOption(value: $0.rawValue, label: t["crep_group_\($0.rawValue)"], selected: $0 == grouping)
                },
                error: refusal.map { t.explain($0) }, rows: rows, empty: rows.isEmpty, trends: trends,
                breakdownHeading: grouping == .org
                    ? t["crep_retention_breakdown"] : t.format("crep_retention_breakdown_of", ["group": chosen.map(name) ?? ""]),
                lines: lines, noLines: lines.isEmpty)
            return (model, refusal != nil)
        }
        return PageResponse.render("report-retention", model, status: refused ? .unprocessableContent : .ok)
    }
}
