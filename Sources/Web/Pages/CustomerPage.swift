import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/customers/{id}`: one customer on one screen, a grid of cards — who they are and where in their lifecycle (with
/// the phase's risk reasons), their health and why, contracts with the cancellation-notice deadline (never shown to
/// those who may not see values), open tickets, NPS, contacts, and the latest of the timeline with its filters, its
/// search and the form to add an entry. Lists are capped; "more" leads to their own pages.
struct CustomerPage: Sendable {
    let store: Store

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Contract: Sendable {
        let name: String
        let arr: String
        let start: String
        let end: String
        let autoRenews: String
        let deadline: String
        let daysLeft: String
        let soon: Bool
        let status: String
    }

    struct TicketRow: Sendable {
        let title: String
        let priority: String
        let priorityClass: String
        let opened: String
        let age: String
    }

    struct ContactRow: Sendable {
        let name: String
        let role: String
        let decisionMaker: Bool
        let erased: Bool
    }

    struct Entry: Sendable {
        let kind: String
        let tag: String?
        let tagClass: String
        let title: String
        let body: String?
        let author: String
        let when: String
    }

    struct RiskOption: Sendable {
        let value: String
        let label: String
        let id: String
        let checked: Bool
    }

    struct RiskGroup: Sendable {
        let phase: String
        let risks: [RiskOption]
    }

    struct PhaseForm: Sendable {
        let phases: [FormOption]
        let groups: [RiskGroup]
        let churnReason: String
        let since: String
        let error: String?
        let phaseError: String?
        let riskError: String?
        let churnError: String?
        let sinceError: String?
        let open: Bool
    }

    struct EntryForm: Sendable {
        let kinds: [FormOption]
        let tags: [FormOption]
        let title: String
        let body: String
        let when: String
        let error: String?
        let titleError: String?
        let whenError: String?
        let open: Bool
    }

    struct TimelineFilter: Sendable {
        let kinds: [FormOption]
        let tags: [FormOption]
        let q: String
        let active: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let version: String
        let name: String
        let kana: String?
        let nameEn: String?
        let notice: String?
        let archived: Bool
        let facts: [Fact]
        let tags: [String]
        let hasTags: Bool
        let phase: String
        let phaseSince: String
        let risks: [String]
        let hasRisks: Bool
        let churnReason: String?
        let canEdit: Bool
        let canArchive: Bool
        let canRestore: Bool
        /// The survivor's page, when this record was merged into another.
        let mergedInto: String?
        let canScore: Bool
        let phaseForm: PhaseForm?
        let health: CustomerHealthText
        let showValues: Bool
        let contracts: [Contract]
        let hasContracts: Bool
        let tickets: [TicketRow]
        let hasTickets: Bool
        let ticketSummary: String
        let moreTickets: String?
        let npsLatest: String?
        let npsLatestComment: String?
        let npsYear: String?
        let npsCounts: String?
        let contacts: [ContactRow]
        let hasContacts: Bool
        let moreContacts: String?
        let entries: [Entry]
        let hasEntries: Bool
        let older: String?
        let filter: TimelineFilter
        let entryForm: EntryForm?
    }

    static let notices = [
        "created": "cust_notice_created", "saved": "cust_notice_saved", "phase": "cust_notice_phase", "scored": "cust_notice_scored",
        "entry": "cust_notice_entry", "merged": "crec_notice_merged", "restored": "crec_notice_restored",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, request: request, phase: nil, entry: nil)
        }
        return PageResponse.render("customer-page", model)
    }

    static func timelineFilter(_ request: Request) -> TimelineRepository.Filter {
        let query = request.uri.queryParameters
        let kind = query["kind"].flatMap { TimelineEntry.Kind(rawValue: String($0)) }
        let tag = query["tag"].flatMap { TimelineEntry.SuccessTag(rawValue: String($0)) }
        let q = query["q"].map(String.init).flatMap(CustomerPageText.text).map { String($0.prefix(200)) }
        return TimelineRepository.Filter(kinds: kind.map { [$0] }, tag: tag, query: q)
    }

    static func timelineFilterForm(_ filter: TimelineRepository.Filter, _ t: Catalogue) -> TimelineFilter {
        let kind = filter.kinds?.first
        return TimelineFilter(
            kinds: [FormOption(value: "", label: t["cust_filter_all"], selected: kind == nil)]
                + TimelineEntry.Kind.allCases.map { FormOption(value: $0.rawValue, label: t["cust_kind_\($0.rawValue)"], selected: kind == $0) },
            tags: [FormOption(value: "", label: t["cust_filter_all"], selected: filter.tag == nil)]
                + TimelineEntry.SuccessTag.allCases.map { FormOption(value: $0.rawValue, label: t["cust_tag_\($0.rawValue)"], selected: filter.tag == $0) },
            q: filter.query ?? "", active: filter.kinds != nil || filter.tag != nil || filter.query != nil)
    }

    /// The timeline page from `cursor` on, with the same filters.
    static func timelineLink(customer: String, _ filter: TimelineRepository.Filter, cursor: UUID) -> String {
        var query = [String]()
        if let kind = filter.kinds?.first { query.append("kind=\(kind.rawValue)") }
        if let tag = filter.tag { query.append("tag=\(tag.rawValue)") }
        if let q = filter.query { query.append("q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
        return "/customers/\(customer)/timeline?" + (query + ["cursor=\(cursor.uuidString.lowercased())"]).joined(separator: "&")
    }

    static func entry(_ e: TimelineEntry, names: [UUID: String], t: Catalogue, f: PageFormat) -> Entry {
        Entry(
            kind: t["cust_kind_\(e.kind.rawValue)"], tag: e.successTag.map { t["cust_tag_\($0.rawValue)"] }, tagClass: e.successTag?.rawValue ?? "",
            title: e.title, body: e.body, author: e.authorID.flatMap { names[$0] } ?? t["cust_system"], when: f.dateTime(e.occurredAt))
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, request: Request, phase: (PhaseFields, DomainError)?,
        entry: (EntryFields, DomainError)?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let customers = Customers(tx, caller)
        let detail = try await customers.detail(id)
        let c = detail.customer
        let today = reader.today(caller.now)
        let directory = try await CustomerDirectoryOptions.load(tx, identity)
        let canEdit = CustomerAccessRules.canEdit(identity.actor, identity.authorizer, c) && c.archivedAt == nil
        let canManage = identity.authorizer.can(identity.actor, .manageCustomers, in: c.scope).allowed
        let showValues = CustomerAccessRules.canSeeValues(identity.actor, identity.authorizer, c)
        let lower = id.uuidString.lowercased()
        // A refused form is shown back only to whoever may send it; anyone else gets the 403 page, however it was filled in.
        if phase != nil, !CustomerAccessRules.canEdit(identity.actor, identity.authorizer, c) {
            throw DomainError(
                .forbidden, "you may not edit this customer", permission: CustomerAccessRules.editPermission(identity.actor, c).rawValue)
        }
        if entry != nil { try identity.require(.writeTimeline, in: c.scope) }

        // Health.
        let scores = HealthScores(tx, caller)
        let health = CustomerHealthText(try await scores.explain(id), history: try await scores.history(id, months: 12), t: t, f: f)

        // Contracts, for those who see values only.
        var contracts: [Contract] = []
        if showValues {
            contracts = try await Contracts(tx, caller).list(customer: id, after: nil, limit: 20).items
                .filter { $0.status == .active || $0.endDate >= today }
                .sorted { $0.endDate < $1.endDate }
                .map { k in
                    let deadline = k.autoRenews ? k.noticeDeadline : k.endDate
                    let days = deadline.daysSinceEpoch - today.daysSinceEpoch
                    return Contract(
                        name: k.name ?? t["cust_contract"], arr: f.money(k.arr), start: f.date(k.startDate), end: f.date(k.endDate),
                        autoRenews: t[k.autoRenews ? "cust_yes_short" : "cust_no_short"], deadline: f.date(deadline),
                        daysLeft: days >= 0 ? t.format("cust_days_left", ["count": f.number(Double(days))]) : t["cust_deadline_passed"],
                        soon: (0...90).contains(days), status: t["cust_contract_\(k.status.rawValue)"])
                }
        }

        // Open tickets.
        let ticketPage = try await Tickets(tx, caller).list(.init(customerID: id, open: true), after: nil, limit: 100)
        let open = ticketPage.items.map(\.ticket)
        let critical = open.filter { $0.priority.isCritical }.count
        let tickets = open.sorted { ($0.priority.isCritical ? 0 : 1, $0.openedAt) < ($1.priority.isCritical ? 0 : 1, $1.openedAt) }
            .prefix(6).map { k in
                TicketRow(
                    title: k.title, priority: t["cust_priority_\(k.priority.rawValue)"], priorityClass: k.priority.rawValue,
                    opened: f.date(f.day(of: k.openedAt)),
                    age: t.format("cust_age_days", ["count": f.number(Double(max(0, today.daysSinceEpoch - f.day(of: k.openedAt).daysSinceEpoch)))]))
            }
        let ticketSummary = t.format(
            "cust_tickets_summary", ["count": f.number(Double(open.count)) + (ticketPage.nextCursor == nil ? "" : "+"), "critical": f.number(Double(critical))])

        // NPS: the latest answer and the last 12 months.
        let responses = try await NPSResponses(tx, caller).list(customer: id, after: nil, limit: 500).items
        let latest = responses.max { ($0.respondedOn, $0.createdAt) < ($1.respondedOn, $1.createdAt) }
        let yearAgo = today.adding(months: -12)
        let year = try NPS(scores: responses.filter { $0.respondedOn > yearAgo }.map(\.score))

        // Contacts.
        let contactPage = try await Contacts(tx, caller).list(customer: id, after: nil, limit: 6)
        let contacts = contactPage.items.map { k in
            ContactRow(
                name: k.erasedAt == nil ? k.name : t["cust_contact_erased"], role: k.role ?? "", decisionMaker: k.decisionMaker && k.erasedAt == nil,
                erased: k.erasedAt != nil)
        }

        // Timeline.
        let filter = Self.timelineFilter(request)
        let timeline = try await Timeline(tx, caller).list(customer: id, filter, after: nil, limit: 20)
        let names = try await MemberRepository.displayNames(tx)
        let older = timeline.nextCursor.map { Self.timelineLink(customer: lower, filter, cursor: $0) }

        // The phase form.
        var phaseForm: PhaseForm?
        if canEdit {
            let typed = phase?.0
            let refusal = phase.map { CustomerPageText.Refusal($0.1, t) }
            let chosen = typed?.phase ?? ""
            phaseForm = PhaseForm(
                phases: [FormOption(value: "", label: t["cust_choose"], selected: chosen.isEmpty)]
                    + LifecyclePhase.allCases.filter { $0 != c.phase }.map {
                        FormOption(value: $0.rawValue, label: CustomerPageText.phase($0, t), selected: chosen == $0.rawValue)
                    },
                groups: LifecyclePhase.allCases.filter { !$0.risks.isEmpty }.map { p in
                    RiskGroup(
                        phase: CustomerPageText.phase(p, t),
                        risks: p.risks.map {
                            RiskOption(value: $0.rawValue, label: CustomerPageText.risk($0, t), id: "risk-\($0.rawValue)", checked: typed?.risks.contains($0.rawValue) ?? false)
                        })
                },
                churnReason: typed?.churnReason ?? "", since: typed?.since ?? "",
                error: refusal?.general(["phase", "risk_reasons", "churn_reason", "since"]), phaseError: refusal?.at("phase"),
                riskError: refusal?.at("risk_reasons"), churnError: refusal?.at("churn_reason"), sinceError: refusal?.at("since"),
                open: phase != nil)
        }

        // The timeline entry form.
        var entryForm: EntryForm?
        if identity.authorizer.can(identity.actor, .writeTimeline, in: c.scope).allowed {
            let typed = entry?.0
            let refusal = entry.map { CustomerPageText.Refusal($0.1, t) }
            entryForm = EntryForm(
                kinds: TimelineEntry.Kind.manual.map { FormOption(value: $0.rawValue, label: t["cust_kind_\($0.rawValue)"], selected: (typed?.kind ?? "meeting") == $0.rawValue) },
                tags: [FormOption(value: "", label: t["cust_tag_none"], selected: (typed?.tag ?? "").isEmpty)]
                    + TimelineEntry.SuccessTag.allCases.map { FormOption(value: $0.rawValue, label: t["cust_tag_\($0.rawValue)"], selected: typed?.tag == $0.rawValue) },
                title: typed?.title ?? "", body: typed?.body ?? "", when: typed?.when ?? "",
                error: refusal?.general(["title", "occurred_at"]), titleError: refusal?.at("title"), whenError: refusal?.at("occurred_at"),
                open: entry != nil)
        }

        var facts = [Fact(label: t["cust_company"], value: directory.companyName(c.companyID) ?? "–")]
        if let team = c.teamID { facts.append(Fact(label: t["cust_team"], value: directory.teamName(team) ?? "–")) }
        facts.append(Fact(label: t["cust_owner"], value: c.ownerID.flatMap { detail.names[$0] } ?? t["cust_no_owner"]))
        if let sales = c.salesOwnerID { facts.append(Fact(label: t["cust_sales_owner"], value: detail.names[sales] ?? "–")) }
        if let segment = c.segment { facts.append(Fact(label: t["cust_segment"], value: segment)) }

        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }.map { t[$0] }
        return Model(
            chrome: reader.chrome(title: c.name, current: "/customers", page: request.uri.description), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .overview), id: lower,
            version: "\(c.version)", name: c.name, kana: c.nameKana, nameEn: c.nameEn, notice: notice, archived: c.archivedAt != nil,
            facts: facts, tags: c.tags, hasTags: !c.tags.isEmpty, phase: CustomerPageText.phase(c.phase, t),
            phaseSince: t.format("cust_phase_since", ["date": f.date(c.phaseSince)]),
            risks: c.riskReasons.map { CustomerPageText.risk($0, t) }, hasRisks: !c.riskReasons.isEmpty, churnReason: c.churnReason,
            canEdit: canEdit, canArchive: canManage && c.archivedAt == nil,
            canRestore: canManage && c.archivedAt != nil && c.mergedInto == nil,
            mergedInto: c.mergedInto.map { "/customers/\($0.uuidString.lowercased())" },
            canScore: c.archivedAt == nil
                && (canEdit || identity.authorizer.can(identity.actor, .manageHealthModels, in: c.scope).allowed),
            phaseForm: phaseForm, health: health, showValues: showValues, contracts: contracts, hasContracts: !contracts.isEmpty,
            tickets: Array(tickets), hasTickets: !open.isEmpty, ticketSummary: ticketSummary,
            moreTickets: open.count > tickets.count ? t.format("cust_more_tickets", ["count": f.number(Double(open.count - tickets.count))]) : nil,
            npsLatest: latest.map { t.format("cust_nps_latest", ["score": "\($0.score)", "date": f.date($0.respondedOn)]) },
            npsLatestComment: latest?.comment,
            npsYear: year.score.map { f.number($0, fractionDigits: 0) },
            npsCounts: year.responses > 0
                ? t.format("cust_nps_counts", ["promoters": "\(year.promoters)", "passives": "\(year.passives)", "detractors": "\(year.detractors)"])
                : nil,
            contacts: contacts, hasContacts: !contacts.isEmpty,
            moreContacts: contactPage.nextCursor == nil ? nil : t["cust_more_contacts"],
            entries: timeline.items.map { Self.entry($0.entry, names: names, t: t, f: f) }, hasEntries: !timeline.items.isEmpty,
            older: older, filter: Self.timelineFilterForm(filter, t), entryForm: entryForm)
    }

    // MARK: - Actions

    struct PhaseFields: Sendable {
        var phase: String?
        var risks: [String]
        var churnReason: String?
        var since: String?
        var version: String?
    }

    func changePhase(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let pairs = try await Self.pairs(request, context)
        let form = PhaseFields(
            phase: pairs.last { $0.name == "phase" }?.value, risks: pairs.filter { $0.name == "risk_reasons" }.map(\.value),
            churnReason: pairs.last { $0.name == "churn_reason" }?.value, since: pairs.last { $0.name == "since" }?.value,
            version: pairs.last { $0.name == "version" }?.value)
        do {
            try await store.tenant(context) { tx, caller in
                guard let phase = form.phase.flatMap(LifecyclePhase.init(rawValue:)) else {
                    throw DomainError(.missing, "cust_error_phase", field: "phase")
                }
                let risks = try form.risks.map { text -> LifecycleRisk in
                    guard let risk = LifecycleRisk(rawValue: text) else { throw DomainError(.invalid, "a risk reason must belong to the customer's phase", field: "risk_reasons") }
                    return risk
                }
                var since: LocalDate?
                if let text = CustomerPageText.text(form.since) {
                    guard let day = LocalDate(iso: text) else { throw DomainError(.invalid, "cust_error_date", field: "since") }
                    since = day
                }
                _ = try await Customers(tx, caller).changePhase(
                    id, to: phase, risks: risks, churnReason: form.churnReason, since: since, expectedVersion: form.version.flatMap { Int($0) })
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())?done=phase")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, request: request, phase: (form, error), entry: nil)
            }
            return PageResponse.render("customer-page", model, status: .unprocessableContent)
        }
    }

    func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        try await store.tenant(context) { tx, caller in _ = try await Customers(tx, caller).archive(id) }
        return .seeOther("/customers?done=archived")
    }

    func scoreNow(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        try await store.tenant(context) { tx, caller in _ = try await HealthScores(tx, caller).scoreNow(id) }
        return .seeOther("/customers/\(id.uuidString.lowercased())?done=scored")
    }

    struct EntryFields: Sendable {
        var kind: String?
        var tag: String?
        var title: String?
        var body: String?
        var when: String?
    }

    func addEntry(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let pairs = try await Self.pairs(request, context)
        let value = { (name: String) in pairs.last { $0.name == name }?.value }
        let form = EntryFields(kind: value("kind"), tag: value("tag"), title: value("title"), body: value("body"), when: value("occurred_at"))
        do {
            try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                guard let kind = form.kind.flatMap(TimelineEntry.Kind.init(rawValue:)), TimelineEntry.Kind.manual.contains(kind) else {
                    throw DomainError(.invalid, "cust_error_kind", field: "kind")
                }
                let tag = form.tag.flatMap { $0.isEmpty ? nil : TimelineEntry.SuccessTag(rawValue: $0) }
                guard CustomerPageText.text(form.title) != nil else { throw DomainError(.missing, "cust_error_title", field: "title") }
                var when: Date?
                if let text = CustomerPageText.text(form.when) {
                    guard let instant = Self.instant(text, zone: reader.format.timeZone) else {
                        throw DomainError(.invalid, "cust_error_when", field: "occurred_at")
                    }
                    when = instant
                }
                let timeline = Timeline(tx, caller)
                _ = try await timeline.create(
                    try await timeline.check(customer: id, .init(kind: kind, successTag: tag, occurredAt: when, title: form.title ?? "", body: form.body)))
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())?done=entry#timeline")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, request: request, phase: nil, entry: (form, error))
            }
            return PageResponse.render("customer-page", model, status: .unprocessableContent)
        }
    }

    /// `2026-05-01T10:30` (a `datetime-local` input) in the reader's zone.
    static func instant(_ text: String, zone: TimeZone) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = LocalDate(iso: String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2, (0..<24).contains(time[0]), (0..<60).contains(time[1]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: time[0], minute: time[1]))
    }

    /// The form as sent, every field in order (a name may repeat, as checkboxes do), `+` and percent escapes read;
    /// a form that carries a NUL is refused with 422, as `Request.decodeForm` refuses it.
    static func pairs(_ request: Request, _ context: AuthenticatedContext) async throws -> [(name: String, value: String)] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let text = String(buffer: buffer)
        guard !text.contains("%00") else {
            throw Problem(status: .unprocessableContent, code: "invalid_form", detail: "the form carries a NUL character")
        }
        return CustomerListQuery.pairs(of: text)
    }
}
