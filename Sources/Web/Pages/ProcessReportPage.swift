import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/processes/{id}/report`: where the process itself is hard — step lead times (median and 75th percentile days
/// per step of a published version, against the expected days) and stalls (customers held on their step longer
/// than 1.5× its expected days: counts per step, and the customers by name, only those the reader reads). For the
/// process owners; nothing here ranks people.
struct ProcessReportPage: Sendable {
    let store: Store

    struct LeadRow: Sendable {
        let name: String
        let expected: String
        let completed: String
        let median: String
        let p75: String
        let late: Bool
        let medianWidth: String
        let p75Width: String
        let expectedX: String
        let label: String
    }

    struct StallRow: Sendable {
        let version: String
        let name: String
        let expected: String
        let current: String
        let stalled: String
        let width: String
        let hasStalled: Bool
    }

    struct StalledCustomer: Sendable {
        let href: String
        let name: String
        let step: String
        let version: String
        let since: String
        let held: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let title: String
        let processName: String
        let processHref: String
        let action: String
        let versions: [FormOption]
        let hasVersions: Bool
        let shownVersion: String?
        let lead: [LeadRow]
        let hasLead: Bool
        let stallSteps: [StallRow]
        let hasStallSteps: Bool
        let stalled: [StalledCustomer]
        let noStalled: Bool
        let today: String
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProcessPageText.id(context.parameters.get("id"))
        var number: Int?
        if let raw = request.uri.queryParameters["version"], !raw.isEmpty { number = try ProcessPageText.number(String(raw)) }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, number: number, page: request.uri.description)
        }
        return PageResponse.render("prc-report", model)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, id: UUID, number: Int?, page: String) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let reports = ProcessReports(tx, caller)
        let process = try await StandardProcesses(tx, caller).get(id)
        let published = try await ProcessVersions(tx, caller).list(id).filter(\.version.isPublished).map(\.version)
        if let number, !published.contains(where: { $0.number == number }) { throw DomainError(.notFound, "process version not found") }
        let stalls = try await reports.stalls(id)
        var lead: [LeadRow] = []
        var shown: ProcessVersion?
        if !published.isEmpty {
            // By default the version most customers are on now (a version just published has no lead times yet).
            var onNow: [Int: Int] = [:]
            for row in stalls.byStep { onNow[row.versionNumber, default: 0] += row.current }
            let busiest = onNow.filter { $0.value > 0 }.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
            let found = try await reports.leadTimes(id, number: number ?? busiest)
            shown = found.version
            let scale = found.rows.map { max(Double($0.step.expectedDays), $0.p75 ?? 0, $0.median ?? 0) }.max() ?? 1
            lead = found.rows.map { row in
                let days = { (value: Double?) in value.map { t.format("prc_days", ["count": f.number($0, fractionDigits: 1)]) } ?? "–" }
                let median = days(row.median), p75 = days(row.p75)
                return LeadRow(
                    name: row.step.name, expected: t.format("prc_days", ["count": f.number(Double(row.step.expectedDays))]),
                    completed: f.number(Double(row.completed)), median: median, p75: p75,
                    late: (row.median ?? 0) > Double(row.step.expectedDays),
                    medianWidth: ReportChart.r((row.median ?? 0) / scale * 100), p75Width: ReportChart.r((row.p75 ?? 0) / scale * 100),
                    expectedX: ReportChart.r(Double(row.step.expectedDays) / scale * 100),
                    label: t.format("prc_lead_bar_label", [
                        "median": median, "p75": p75, "expected": t.format("prc_days", ["count": f.number(Double(row.step.expectedDays))]),
                    ]))
            }
        }
        let most = max(1, stalls.byStep.map(\.current).max() ?? 1)
        let title = t.format("prc_report_title", ["name": process.name])
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .processes), title: title, processName: process.name,
            processHref: "/processes/\(process.id.lowercased)", action: "/processes/\(process.id.lowercased)/report",
            versions: published.reversed().map {
                FormOption(value: String($0.number), label: ProcessPageText.version($0.number, t), selected: $0.number == shown?.number)
            },
            hasVersions: published.count > 1, shownVersion: shown.map { ProcessPageText.version($0.number, t) },
            lead: lead, hasLead: !lead.isEmpty,
            stallSteps: stalls.byStep.map { row in
                StallRow(
                    version: ProcessPageText.version(row.versionNumber, t), name: row.step.name,
                    expected: t.format("prc_days", ["count": f.number(Double(row.step.expectedDays))]),
                    current: f.number(Double(row.current)), stalled: f.number(Double(row.stalled)),
                    width: ReportChart.r(Double(row.stalled) / Double(most) * 100), hasStalled: row.stalled > 0)
            },
            hasStallSteps: !stalls.byStep.isEmpty,
            stalled: stalls.stalls.map { stall in
                let step = stalls.byStep.first { $0.step.id == stall.stepID }?.step.name ?? t["prc_unknown_step"]
                return StalledCustomer(
                    href: "/customers/\(stall.customerID.lowercased)/process", name: stalls.customerNames[stall.customerID] ?? "–",
                    step: step, version: stalls.customerVersions[stall.customerID].flatMap { stalls.versionNumbers[$0] }
                        .map { ProcessPageText.version($0, t) } ?? "–",
                    since: f.date(stall.startedOn),
                    held: t.format("prc_held_of", [
                        "held": f.number(Double(stall.heldDays)), "expected": f.number(Double(stall.expectedDays)),
                    ]))
            },
            noStalled: stalls.stalls.isEmpty, today: f.date(stalls.today))
    }
}
