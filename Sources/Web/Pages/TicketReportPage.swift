import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/reports/tickets`: how fast tickets are answered and resolved (median and 90th percentile, in hours), how
/// many opened, were resolved and are still open, CSAT and how often tickets come back — by priority, product or
/// the customer's lifecycle phase when the ticket opened. The onboarding row stands out: what goes wrong during
/// onboarding feeds the onboarding program (seed 004).
struct TicketReportPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let label: String
        let highlight: Bool
        let opened: String
        let resolved: String
        let firstMedian: String
        let firstP90: String
        let resolveMedian: String
        let resolveP90: String
        let backlog: String
        let csat: String
        let reopen: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [ReportTabs.Tab]
        let from: String
        let to: String
        let groupings: [FormOption]
        let error: String?
        let windowText: String
        let rows: [Row]
        let total: Row?
        let empty: Bool
        let byPhase: Bool
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let grouping = query["group_by"].flatMap { TicketMetricsRepository.Grouping(rawValue: String($0)) } ?? .priority
        var refusal: DomainError?
        func day(_ name: String) -> LocalDate? {
            guard let raw = query[name[...]], !raw.isEmpty else { return nil }
            guard let value = LocalDate(iso: String(raw)) else {
                refusal = refusal ?? DomainError(.invalid, "crep_error_date", field: name)
                return nil
            }
            return value
        }
        let asked = (day("from"), day("to"), refusal)
        let (model, refused) = try await store.tenant(context) { tx, caller -> (Model, Bool) in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            var refusal = asked.2
            let reports = TicketReports(tx, caller)
            var report: TicketReports.Report?
            if refusal == nil {
                do { report = try await reports.report(from: asked.0, to: asked.1, groupBy: grouping, companyID: nil, teamID: nil) }
                catch let error as DomainError where error.code == .invalid { refusal = error }
            }
            if report == nil { report = try await reports.report(from: nil, to: nil, groupBy: grouping, companyID: nil, teamID: nil) }
            let answer = report!
            func hours(_ value: Double?) -> String { value.map { f.number($0, fractionDigits: 1) } ?? "–" }
            func row(_ r: TicketMetricsRepository.Row, label: String) -> Row {
                Row(
                    label: label, highlight: grouping == .phase && r.key == LifecyclePhase.onboarding.rawValue,
                    opened: f.number(Double(r.opened)), resolved: f.number(Double(r.resolved)),
                    firstMedian: hours(r.firstResponse?.median), firstP90: hours(r.firstResponse?.p90),
                    resolveMedian: hours(r.resolution?.median), resolveP90: hours(r.resolution?.p90), backlog: f.number(Double(r.backlog)),
                    csat: r.csatAverage.map { t.format("crep_csat_value", ["score": f.number($0, fractionDigits: 1), "count": f.number(Double(r.csatCount))]) } ?? "–",
                    reopen: r.opened > 0 ? f.percent(Double(r.reopened) / Double(r.opened)) : "–")
            }
            func label(_ key: String?) -> String {
                guard let key else { return t["crep_ticket_no_product"] }
                switch grouping {
                case .priority: return t["crep_priority_\(key)"]
                case .phase: return t["crep_phase_\(key)"]
                case .product: return key
                }
            }
            let model = Model(
                chrome: reader.chrome(title: t["crep_tickets_title"], current: "/renewals", page: request.uri.description),
                t: t.strings, tabs: ReportTabs.tabs(reader, current: "/reports/tickets"),
                from: refusal != nil ? String(query["from"] ?? "") : answer.from.description,
                to: refusal != nil ? String(query["to"] ?? "") : answer.to.description,
                groupings: TicketMetricsRepository.Grouping.allCases.map {
                    FormOption(value: $0.rawValue, label: t["crep_ticket_group_\($0.rawValue)"], selected: $0 == grouping)
                },
                error: refusal.map { t.explain($0) },
                windowText: t.format("crep_tickets_window", ["from": f.date(answer.from), "to": f.date(answer.to)]),
                rows: answer.groups.map { row($0, label: label($0.key)) }, total: answer.total.map { row($0, label: t["crep_total"]) },
                empty: answer.groups.isEmpty, byPhase: grouping == .phase)
            return (model, refusal != nil)
        }
        return PageResponse.render("report-tickets", model, status: refused ? .unprocessableContent : .ok)
    }
}
