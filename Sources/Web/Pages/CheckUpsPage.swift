import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/check-ups`: the response rate first — per CSM and per company over the last six months, judged over the last
/// three complete months against the org's threshold (seed 002: about 20 % meant the check-up had failed) and said
/// in words when a group stays below it — then the questionnaires, the team plans the reader sees, the NPS
/// campaigns and the latest sends. Each reader counts only the customers they read.
struct CheckUpsPage: Sendable {
    let store: Store

    struct Month: Sendable {
        let label: String
        let rate: String
        let counts: String
    }

    struct RateGroup: Sendable {
        let name: String
        let windowText: String
        let width: String
        let below: Bool
        let verdict: String
        let verdictClass: String
        let months: [Month]
    }

    struct Grouping: Sendable {
        let id: String
        let heading: String
        let caption: String
        let groups: [RateGroup]
        let empty: Bool
    }

    struct TemplateRow: Sendable {
        let href: String
        let name: String
        let detail: String
    }

    struct PlanRow: Sendable {
        let team: String
        let href: String
        let state: String
        let stateClass: String
        let enabled: Bool
        let segment: String
        let template: String
        let day: String
        let canEdit: Bool
        let editLabel: String
    }

    struct CampaignRow: Sendable {
        let href: String
        let name: String
        let audience: String
        let state: String
        let sent: String
        let responses: String
    }

    struct SendRow: Sendable {
        let customer: String
        let customerHref: String
        let contact: String
        let sent: String
        let state: String
        let stateClass: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let notice: String?
        let thresholdLine: String
        let windowLine: String
        let threshold: String
        let warnings: [String]
        let hasWarnings: Bool
        let org: RateGroup
        let groupings: [Grouping]
        let monthLabels: [String]
        let templates: [TemplateRow]
        let noTemplates: Bool
        let canManage: Bool
        let canCampaign: Bool
        let plans: [PlanRow]
        let noPlans: Bool
        let campaigns: [CampaignRow]
        let noCampaigns: Bool
        let sends: [SendRow]
        let noSends: Bool
    }

    static let notices = [
        "template-archived": "cku_notice_template_archived", "settings-saved": "cku_notice_settings_saved",
        "plan-saved": "cku_notice_plan_saved",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, notice: notice)
        }
        return PageResponse.render("cku-index", model)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, page: String, notice: String?) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity

        // The response rate: six months to the current one; the warning judges the three complete months before it.
        let current = YearMonth(reader.today(caller.now))
        let from = current.adding(months: -5)
        let rates = ResponseRates(tx, caller)
        let byCSM = try await rates.report(from: from, to: current, grouping: .csm)
        let byCompany = try await rates.report(from: from, to: current, grouping: .company)
        let threshold = byCSM.thresholdPercent
        let window = byCSM.window
        let windowText = t.format("cku_window_months", ["from": f.month(window[0]), "to": f.month(window[2])])

        func verdict(_ v: ResponseRates.Verdict) -> (String, String) {
            switch v.state {
            case "below": (t["cku_verdict_below"], "cku-below")
            case "fine": (t["cku_verdict_fine"], "cku-fine")
            default: (t["cku_verdict_not_enough"], "cku-quiet")
            }
        }
        func row(_ g: ResponseRates.Group, name: String) -> RateGroup {
            let (word, css) = verdict(g.verdict)
            return RateGroup(
                name: name, windowText: CheckUpPageText.rateText(g.verdict.rate, t, f), width: CheckUpPageText.width(g.verdict.rate),
                below: g.verdict.warning, verdict: word, verdictClass: css,
                months: g.months.map {
                    Month(
                        label: f.month($0.month), rate: CheckUpPageText.percent($0.rate, f),
                        counts: $0.rate.sent > 0 ? t.format("cku_counts", ["answered": "\($0.rate.answered)", "sent": "\($0.rate.sent)"]) : "")
                })
        }
        func name(_ g: ResponseRates.Group, _ none: String) -> String { g.id == nil ? t[none] : (g.name ?? t[none]) }
        let csmGroups = byCSM.groups.map { row($0, name: name($0, "cku_no_csm")) }
        let companyGroups = byCompany.groups.map { row($0, name: name($0, "cku_no_company")) }
        var warnings: [String] = []
        for (group, text) in Array(zip(byCSM.groups, csmGroups)) + Array(zip(byCompany.groups, companyGroups)) where group.verdict.warning {
            warnings.append(t.format("cku_warning_group", [
                "name": text.name, "rate": CheckUpPageText.percent(group.verdict.rate, f), "threshold": "\(threshold)%", "window": windowText,
            ]))
        }
        if byCSM.org.verdict.warning {
            warnings.insert(t.format("cku_warning_org", [
                "rate": CheckUpPageText.percent(byCSM.org.verdict.rate, f), "threshold": "\(threshold)%", "window": windowText,
            ]), at: 0)
        }

        // Questionnaires.
        let canManage = identity.authorizer.can(identity.actor, .manageSuccess, in: .org).allowed
        let templates = try await CheckUpTemplates(tx, caller).list(archived: false, after: nil, limit: 100).items
        let templateNames = Dictionary(uniqueKeysWithValues: templates.map { ($0.id, $0.name) })

        // The team plans the reader sees (a team they cannot read is not listed).
        let places = try await MeetingPageText.places(tx, caller)
        var plans: [PlanRow] = []
        let teamPlans = try await CheckUpPlans(tx, caller).list(teams: places.teams.map(\.id))
        for team in places.teams {
            guard let plan = teamPlans[team.id] else { continue }
            let canEdit = identity.authorizer.can(identity.actor, .manageSuccess, in: .team(team.id)).allowed
            let teamName = places.name(of: .team(team.id), t)
            plans.append(PlanRow(
                team: teamName, href: "/teams/\(team.id.lowercased)/check-up-plan",
                state: plan.enabled ? t["cku_plan_on"] : t["cku_plan_off"], stateClass: plan.enabled ? "cku-on" : "cku-off", enabled: plan.enabled,
                segment: plan.segment ?? t["cku_segment_all"],
                template: plan.templateID.map { templateNames[$0] ?? t["cku_template_archived"] } ?? t["cku_template_none"],
                day: t.format("cku_day_of_month", ["day": "\(plan.dayOfMonth)"]), canEdit: canEdit,
                editLabel: t.format(canEdit ? "cku_plan_edit_for" : "cku_plan_view_for", ["team": teamName])))
        }

        // NPS campaigns, with their answers counted from their sends.
        let campaigns = try await NPSCampaigns(tx, caller).list(after: nil, limit: 50).items
        let answeredByCampaign = try await CheckUpSends(tx, caller).answeredByCampaign()

        // The latest check-ups sent.
        let recent = try await CheckUpSends(tx, caller).list(.init(kind: .checkUp), after: nil, limit: 100).items
            .sorted { $0.sentAt > $1.sentAt }.prefix(8)
        var sends: [SendRow] = []
        let year = reader.today(caller.now).year
        func day(_ instant: Date) -> String {
            let local = f.day(of: instant)
            return local.year == year ? f.shortDate(local) : f.date(local)
        }
        let customerNames = try await CustomerRepository.names(tx, recent.map(\.customerID), english: t.language == .en)
        let contactNames = try await ContactRepository.names(tx, recent.map(\.contactID))
        for send in recent {
            let state: (String, String) =
                if let answered = send.answeredAt { (t.format("cku_send_answered", ["date": day(answered)]), "cku-fine") }
                else if send.expiresAt <= caller.now { (t["cku_send_expired"], "cku-quiet") }
                else if send.remindedAt != nil { (t["cku_send_reminded"], "cku-waiting") }
                else { (t["cku_send_open"], "cku-waiting") }
            sends.append(SendRow(
                customer: customerNames[send.customerID] ?? "–", customerHref: "/customers/\(send.customerID.lowercased)",
                contact: contactNames[send.contactID].flatMap { $0 } ?? t["cku_contact_erased"],
                sent: day(send.sentAt), state: state.0, stateClass: state.1))
        }

        let title = t["cku_title"]
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .checkUps), notice: notice.map { t[$0] },
            thresholdLine: t.format("cku_threshold_line", ["threshold": "\(threshold)%", "window": windowText]),
            windowLine: windowText, threshold: "\(threshold)", warnings: warnings, hasWarnings: !warnings.isEmpty,
            org: row(byCSM.org, name: t["cku_org_total"]),
            groupings: [
                Grouping(id: "rates-csm", heading: t["cku_by_csm"], caption: t["cku_by_csm_caption"], groups: csmGroups, empty: csmGroups.isEmpty),
                Grouping(
                    id: "rates-company", heading: t["cku_by_company"], caption: t["cku_by_company_caption"], groups: companyGroups,
                    empty: companyGroups.isEmpty),
            ],
            monthLabels: YearMonth.range(from, through: current).map { f.month($0) },
            templates: templates.map {
                TemplateRow(
                    href: "/check-up-templates/\($0.id.lowercased)", name: $0.name,
                    detail: t.format("cku_template_detail", ["count": "\($0.questions.count)", "date": f.date(f.day(of: $0.updatedAt))]))
            },
            noTemplates: templates.isEmpty, canManage: canManage, canCampaign: reader.may(.manageSuccess), plans: plans, noPlans: plans.isEmpty,
            campaigns: campaigns.map { c in
                CampaignRow(
                    href: "/nps-campaigns/\(c.id.lowercased)", name: c.name, audience: NPSCampaignPages.audience(c, places, t),
                    state: c.state == .sent ? t.format("cku_nps_sent_on", ["date": f.date(f.day(of: c.sentAt ?? c.updatedAt))]) : t["cku_nps_state_draft"],
                    sent: f.number(Double(c.sentCount)), responses: f.number(Double(answeredByCampaign[c.id] ?? 0)))
            },
            noCampaigns: campaigns.isEmpty, sends: sends, noSends: sends.isEmpty)
    }
}
