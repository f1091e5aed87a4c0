import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/processes`: the org's standard processes (seed 000) — each with its latest published version and a draft in
/// progress —, adoption per company (the share of each company's customers on the org's standard, the version the
/// company runs, and for its success managers a form to adopt another), and the comparison that convinced seed
/// 000's managers: the health-grade distribution by process and version with the A+B share. Company-level figures
/// for the process owners; nothing here scores people.
struct ProcessesPage: Sendable {
    let store: Store

    struct ProcessRow: Sendable {
        let href: String
        let name: String
        let summary: String?
        let standard: Bool
        let published: String?
        let draftHref: String?
        let draft: String?
    }

    struct AdoptionRow: Sendable {
        let key: String
        let company: String
        let customers: String
        let onStandard: String
        let share: String
        let sharePercent: String
        let adopted: String
        let canAdopt: Bool
        let action: String
        let options: [FormOption]
        let day: String
        let error: String?
        let dayError: Bool
    }

    struct Segment: Sendable {
        let x: String
        let width: String
        let fill: String
    }

    struct HealthRow: Sendable {
        let key: String
        let label: String
        let a: String, b: String, c: String, d: String
        let unscored: String
        let hasUnscored: Bool
        let scored: String
        let share: String
        let summary: String
        let segments: [Segment]
        let hasScored: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let notice: String?
        let canCreate: Bool
        let processes: [ProcessRow]
        let noProcesses: Bool
        let standardName: String?
        let adoption: [AdoptionRow]
        let noAdoption: Bool
        let health: [HealthRow]
        let noHealth: Bool
    }

    static let notices = ["adopted": "prc_notice_adopted", "archived": "prc_notice_archived"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, notice: notice, typed: nil, error: nil)
        }
        return PageResponse.render("prc-index", model)
    }

    struct AdoptFields: Decodable, Sendable {
        var version: String?
        var adopted_on: String?
    }

    /// `POST /processes/adoption/{company}`: the company adopts a published version from a day (default today).
    func adopt(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let company = try ProcessPageText.id(context.parameters.get("company"), what: "company not found")
        let form = try await request.decodeForm(as: AdoptFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                guard let version = form.version.flatMap({ UUID(uuidString: $0) }) else {
                    // Refused by the use case before anything else when the reader may not adopt for this company.
                    _ = try await ProcessAdoptions(tx, caller).view(company)
                    try caller.identity.require(.manageSuccess, in: .company(company))
                    throw DomainError(.missing, "prc_err_version", field: "version_id")
                }
                let day = try ProcessPageText.day(form.adopted_on, field: "adopted_on")
                _ = try await ProcessAdoptions(tx, caller).adopt(company, versionID: version, on: day)
            }
            return .seeOther("/processes?done=adopted#adoption-heading")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, page: "/processes", notice: nil, typed: (company, form), error: error)
            }
            return PageResponse.render("prc-index", model, status: Problem(domain: error).status)
        }
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, notice: String?, typed: (UUID, AdoptFields)?, error: DomainError?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let processes = try await StandardProcesses(tx, caller).list(archived: false, after: nil, limit: 200).items
        let versions = ProcessVersions(tx, caller)
        var rows: [ProcessRow] = []
        var published: [(process: StandardProcess, version: ProcessVersion)] = []
        for process in processes {
            let all = try await versions.list(process.id)
            let latest = all.last { $0.version.isPublished }?.version
            let draft = all.last { !$0.version.isPublished }?.version
            published += all.filter(\.version.isPublished).map { (process, $0.version) }
            let base = "/processes/\(process.id.lowercased)"
            rows.append(ProcessRow(
                href: base, name: process.name, summary: CustomerPageText.text(process.summary), standard: process.isOrgStandard,
                published: latest.map { v in
                    t.format("prc_published_version", [
                        "version": ProcessPageText.version(v.number, t), "date": v.publishedAt.map { f.date(f.day(of: $0)) } ?? "",
                    ])
                },
                draftHref: draft.map { "\(base)/versions/\($0.number)" },
                draft: draft.map { t.format("prc_draft_in_progress", ["version": ProcessPageText.version($0.number, t)]) }))
        }

        let adoption = try await ProcessReports(tx, caller).adoption()
        let adoptionRows = adoption.rows.map { row -> AdoptionRow in
            let key = row.companyID.lowercased
            let adopted = adoption.adopted[row.companyID]
            let mine = typed?.0 == row.companyID ? typed?.1 : nil
            let chosen = mine?.version ?? adopted?.versionID.lowercased ?? ""
            let canAdopt = identity.authorizer.can(identity.actor, .manageSuccess, in: .company(row.companyID)).allowed
            let message = mine != nil ? error.map { t.explain($0) } : nil
            return AdoptionRow(
                key: key, company: adoption.companyNames[row.companyID] ?? t["prc_unknown_company"],
                customers: f.number(Double(row.customers)), onStandard: f.number(Double(row.onStandard)),
                share: row.share.map(f.percent) ?? "–", sharePercent: ReportChart.r((row.share ?? 0) * 100),
                adopted: adopted.map { a in
                    t.format("prc_adopted_since", [
                        "process": adoption.processNames[a.processID] ?? t["prc_unknown_process"],
                        "version": ProcessPageText.version(a.versionNumber, t), "date": f.date(a.adoptedOn),
                    ])
                } ?? t["prc_not_adopted"],
                canAdopt: canAdopt, action: "/processes/adoption/\(key)",
                options: [FormOption(value: "", label: t["prc_choose_version"], selected: chosen.isEmpty)]
                    + published.map { p in
                        FormOption(
                            value: p.version.id.lowercased,
                            label: t.format("prc_version_option", ["process": p.process.name, "version": ProcessPageText.version(p.version.number, t)]),
                            selected: p.version.id.lowercased == chosen)
                    },
                day: mine?.adopted_on ?? "", error: message, dayError: message != nil && error?.field == "adopted_on")
        }

        let health = try await ProcessReports(tx, caller).healthByProcess()
        let healthRows = health.rows.enumerated().map { index, row -> HealthRow in
            let label = row.processID.map { id in
                t.format("prc_version_option", [
                    "process": health.processNames[id] ?? t["prc_unknown_process"],
                    "version": ProcessPageText.version(row.versionNumber ?? 0, t),
                ])
            } ?? t["prc_no_process"]
            var segments: [Segment] = []
            var x = 0.0
            for (grade, fill) in [(HealthGrade.a, "#1f6b43"), (.b, "#6fae82"), (.c, "url(#prc-hatch-c)"), (.d, "url(#prc-hatch-d)")] {
                let count = row.count(grade)
                guard row.scored > 0, count > 0 else { continue }
                let width = Double(count) / Double(row.scored) * 600
                segments.append(Segment(x: ReportChart.r(x), width: ReportChart.r(width), fill: fill))
                x += width
            }
            let share = row.abShare.map(f.percent) ?? "–"
            let counts = ["a": f.number(Double(row.a)), "b": f.number(Double(row.b)), "c": f.number(Double(row.c)), "d": f.number(Double(row.d))]
            return HealthRow(
                key: "hb-\(index)", label: label, a: counts["a"]!, b: counts["b"]!, c: counts["c"]!, d: counts["d"]!,
                unscored: f.number(Double(row.unscored)), hasUnscored: row.unscored > 0, scored: f.number(Double(row.scored)), share: share,
                summary: t.format("prc_health_bar_summary", counts.merging(["share": share, "unscored": f.number(Double(row.unscored))]) { a, _ in a }),
                segments: segments, hasScored: row.scored > 0)
        }

        let title = t["prc_title"]
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .processes), notice: notice.map { t[$0] },
            canCreate: identity.authorizer.canSomewhere(identity.actor, .manageSuccess, within: .org),
            processes: rows, noProcesses: rows.isEmpty, standardName: adoption.standard?.name,
            adoption: adoptionRows, noAdoption: adoptionRows.isEmpty, health: healthRows, noHealth: healthRows.isEmpty)
    }
}
