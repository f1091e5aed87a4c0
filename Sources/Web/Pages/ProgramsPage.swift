import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/programs`: the enrolments the reader can see (mine or all, running or finished) with this program month's hours
/// against the budget and whether the goal sheet is agreed; the program templates; and seed 002's figures — coverage,
/// how often a presented program reached its goal, each CSM's program hours this month against capacity (with the
/// capacity form for whoever manages the CSM).
struct ProgramsPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let href: String
        let customer: String
        let template: String
        let csm: String
        let start: String
        let month: String
        let state: String
        let hours: String
        let hoursState: String?
        let hoursClass: String
        let sheet: String
        let sheetClass: String
    }

    struct TemplateRow: Sendable {
        let href: String
        let name: String
        let detail: String
    }

    struct CSMRow: Sendable {
        let bar: ProgramPageText.Bar
        let name: String
        let used: String
        let capacity: String
        let state: String
        let canSet: Bool
        let action: String
        let inputID: String
        let hours: String
        let version: String
        /// Not `error`: a missing value would be looked up on the page (its error summary).
        let rowError: String?
        let setLabel: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let notice: String?
        let error: String?
        let scopes: [FormOption]
        let states: [FormOption]
        let rows: [Row]
        let noRows: Bool
        let canEnrol: Bool
        let templates: [TemplateRow]
        let noTemplates: Bool
        let canManage: Bool
        let month: String
        let coverage: String
        let coverageDetail: String
        let success: String
        let successDetail: String
        let csms: [CSMRow]
        let noCSMs: Bool
    }

    struct CapacityFields: Decodable, Sendable {
        var hours: String?
        var version: String?
    }

    static let notices = [
        "capacity": "prg_notice_capacity", "template": "prg_notice_template", "archived": "prg_notice_archived",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let notice = query["done"].flatMap { Self.notices[String($0)] }
        let scope = query["scope"].map(String.init) ?? "all"
        let state = query["state"].map(String.init) ?? "active"
        guard ["all", "mine"].contains(scope), ["active", "completed", "cancelled", "any"].contains(state) else {
            throw DomainError(.invalid, "prg_err_filter", field: "state")
        }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, scope: scope, state: state, notice: notice, refused: nil)
        }
        return PageResponse.render("prg-index", model)
    }

    /// `POST /programs/capacity/{member}`: the CSM's monthly program hours, set by whoever manages them.
    func setCapacity(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let member = try ProgramPageText.id(context.parameters.get("member"), "member")
        let form = try await request.decodeForm(as: CapacityFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                guard let minutes = try ProgramPageText.minutes(fromHours: form.hours, field: "monthly_minutes") else {
                    throw DomainError(.missing, "prg_err_hours", field: "monthly_minutes")
                }
                _ = try await CSMCapacities(tx, caller).set(member: member, monthlyMinutes: minutes, expectedVersion: ProgramPageText.version(form.version))
            }
            return .seeOther("/programs?done=capacity#hours-heading")
        } catch let error as DomainError where EnrolmentPage.refusals.contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, page: "/programs", scope: "all", state: "active", notice: nil, refused: (member, form.hours ?? "", error))
            }
            return PageResponse.render("prg-index", model, status: Problem(domain: error).status)
        }
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, scope: String, state: String, notice: String?,
        refused: (member: UUID, hours: String, error: DomainError)?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let templatesUseCase = ProgramTemplates(tx, caller)
        let live = try await templatesUseCase.list(archived: false, after: nil, limit: 100).items
        let archived = try await templatesUseCase.list(archived: true, after: nil, limit: 100).items
        let templateNames = Dictionary((live + archived).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })

        var filter = EnrolmentRepository.Filter()
        if scope == "mine" { filter.csmID = identity.memberID }
        if let chosen = Enrolment.State(rawValue: state) { filter.state = chosen }
        let enrolments = try await Enrolments(tx, caller).list(filter, after: nil, limit: 100).items
        let csmNames = try await CustomerRepository.memberNames(tx, enrolments.map(\.csmID))
        var rows: [Row] = []
        for view in try await Enrolments(tx, caller).views(enrolments) {
            let enrolment = view.enrolment
            let current = enrolment.calendar.programMonth(of: view.today)
            let use = current.flatMap { n in view.months.first { $0.number == n }?.use }
            let sheet: (String, String) = if let g = view.goalSheet {
                g.isAgreed ? (t["prg_sheet_short_agreed"], "agreed") : (t.format("prg_sheet_short_pending", ["count": String(g.pendingParties.count)]), "pending")
            } else {
                (t["prg_sheet_short_none"], "none")
            }
            rows.append(Row(
                href: "/enrolments/\(enrolment.id.lowercased)", customer: view.customerName,
                template: templateNames[enrolment.templateID] ?? "–", csm: csmNames[enrolment.csmID] ?? "–",
                start: f.date(enrolment.startDate),
                month: current.map { t.format("prg_month_of", ["number": String($0), "months": String(enrolment.months)]) } ?? "–",
                state: ProgramPageText.state(enrolment.state, t),
                hours: use.map { t.format("prg_hours_of", ["used": f.number($0.usedHours), "limit": f.number($0.limitHours)]) } ?? "–",
                hoursState: use.map { t["prg_budget_\($0.state.rawValue)"] }, hoursClass: use?.state.rawValue ?? "none",
                sheet: sheet.0, sheetClass: sheet.1))
        }

        let report = try await ProgramReports(tx, caller).report(month: nil)
        func share(_ s: ProgramFigures.Share) -> String { s.rate.map { f.percent($0) } ?? "–" }
        var csms: [CSMRow] = []
        for entry in report.hours {
            var canSet = false
            var version = "0"
            if let member = try? await Members(tx, caller).get(entry.csmID), Members.covers(identity, .manageMembers, member: member)
                || identity.authorizer.can(identity.actor, .manageMembers, in: .org).allowed
            {
                canSet = (try? await Members.requireReach(identity, over: entry.csmID, tx: tx)) != nil
                if canSet { version = String(try await CSMCapacityRepository.get(tx, member: entry.csmID).version) }
            }
            let mine = refused?.member == entry.csmID
            csms.append(CSMRow(
                bar: ProgramPageText.bar(label: entry.name, use: entry.use, t, f), name: entry.name,
                used: ProgramPageText.hours(entry.use.usedMinutes, t, f), capacity: ProgramPageText.hours(entry.use.limitMinutes, t, f),
                state: t["prg_budget_\(entry.use.state.rawValue)"], canSet: canSet,
                action: "/programs/capacity/\(entry.csmID.lowercased)", inputID: "capacity-\(entry.csmID.lowercased)",
                hours: mine ? refused!.hours : f.number(entry.use.limitHours).replacingOccurrences(of: ",", with: ""), version: version,
                rowError: mine ? (refused!.error.code == .preconditionFailed ? t["prg_err_stale"] : t.explain(refused!.error)) : nil,
                setLabel: t.format("prg_capacity_of", ["name": entry.name])))
        }

        return Model(
            chrome: reader.chrome(title: t["prg_title"], current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .programs), notice: notice.map { t[$0] },
            error: refused.map { $0.error.code == .preconditionFailed ? t["prg_err_stale"] : t.explain($0.error) },
            scopes: ["all", "mine"].map { FormOption(value: $0, label: t["prg_scope_\($0)"], selected: $0 == scope) },
            states: ["active", "completed", "cancelled", "any"].map { FormOption(value: $0, label: t["prg_filter_\($0)"], selected: $0 == state) },
            rows: rows, noRows: rows.isEmpty,
            canEnrol: reader.may(.writeOwnCustomers) || reader.may(.manageCustomers) || reader.may(.manageSuccess),
            templates: live.map {
                TemplateRow(
                    href: "/program-templates/\($0.id.lowercased)", name: $0.name,
                    detail: t.format("prg_template_detail", [
                        "months": String($0.months), "hours": f.number($0.monthlyBudgetHours), "sessions": String($0.sessions.count),
                    ]))
            },
            noTemplates: live.isEmpty, canManage: reader.may(.manageSuccess),
            month: f.month(report.month),
            coverage: share(report.coverage),
            coverageDetail: t.format("prg_coverage_detail", ["part": String(report.coverage.part), "whole": String(report.coverage.whole)]),
            success: share(report.presentationSuccess),
            successDetail: t.format("prg_success_detail", [
                "part": String(report.presentationSuccess.part), "whole": String(report.presentationSuccess.whole),
                "pending": String(report.presentationPending),
            ]),
            csms: csms, noCSMs: csms.isEmpty)
    }
}
