import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/success`: where a customer stands on light and deep success — reached on which day, or which
/// required measures remain — every measure with its state, evidence, date and who judged it, and a small form per
/// manual measure for those who may judge it; the customer's success programs, a link to enrol it in one and a
/// button to send a check-up now (each shown only to those the use case would let), and the timeline's entries
/// tagged light or deep.
struct CustomerSuccessPage: Sendable {
    let store: Store

    struct Measure: Sendable {
        let anchor: String
        let name: String
        let required: String
        let isRequired: Bool
        let criterion: String
        let state: String
        let stateClass: String
        let evidence: String?
        let judged: String?
        let canAssess: Bool
        let action: String
        let definitionID: String
        let version: String
        let states: [FormOption]
        let typedEvidence: String
        let typedDate: String
        let measureError: String?
        let stateError: Bool
        let evidenceError: Bool
        let dateError: Bool
    }

    struct Tier: Sendable {
        let id: String
        let heading: String
        let tierClass: String
        let defined: Bool
        let definitionHref: String
        let definition: String
        let scopeNote: String
        let reached: Bool
        let status: String
        let remaining: [String]
        let hasRemaining: Bool
        let measures: [Measure]
    }

    struct Period: Sendable {
        let tier: String
        let reached: String
        let lost: String
    }

    struct Enrolment: Sendable {
        let href: String
        let template: String
        let csm: String
        let start: String
        let state: String
    }

    struct Entry: Sendable {
        let when: String
        let tier: String
        let tierClass: String
        let kind: String
        let title: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let title: String
        let notice: String?
        let archived: Bool
        let tiers: [Tier]
        let periods: [Period]
        let hasPeriods: Bool
        let enrolments: [Enrolment]
        let noEnrolments: Bool
        let canEnrol: Bool
        let canSendCheckUp: Bool
        let entries: [Entry]
        let noEntries: Bool
        let error: String?
        let errorAnchor: String?
    }

    static let notices = ["assessed": "sdf_notice_assessed", "check-up-sent": "sdf_notice_check_up_sent"]

    struct AssessFields: Decodable, Sendable {
        var definition: String?
        var state: String?
        var evidence: String?
        var assessedOn: String?
        var version: String?

        enum CodingKeys: String, CodingKey {
            case definition, state, evidence, version
            case assessedOn = "assessed_on"
        }
    }

    /// A refused judgement, shown beside its measure with what was typed.
    struct Refused {
        let measure: UUID
        let fields: AssessFields
        let error: DomainError
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, page: request.uri.description, notice: notice, refused: nil)
        }
        return PageResponse.render("sdf-customer", model)
    }

    func assess(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let measure = try SuccessPageText.id(context.parameters.get("measure"), what: "measure not found")
        let form = try await request.decodeForm(as: AssessFields.self, context: context)
        let definition = try SuccessPageText.id(form.definition, what: "success definition not found")
        do {
            guard let state = form.state.flatMap(MeasureStatus.State.init(rawValue:)) else {
                throw DomainError(.invalid, "sdf_err_state", field: "state")
            }
            var on: LocalDate?
            if let text = form.assessedOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                guard text.count == 10, let day = LocalDate(iso: text) else { throw DomainError(.invalid, "sdf_err_date", field: "assessed_on") }
                on = day
            }
            let assessment = CustomerSuccess.Assessment(state: state, evidence: form.evidence, on: on)
            let expected = try SuccessPageText.version(form.version)
            _ = try await store.tenant(context) { tx, caller in
                try await CustomerSuccess(tx, caller).assess(id, definition: definition, measure: measure, assessment, expectedVersion: expected)
            }
            return .seeOther("/customers/\(id.lowercased)/success?done=assessed#measure-\(measure.lowercased)")
        } catch let error as DomainError where [.invalid, .missing, .preconditionFailed].contains(error.code)
            || (error.code == .conflict && error.field != nil)
        {
            let refused = Refused(measure: measure, fields: form, error: error)
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, page: "/customers/\(id.lowercased)/success", notice: nil, refused: refused)
            }
            return PageResponse.render("sdf-customer", model, status: Problem(domain: error).status)
        }
    }

    /// The evidence as recorded; a bound measure without a figure says so in the reader's language.
    static func evidence(_ m: CustomerSuccess.MeasureView, _ t: Catalogue) -> String? {
        if m.source == .metric, m.state == .unknown, case .metric(let name, _, _) = m.measure.criterion {
            return t.format("sdf_no_figure", ["metric": name])
        }
        return m.status?.evidence
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, page: String, notice: String?, refused: Refused?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let standing = try await CustomerSuccess(tx, caller).status(id)
        let c = standing.customer
        let names = try await MemberRepository.displayNames(tx)
        let companies = try await SuccessPageText.companies(tx)
        let live = c.archivedAt == nil && c.mergedInto == nil
        let canJudge = live && (CustomerAccessRules.canEdit(identity.actor, identity.authorizer, c)
            || identity.authorizer.can(identity.actor, .manageSuccess, in: c.scope).allowed)
        let today = reader.today(caller.now)
        let message = refused.map { $0.error.code == .preconditionFailed ? t["sdf_err_stale_measure"] : t.explain($0.error) }

        let tiers = standing.tiers.map { view -> Tier in
            let tierName = SuccessPageText.tier(view.tier, t)
            guard let d = view.definition else {
                return Tier(
                    id: "tier-\(view.tier.rawValue)", heading: t.format("sdf_customer_tier_heading", ["tier": tierName]),
                    tierClass: "sdf-tier-\(view.tier.rawValue)", defined: false, definitionHref: "", definition: "", scopeNote: "",
                    reached: false, status: t.format("sdf_customer_undefined", ["tier": tierName]), remaining: [], hasRemaining: false,
                    measures: [])
            }
            let remaining = view.measures.filter { $0.measure.required && $0.state != .met }.map(\.measure.name)
            let status = view.reached
                ? t.format("sdf_customer_reached", ["tier": tierName, "date": view.reachedOn.map(f.date) ?? "–"])
                : t.format("sdf_customer_not_reached", ["tier": tierName])
            let measures = view.measures.map { m -> Measure in
                let mine = refused?.measure == m.measure.id ? refused : nil
                let state = SuccessPageText.state(m.state, t)
                let judged: String? = (m.source == .metric && m.state == .unknown) ? nil : m.status.map { status in
                    let who: String
                    switch m.source {
                    case .metric?: who = t["sdf_judged_by_metric"]
                    case .program?: who = t.format("sdf_judged_by_program", ["name": status.assessedBy.flatMap { names[$0] } ?? t["sdf_someone"]])
                    default: who = status.assessedBy.flatMap { names[$0] } ?? t["sdf_someone"]
                    }
                    return t.format("sdf_judged", ["date": f.date(status.assessedOn), "who": who])
                }
                let field = mine?.error.field ?? ""
                let chosen = mine?.fields.state ?? m.state.rawValue
                return Measure(
                    anchor: "measure-\(m.measure.id.lowercased)", name: m.measure.name,
                    required: m.measure.required ? t["sdf_required"] : t["sdf_optional"], isRequired: m.measure.required,
                    criterion: SuccessPageText.criterion(m.measure.criterion, t, f), state: state.label, stateClass: state.css,
                    evidence: Self.evidence(m, t), judged: judged,
                    canAssess: canJudge && m.measure.criterion == .manual,
                    action: "/customers/\(c.id.lowercased)/success/measures/\(m.measure.id.lowercased)", definitionID: d.id.lowercased,
                    version: String(m.version),
                    states: MeasureStatus.State.allCases.map {
                        FormOption(value: $0.rawValue, label: SuccessPageText.state($0, t).label, selected: $0.rawValue == chosen)
                    },
                    typedEvidence: mine?.fields.evidence ?? m.status?.evidence ?? "",
                    typedDate: mine?.fields.assessedOn ?? today.description,
                    measureError: mine == nil ? nil : message,
                    stateError: field == "state", evidenceError: field == "evidence", dateError: field == "assessed_on")
            }
            return Tier(
                id: "tier-\(view.tier.rawValue)", heading: t.format("sdf_customer_tier_heading", ["tier": tierName]),
                tierClass: "sdf-tier-\(view.tier.rawValue)", defined: true, definitionHref: "/success-definitions/\(d.id.lowercased)",
                definition: d.definition,
                scopeNote: d.companyID == nil ? t["sdf_customer_org_definition"]
                    : t.format("sdf_customer_company_definition", ["company": companies[d.companyID!] ?? t["sdf_unknown_company"]]),
                reached: view.reached, status: status, remaining: view.reached ? [] : remaining,
                hasRemaining: !view.reached && !remaining.isEmpty, measures: measures)
        }

        let periods = standing.periods.map {
            Period(tier: SuccessPageText.tier($0.tier, t), reached: f.date($0.reachedOn), lost: $0.lostOn.map(f.date) ?? t["sdf_still_reached"])
        }

        let enrolments = try await Enrolments(tx, caller).list(customer: id, after: nil, limit: 50).items
        let templates = ProgramTemplates(tx, caller)
        var templateNames: [UUID: String] = [:]
        for templateID in Set(enrolments.map(\.templateID)) {
            templateNames[templateID] = (try? await templates.get(templateID))?.name
        }
        let programs = enrolments.sorted { $0.startDate > $1.startDate }.map {
            Enrolment(
                href: "/enrolments/\($0.id.lowercased)", template: templateNames[$0.templateID] ?? t["sdf_program"],
                csm: names[$0.csmID] ?? t["sdf_someone"], start: f.date($0.startDate), state: t["sdf_enrolment_\($0.state.rawValue)"])
        }
        let canRun = live && (CustomerAccessRules.canEdit(identity.actor, identity.authorizer, c)
            || identity.authorizer.can(identity.actor, .manageSuccess, in: c.scope).allowed)

        let timeline = Timeline(tx, caller)
        var listed: [TimelineRepository.Listed] = []
        for tag in TimelineEntry.SuccessTag.allCases {
            listed += try await timeline.list(customer: id, .init(tag: tag), after: nil, limit: 10).items
        }
        let entries = listed.sorted { $0.entry.occurredAt > $1.entry.occurredAt }.prefix(12).map { item -> Entry in
            let tag = item.entry.successTag ?? .light
            return Entry(
                when: f.date(f.day(of: item.entry.occurredAt)), tier: t["sdf_tier_\(tag.rawValue)"], tierClass: "sdf-tier-\(tag.rawValue)",
                kind: t["cust_kind_\(item.entry.kind.rawValue)"], title: item.entry.title)
        }

        let title = t.format("sdf_customer_title", ["name": c.name])
        return Model(
            chrome: reader.chrome(title: title, current: "/customers", page: page), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .success), id: c.id.lowercased, title: title,
            notice: notice.map { t[$0] }, archived: !live, tiers: tiers, periods: periods, hasPeriods: !periods.isEmpty,
            enrolments: programs, noEnrolments: programs.isEmpty, canEnrol: canRun,
            canSendCheckUp: live && CustomerAccessRules.canEdit(identity.actor, identity.authorizer, c),
            entries: Array(entries), noEntries: entries.isEmpty,
            error: message, errorAnchor: refused.map { "measure-\($0.measure.lowercased)" })
    }
}
