import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/success`: what light and deep success mean — the org's definitions and each company's own (which replace the
/// org's for that company's customers) with their measures — and beside them attainment: the share of customers
/// at each tier by company and by contract-start cohort, with the days from contract start to each, as text,
/// bars and tables (``SuccessReports``, which judges customers exactly as their status page does).
struct SuccessPage: Sendable {
    let store: Store

    struct Card: Sendable {
        let href: String
        let editHref: String?
        let tier: String
        let tierClass: String
        let definition: String
        let audience: String
        let aims: [String]
        let hasAims: Bool
        let team: String
        let method: String
        let measures: [SuccessPageText.Measure]
    }

    struct Scope: Sendable {
        let id: String
        let title: String
        let note: String
        let cards: [Card]
        let empty: Bool
    }

    struct Bar: Sendable {
        let label: String
        let percent: String
        let figure: String
        let description: String
    }

    /// One group (a company or a cohort) of the attainment report, both tiers side by side.
    struct Row: Sendable {
        let group: String
        let customers: String
        let light: String
        let lightMedian: String?
        let deep: String
        let deepMedian: String?
    }

    struct Figures: Sendable {
        let id: String
        let title: String
        let caption: String
        let bars: [Bar]
        let rows: [Row]
        let empty: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let notice: String?
        let canCreate: Bool
        let scopes: [Scope]
        let cohorts: [FormOption]
        let figures: [Figures]
    }

    static let notices = ["archived": "sdf_notice_archived"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let notice = query["done"].flatMap { Self.notices[String($0)] }
        let cohort: SuccessReports.Cohort
        switch query["cohort"].map(String.init) {
        case nil, "": cohort = .quarter
        case let raw?:
            guard let parsed = SuccessReports.Cohort(rawValue: raw) else { throw DomainError(.invalid, "sdf_err_cohort", field: "cohort") }
            cohort = parsed
        }
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let identity = caller.identity
            let definitions = try await SuccessDefinitions(tx, caller).list(.init(), after: nil, limit: 200).items
            let companies = try await SuccessPageText.companies(tx)
            let teams = try await SuccessPageText.teams(tx, caller)
            func card(_ d: SuccessDefinition) -> Card {
                let href = "/success-definitions/\(d.id.lowercased)"
                return Card(
                    href: href, editHref: SuccessPageText.canManage(identity, d.scope) ? href + "/edit" : nil,
                    tier: SuccessPageText.tier(d.tier, t), tierClass: "sdf-tier-\(d.tier.rawValue)", definition: d.definition,
                    audience: d.audience, aims: d.aims, hasAims: !d.aims.isEmpty,
                    team: d.responsibleTeamID.map { id in teams.first { $0.id == id }?.name ?? t["sdf_unknown_team"] } ?? t["sdf_no_team"],
                    method: d.method.isEmpty ? t["sdf_no_method"] : d.method,
                    measures: d.measures.map { SuccessPageText.measure($0, t, f) })
            }
            let sorted = definitions.sorted { $0.tier < $1.tier }
            var scopes = [Scope(
                id: "scope-org", title: t["sdf_scope_org_title"], note: t["sdf_scope_org_note"],
                cards: sorted.filter { $0.companyID == nil }.map(card), empty: !sorted.contains { $0.companyID == nil })]
            let own = Set(sorted.compactMap(\.companyID))
            for (id, name) in companies.filter({ own.contains($0.key) }).sorted(by: { $0.value < $1.value }) {
                scopes.append(Scope(
                    id: "scope-\(id.lowercased)", title: t.format("sdf_scope_company_title", ["company": name]),
                    note: t.format("sdf_scope_company_note", ["company": name]),
                    cards: sorted.filter { $0.companyID == id }.map(card), empty: false))
            }

            let reports = SuccessReports(tx, caller)
            let byCompany = try await reports.attainment(grouping: .company, cohort: cohort, companyID: nil)
            let byCohort = try await reports.attainment(grouping: .cohort, cohort: cohort, companyID: nil)
            func label(_ row: SuccessReports.Row, grouping: SuccessReports.Grouping) -> String {
                switch grouping {
                case .company: return row.groupName ?? t["sdf_unknown_company"]
                case .cohort:
                    if row.group == SuccessReports.noContract { return t["sdf_no_contract"] }
                    let parts = row.group.split(separator: "-")
                    if cohort == .month, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) { return f.month(year: y, month: m) }
                    if let match = row.group.firstMatch(of: /^FY(\d{4})-Q([1-4])$/) {
                        return t.format("sdf_fiscal_quarter", ["year": String(match.output.1), "quarter": String(match.output.2)])
                    }
                    return row.group
                }
            }
            func figures(_ rows: [SuccessReports.Row], grouping: SuccessReports.Grouping) -> Figures {
                let groups = Dictionary(grouping: rows, by: \.group)
                let keys = rows.map(\.group).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                let ordered = grouping == .company
                    ? keys.sorted { label(groups[$0]![0], grouping: grouping) < label(groups[$1]![0], grouping: grouping) }
                    : keys.sorted { ($0 == SuccessReports.noContract ? 1 : 0, $0) < ($1 == SuccessReports.noContract ? 1 : 0, $1) }
                var bars: [Bar] = []
                var table: [Row] = []
                func days(_ value: Double?) -> String {
                    value.map { t.format("sdf_days", ["count": f.number($0, fractionDigits: 0)]) } ?? "–"
                }
                for key in ordered {
                    let group = groups[key]!
                    let name = label(group[0], grouping: grouping)
                    let light = group.first { $0.tier == .light }, deep = group.first { $0.tier == .deep }
                    for row in [light, deep].compactMap({ $0 }) {
                        let share = row.share ?? 0
                        let figure = t.format("sdf_share_figure", [
                            "share": row.share.map(f.percent) ?? "–", "reached": f.number(Double(row.reached), fractionDigits: 0),
                            "customers": f.number(Double(row.customers), fractionDigits: 0)])
                        bars.append(Bar(
                            label: t.format("sdf_bar_label", ["group": name, "tier": SuccessPageText.tier(row.tier, t)]),
                            percent: ReportChart.r(max(0, min(100, share * 100))),
                            figure: figure,
                            description: t.format("sdf_bar_desc", ["group": name, "tier": SuccessPageText.tier(row.tier, t), "figure": figure])))
                    }
                    func reached(_ row: SuccessReports.Row?) -> String {
                        guard let row else { return "–" }
                        return t.format("sdf_reached_cell", [
                            "count": f.number(Double(row.reached), fractionDigits: 0), "share": row.share.map(f.percent) ?? "–"])
                    }
                    func median(_ row: SuccessReports.Row?) -> String? {
                        row?.medianDays.map { _ in t.format("sdf_median_cell", ["days": days(row?.medianDays)]) }
                    }
                    table.append(Row(
                        group: name, customers: f.number(Double(group[0].customers), fractionDigits: 0),
                        light: reached(light), lightMedian: median(light), deep: reached(deep), deepMedian: median(deep)))
                }
                let id = "attainment-\(grouping.rawValue)"
                let title = grouping == .company ? t["sdf_attainment_by_company"] : t["sdf_attainment_by_cohort_\(cohort.rawValue)"]
                return Figures(id: id, title: title, caption: title, bars: bars, rows: table, empty: table.isEmpty)
            }
            return Model(
                chrome: reader.chrome(title: t["sdf_title"], current: SuccessTabs.menu, page: request.uri.description), t: t.strings,
                successTabs: SuccessTabs.tabs(reader, current: .definitions), notice: notice.map { t[$0] },
                canCreate: reader.may(.manageSuccess), scopes: scopes,
                cohorts: SuccessReports.Cohort.allCases.map {
                    FormOption(value: $0.rawValue, label: t["sdf_cohort_\($0.rawValue)"], selected: $0 == cohort)
                },
                figures: [figures(byCompany, grouping: .company), figures(byCohort, grouping: .cohort)])
        }
        return PageResponse.render("sdf-index", model)
    }
}
