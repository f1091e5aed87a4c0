import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/reports/health`: how the customers spread over the grades month by month — a stacked bar per month with the
/// A/B share line (seed 000 reads that share as a KGI) and the same figures in a table — for the org or per
/// company, team or CSM. Each reader counts the customers they may read.
struct HealthReportPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let month: String
        let a: String, b: String, c: String, d: String, total: String
        let share: String
    }

    struct Group: Sendable {
        let id: String
        let name: String
        let latestShare: String
        let chart: ReportChart
        let rows: [Row]
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [ReportTabs.Tab]
        let from: String
        let to: String
        let groupings: [FormOption]
        let error: String?
        let fromError: String?
        let groups: [Group]
        let empty: Bool
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let grouping = query["group_by"].flatMap { HealthScoreRepository.Grouping(rawValue: String($0)) } ?? .org
        var refusal: DomainError?
        var from: YearMonth?, to: YearMonth?
        do {
            from = try CustomerReportText.month(query: query["from"], field: "from")
            to = try CustomerReportText.month(query: query["to"], field: "to")
        } catch let error as DomainError { refusal = error }
        let asked = (from, to, refusal)
        let (model, status) = try await store.tenant(context) { tx, caller -> (Model, Bool) in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            var refusal = asked.2
            var answer: (from: YearMonth, to: YearMonth, distribution: HealthDistribution)?
            if refusal == nil {
                do { answer = try await HealthReports(tx, caller).distribution(from: asked.0, to: asked.1, groupBy: grouping) }
                catch let error as DomainError where error.code == .invalid { refusal = error }
            }
            if answer == nil {
                // The form comes back with what was typed and the default window's figures below it.
                answer = try await HealthReports(tx, caller).distribution(from: nil, to: nil, groupBy: grouping)
            }
            let result = answer!
            let keys = Set(result.distribution.rows.map(\.group))
            let names = try await RevenueRepository.names(tx, ids: keys.compactMap { UUID(uuidString: $0) })
            let months = YearMonth.range(result.from, through: result.to)
            let labels = months.map { f.month($0) }
            let groups = Dictionary(grouping: result.distribution.rows, by: \.group).map { key, rows -> Group in
                let name = key == "org" ? t["crep_org_wide"] : key == "none" ? t["crep_unattributed"]
                    : UUID(uuidString: key).flatMap { names[$0] } ?? t["crep_unattributed"]
                let sorted = rows.sorted { $0.month < $1.month }
                let id = "health-\(key)"
                let desc = sorted.map { row in
                    t.format("crep_health_desc_month", [
                        "month": f.month(row.month), "a": "\(row.a)", "b": "\(row.b)", "c": "\(row.c)", "d": "\(row.d)",
                        "share": row.abShare.map(f.percent) ?? "–",
                    ])
                }.joined(separator: t["crep_list_separator"])
                let chart = ReportChart.stacked(
                    id: id, title: t.format("crep_health_chart_title", ["group": name]), desc: desc, labels: labels,
                    layers: [("grade-a", sorted.map(\.a)), ("grade-b", sorted.map(\.b)), ("grade-c", sorted.map(\.c)), ("grade-d", sorted.map(\.d))],
                    shareLines: [("share", sorted.map(\.abShare))])
                return Group(
                    id: id, name: name, latestShare: sorted.last?.abShare.map(f.percent) ?? "–", chart: chart,
                    rows: sorted.map { row in
                        Row(
                            month: f.month(row.month), a: f.number(Double(row.a)), b: f.number(Double(row.b)),
                            c: f.number(Double(row.c)), d: f.number(Double(row.d)), total: f.number(Double(row.total)),
                            share: row.abShare.map(f.percent) ?? "–")
                    })
            }
            .sorted { ($0.name == t["crep_unattributed"] ? 1 : 0, $0.name) < ($1.name == t["crep_unattributed"] ? 1 : 0, $1.name) }
            let message = refusal.map { t.explain($0) }
            let model = Model(
                chrome: reader.chrome(title: t["crep_health_title"], current: "/renewals", page: request.uri.description),
                t: t.strings, tabs: ReportTabs.tabs(reader, current: "/reports/health"),
                from: refusal != nil ? String(query["from"] ?? "") : result.from.description,
                to: refusal != nil ? String(query["to"] ?? "") : result.to.description,
                groupings: HealthScoreRepository.Grouping.allCases.map {
                    FormOption(value: $0.rawValue, label: t["crep_group_\($0.rawValue)"], selected: $0 == grouping)
                },
                error: refusal.flatMap { $0.field == "from" || $0.field == "to" ? nil : message },
                fromError: refusal.flatMap { $0.field == "from" || $0.field == "to" ? message : nil },
                groups: groups, empty: groups.isEmpty)
            return (model, refusal != nil)
        }
        return PageResponse.render("report-health", model, status: status ? .unprocessableContent : .ok)
    }
}

/// The tabs across the customer reports: each shows only to a reader its page would not refuse.
enum ReportTabs {
    struct Tab: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    static func tabs(_ reader: Reader, current: String) -> [Tab] {
        var pages: [(String, String)] = [("crep_tab_renewals", "/renewals")]
        if reader.may(.readContractValues) { pages.append(("crep_tab_retention", "/reports/retention")) }
        pages += [("crep_tab_health", "/reports/health"), ("crep_tab_tickets", "/reports/tickets"), ("crep_tab_problems", "/problems")]
        return pages.map { Tab(label: reader.t[$0.0], href: $0.1, current: $0.1 == current) }
    }
}
