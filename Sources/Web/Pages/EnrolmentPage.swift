import API
import Domain
import Foundation
import Hummingbird
import Settings
import Store
import UseCases

/// `/enrolments/{id}`: one customer's success program (seed 002) — the goal sheet with its three agreements and the
/// client parties' links, progress, sessions planned and held, the hour budget of every program month as a bar with
/// its 80 % and 100 % marks, the presentation and the result. Every form posts to its own path, answers with a
/// redirect to its section and, when refused, comes back in place with what was typed and the message beside its
/// field.
struct EnrolmentPage: Sendable {
    let services: AppServices
    var store: Store { services.store }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    struct Choice: Sendable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    struct Agreement: Sendable {
        let party: String
        let partyValue: String
        let state: String
        let stateClass: String
        let detail: String?
        let canIssue: Bool
        let canAgree: Bool
        let issueLabel: String
    }

    struct Session: Sendable {
        let id: String
        let kind: String
        let when: String
        let held: Bool
        /// Not `participants`: a missing value would be looked up on the page (its participant choices).
        let who: String?
        let duration: String
        let notes: String?
        let pair: String?
        let version: String
        let editHref: String
        let deleteAction: String
        let editLabel: String
        let deleteLabel: String
    }

    struct Issued: Sendable {
        let url: String
        let party: String
        let expires: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let id: String
        let title: String
        let customerHref: String
        let successHref: String
        let facts: [Fact]
        let notice: String?
        let error: String?
        let issued: Issued?
        let canRun: Bool
        let writable: Bool
        let version: String
        // Goal sheet
        let hasSheet: Bool
        let sheetVersion: String
        let sheetState: String
        let sheetRows: [Fact]
        let showSheetForm: Bool
        let sheetOpen: Bool
        let reagree: Bool
        let noContacts: Bool
        let contactsHref: String
        let owners: [FormOption]
        let deciders: [FormOption]
        let directions: [FormOption]
        let agreements: [Agreement]
        let progress: String?
        let showProgressForm: Bool
        // Sessions
        let sessions: [Session]
        let noSessions: Bool
        let sessionAction: String
        let sessionTitle: String
        let sessionEditing: Bool
        let sessionVersion: String
        let kinds: [FormOption]
        let participants: [Choice]
        let hasParticipants: Bool
        let supported: [FormOption]
        // Hours
        let months: [ProgramPageText.Bar]
        let outside: String?
        let capacity: ProgramPageText.Bar?
        // Presentation and result
        let presentationFacts: [Fact]
        let hasPresentation: Bool
        let showPresentationForm: Bool
        let result: String?
        let resultFacts: [Fact]
        let tiers: [Fact]
        let hasTiers: Bool
        let showResultForm: Bool
        let reached: [Choice]
        let measures: [Choice]
        let hasMeasures: Bool
        // Running the program: its CSM, the client's participants, cancelling or resuming it.
        let showManage: Bool
        let csms: [FormOption]
        let programParticipants: [Choice]
        let canCancel: Bool
        let canResume: Bool
        /// Values as typed or stored, by field name.
        let v: [String: String]
        /// Messages beside their fields, by field name.
        let e: [String: String]
    }

    /// Every field of every form on the page; each handler reads its own.
    struct Fields: Decodable, Sendable {
        var version: String?
        var business_goal: String?
        var kpi_name: String?
        var kpi_baseline: String?
        var kpi_target: String?
        var kpi_unit: String?
        var kpi_direction: String?
        var usage_goal: String?
        var usage_metric: String?
        var usage_baseline: String?
        var usage_target: String?
        var client_owner: String?
        var decision_maker: String?
        var decision_maker_comment: String?
        var party: String?
        var kpi_actual: String?
        var usage_actual: String?
        var kind: String?
        var planned_on: String?
        var held_on: String?
        var duration: String?
        var participants: [String]?
        var notes: String?
        var supported: String?
        var practised: String?
        var scheduled_on: String?
        var audience: String?
        var outcome: String?
        var goal_reached: String?
        var evidence: String?
        var decided_on: String?
        var measures: [String]?
        var csm: String?
        var program_participants: [String]?
        var state_change: String?
    }

    /// Which form was posted, for the page that comes back in place.
    enum Form: String, Sendable {
        case sheet, agree, link, progress, session, presentation, result, manage
    }

    static let notices = [
        "sheet": "prg_notice_sheet", "agreed": "prg_notice_agreed", "progress": "prg_notice_progress", "session": "prg_notice_session",
        "session_deleted": "prg_notice_session_deleted", "presentation": "prg_notice_presentation", "result": "prg_notice_result",
        "enrolled": "prg_notice_enrolled", "managed": "prg_notice_managed", "cancelled": "prg_notice_cancelled",
        "resumed": "prg_notice_resumed",
    ]

    // MARK: - Reading

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProgramPageText.id(context.parameters.get("id"), "enrolment")
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let editing = request.uri.queryParameters["session"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id, page: request.uri.description, notice: notice, editing: editing)
        }
        return PageResponse.render("prg-enrolment", model)
    }

    // MARK: - Writing

    func saveSheet(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await post(request, context, .sheet, done: "sheet", anchor: "sheet-heading") { tx, caller, id, form in
            let content = GoalSheetContent(
                businessGoal: form.business_goal ?? "", kpiName: form.kpi_name ?? "",
                kpiBaseline: try ProgramPageText.decimal(form.kpi_baseline, field: "kpi_baseline"),
                kpiTarget: try ProgramPageText.decimal(form.kpi_target, field: "kpi_target") ?? .nan,
                kpiDirection: try Self.direction(form.kpi_direction), usageGoal: form.usage_goal ?? "",
                usageMetric: Self.blank(form.usage_metric),
                usageBaseline: try ProgramPageText.decimal(form.usage_baseline, field: "usage_baseline"),
                usageTarget: try ProgramPageText.decimal(form.usage_target, field: "usage_target"),
                clientOwnerID: try Self.contact(form.client_owner, field: "client_owner_id"),
                decisionMakerID: try Self.contact(form.decision_maker, field: "decision_maker_id"),
                decisionMakerComment: form.decision_maker_comment, kpiUnit: form.kpi_unit)
            if content.kpiTarget.isNaN { throw DomainError(.missing, "prg_err_kpi_target", field: "kpi_target") }
            _ = try await GoalSheets(tx, caller).put(enrolment: id, content, expectedVersion: ProgramPageText.version(form.version) ?? 0)
        }
    }

    func agree(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await post(request, context, .agree, done: "agreed", anchor: "agreements-heading") { tx, caller, id, form in
            _ = try await GoalSheets(tx, caller).agree(enrolment: id, version: ProgramPageText.version(form.version))
        }
    }

    /// Issues a client party's link: the answer shows its URL once.
    func issueLink(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProgramPageText.id(context.parameters.get("id"), "enrolment")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        guard let party = form.party.flatMap(GoalSheetParty.init(rawValue:)), party != .csm else {
            throw DomainError(.invalid, "prg_err_party", field: "party")
        }
        let model = try await store.tenant(context) { tx, caller in
            let (link, token) = try await GoalSheets(tx, caller).issueLink(enrolment: id, party: party)
            let reader = try await Reader.load(tx, caller)
            let issued = Issued(
                url: services.configuration.publicURL + "/g/" + token, party: ProgramPageText.party(party, reader.t),
                expires: reader.t.format("prg_link_expires", ["date": reader.format.dateTime(link.expiresAt)]))
            return try await load(tx, caller, id, page: "/enrolments/\(id.lowercased)", issued: issued)
        }
        return PageResponse.render("prg-enrolment", model, status: .created)
    }

    func saveProgress(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await post(request, context, .progress, done: "progress", anchor: "progress-heading") { tx, caller, id, form in
            _ = try await GoalSheets(tx, caller).setProgress(
                enrolment: id, kpiActual: try ProgramPageText.decimal(form.kpi_actual, field: "kpi_actual"),
                usageActual: try ProgramPageText.decimal(form.usage_actual, field: "usage_actual"))
        }
    }

    func addSession(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await post(request, context, .session, done: "session", anchor: "sessions-heading") { tx, caller, id, form in
            _ = try await ProgramSessions(tx, caller).create(enrolment: id, try Self.sessionInput(form))
        }
    }

    func editSession(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let session = try ProgramPageText.id(context.parameters.get("session"), "session")
        return try await post(request, context, .session, done: "session", anchor: "sessions-heading", editing: session.lowercased) { tx, caller, id, form in
            try await Self.requireSession(tx, caller, session, of: id)
            _ = try await ProgramSessions(tx, caller).update(session, try Self.sessionInput(form), expectedVersion: ProgramPageText.version(form.version))
        }
    }

    func deleteSession(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let session = try ProgramPageText.id(context.parameters.get("session"), "session")
        return try await post(request, context, .session, done: "session_deleted", anchor: "sessions-heading") { tx, caller, id, form in
            try await Self.requireSession(tx, caller, session, of: id)
            try await ProgramSessions(tx, caller).delete(session, expectedVersion: ProgramPageText.version(form.version))
        }
    }

    func savePresentation(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await post(request, context, .presentation, done: "presentation", anchor: "presentation-heading") { tx, caller, id, form in
            let presentation = SuccessPresentation(
                scheduledOn: try ProgramPageText.date(form.scheduled_on, field: "presentation.scheduled_on"),
                heldOn: try ProgramPageText.date(form.held_on, field: "presentation.held_on"),
                audienceSize: try ProgramPageText.integer(form.audience, field: "presentation.audience_size"),
                outcome: form.outcome)
            _ = try await Enrolments(tx, caller).setPresentation(id, presentation, expectedVersion: ProgramPageText.version(form.version))
        }
    }

    func saveResult(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await post(request, context, .result, done: "result", anchor: "result-heading") { tx, caller, id, form in
            let reached: Bool
            switch form.goal_reached {
            case "yes": reached = true
            case "no": reached = false
            default: throw DomainError(.missing, "prg_err_reached", field: "goal_reached")
            }
            let today = try await Reader.load(tx, caller).today(caller.now)
            let result = ProgramResult(
                goalReached: reached, evidence: form.evidence ?? "",
                decidedOn: try ProgramPageText.date(form.decided_on, field: "result.decided_on") ?? today)
            let measures = try (form.measures ?? []).map { try ProgramPageText.id($0, "measure") }
            _ = try await Enrolments(tx, caller).setResult(id, result, measureIDs: measures, expectedVersion: ProgramPageText.version(form.version))
        }
    }

    /// Hands the program to another CSM or changes the client's participants (the API's PATCH, as a form).
    func manage(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await post(request, context, .manage, done: "managed", anchor: "manage-heading") { tx, caller, id, form in
            var changes = Enrolments.Changes()
            changes.csmID = try form.csm.flatMap(Self.blank).map { text in
                guard let id = UUID(uuidString: text) else { throw DomainError(.invalid, "prg_err_csm", field: "csm_id") }
                return id
            }
            changes.participantIDs = try (form.program_participants ?? []).map { try Self.contact($0, field: "participant_ids") }
            _ = try await Enrolments(tx, caller).update(id, changes, expectedVersion: ProgramPageText.version(form.version))
        }
    }

    /// Cancels a running program or resumes a cancelled one (the hours and sessions stay).
    func changeState(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        let state: Enrolment.State
        switch form.state_change {
        case "cancel": state = .cancelled
        case "resume": state = .active
        default: throw DomainError(.invalid, "prg_err_state_change", field: "state")
        }
        return try await post(
            request, context, .manage, done: state == .active ? "resumed" : "cancelled", anchor: "manage-heading", decoded: form
        ) { tx, caller, id, form in
            var changes = Enrolments.Changes()
            changes.state = state
            _ = try await Enrolments(tx, caller).update(id, changes, expectedVersion: ProgramPageText.version(form.version))
        }
    }

    /// Runs one form's change and answers with a redirect to its section; refused input comes back in place.
    private func post(
        _ request: Request, _ context: AuthenticatedContext, _ which: Form, done: String, anchor: String, editing: String? = nil,
        decoded: Fields? = nil, _ change: @escaping @Sendable (TenantTransaction, Caller, UUID, Fields) async throws -> Void
    ) async throws -> Response {
        let id = try ProgramPageText.id(context.parameters.get("id"), "enrolment")
        // A request's body is read once: a handler that needed the form first passes it on.
        let form: Fields
        if let decoded { form = decoded } else { form = try await request.decodeForm(as: Fields.self, context: context) }
        do {
            try await store.tenant(context) { tx, caller in try await change(tx, caller, id, form) }
            return .seeOther("/enrolments/\(id.lowercased)?done=\(done)#\(anchor)")
        } catch let error as DomainError where Self.refusals.contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id, page: "/enrolments/\(id.lowercased)", editing: editing, typed: (which, form, error))
            }
            return PageResponse.render("prg-enrolment", model, status: Problem(domain: error).status)
        }
    }

    static let refusals: [DomainError.Code] = [.invalid, .missing, .conflict, .preconditionFailed]

    static func blank(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func direction(_ text: String?) throws -> Goal.Direction {
        guard let direction = text.flatMap(Goal.Direction.init(rawValue:)) else { throw DomainError(.invalid, "prg_err_direction", field: "kpi_direction") }
        return direction
    }

    static func contact(_ text: String?, field: String) throws -> UUID {
        guard let text = blank(text) else { throw DomainError(.missing, "prg_err_contact", field: field) }
        guard let id = UUID(uuidString: text) else { throw DomainError(.invalid, "prg_err_contact", field: field) }
        return id
    }

    static func sessionInput(_ form: Fields) throws -> ProgramSessions.Input {
        var input = ProgramSessions.Input()
        guard let kind = form.kind.flatMap(ProgramSessionKind.init(rawValue:)) else { throw DomainError(.invalid, "prg_err_kind", field: "kind") }
        input.kind = kind
        input.plannedOn = .some(try ProgramPageText.date(form.planned_on, field: "planned_on"))
        input.heldOn = .some(try ProgramPageText.date(form.held_on, field: "held_on"))
        input.durationMinutes = .some(try ProgramPageText.integer(form.duration, field: "duration_minutes"))
        input.participantIDs = try (form.participants ?? []).map {
            guard let id = UUID(uuidString: $0) else { throw DomainError(.invalid, "prg_err_contact", field: "participant_ids") }
            return id
        }
        input.notes = .some(blank(form.notes))
        let pair = kind == .pairSupport
        input.supportedContactID = .some(pair ? try blank(form.supported).map { try contact($0, field: "supported_contact_id") } : nil)
        input.practised = .some(pair ? blank(form.practised) : nil)
        return input
    }

    /// A session of another enrolment is not found through this one.
    static func requireSession(_ tx: TenantTransaction, _ caller: Caller, _ session: UUID, of enrolment: UUID) async throws {
        let sessions = try await ProgramSessions(tx, caller).list(enrolment: enrolment)
        guard sessions.contains(where: { $0.id == session }) else { throw DomainError(.notFound, "session not found") }
    }

    // MARK: - The page

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, _ id: UUID, page: String, notice: String? = nil, editing: String? = nil,
        issued: Issued? = nil, typed: (form: Form, fields: Fields, error: DomainError)? = nil
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let view = try await Enrolments(tx, caller).view(id)
        let enrolment = view.enrolment
        let customer = try await Customers(tx, caller).get(enrolment.customerID)
        let canRun = CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer)
            || identity.authorizer.can(identity.actor, .manageSuccess, in: customer.scope).allowed
        let active = enrolment.state == .active
        let writable = canRun && active && customer.archivedAt == nil
        let template = try? await ProgramTemplates(tx, caller).get(enrolment.templateID)
        let contacts = try await ContactRepository.list(tx, customer: customer.id, after: nil, limit: 200).items.filter { $0.erasedAt == nil }
        var names: [UUID: String] = Dictionary(contacts.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let sheet = view.goalSheet
        let agreedIDs = sheet?.agreements.map(\.personID) ?? []
        let missing = agreedIDs.filter { names[$0] == nil }
        // An erased contact who agreed is said to be erased, in the reader's language.
        if !missing.isEmpty {
            names.merge(try await ContactRepository.names(tx, missing).mapValues { $0 ?? t["cku_contact_erased"] }) { a, _ in a }
        }
        let members = try await CustomerRepository.memberNames(tx, [enrolment.csmID] + agreedIDs)
        names.merge(members) { a, _ in a }
        let csmName = members[enrolment.csmID] ?? ""
        let isCSM = enrolment.csmID == identity.memberID

        // What the posted form said, and its refusal beside its field.
        let fields = typed?.fields
        var e: [String: String] = [:]
        var summary: String?
        if let typed {
            let error = typed.error
            let message = error.code == .preconditionFailed ? t["prg_err_stale"] : t.explain(error)
            summary = message
            if let field = error.field { e[Self.inputName(field, form: typed.form)] = message }
        }
        func typedValue(_ form: Form, _ pick: (Fields) -> String?) -> String? { typed?.form == form ? fields.flatMap(pick) : nil }

        // Goal sheet.
        let content = sheet?.content
        func number(_ value: Double?) -> String { value.map { f.number($0, fractionDigits: 4).replacingOccurrences(of: ",", with: "") } ?? "" }
        var v: [String: String] = [:]
        v["business_goal"] = typedValue(.sheet, \.business_goal) ?? content?.businessGoal ?? ""
        v["kpi_name"] = typedValue(.sheet, \.kpi_name) ?? content?.kpiName ?? ""
        v["kpi_baseline"] = typedValue(.sheet, \.kpi_baseline) ?? number(content?.kpiBaseline)
        v["kpi_target"] = typedValue(.sheet, \.kpi_target) ?? number(content?.kpiTarget)
        v["kpi_unit"] = typedValue(.sheet, \.kpi_unit) ?? content?.kpiUnit ?? ""
        v["usage_goal"] = typedValue(.sheet, \.usage_goal) ?? content?.usageGoal ?? ""
        v["usage_metric"] = typedValue(.sheet, \.usage_metric) ?? content?.usageMetric ?? ""
        v["usage_baseline"] = typedValue(.sheet, \.usage_baseline) ?? number(content?.usageBaseline)
        v["usage_target"] = typedValue(.sheet, \.usage_target) ?? number(content?.usageTarget)
        v["decision_maker_comment"] = typedValue(.sheet, \.decision_maker_comment) ?? content?.decisionMakerComment ?? ""
        v["kpi_actual"] = typedValue(.progress, \.kpi_actual) ?? number(sheet?.kpiActual)
        v["usage_actual"] = typedValue(.progress, \.usage_actual) ?? number(sheet?.usageActual)
        let chosenOwner = typedValue(.sheet, \.client_owner) ?? content?.clientOwnerID.lowercased ?? ""
        let chosenDecider = typedValue(.sheet, \.decision_maker) ?? content?.decisionMakerID.lowercased
            ?? contacts.first(where: \.decisionMaker)?.id.lowercased ?? ""
        let direction = typedValue(.sheet, \.kpi_direction) ?? content?.kpiDirection.rawValue ?? Goal.Direction.up.rawValue
        func contactOptions(_ chosen: String) -> [FormOption] {
            [FormOption(value: "", label: t["prg_choose_contact"], selected: chosen.isEmpty)]
                + contacts.map { FormOption(value: $0.id.lowercased, label: Self.contactLabel($0, t), selected: $0.id.lowercased == chosen) }
        }
        var sheetRows: [Fact] = []
        if let content {
            sheetRows.append(Fact(label: t["prg_business_goal"], value: content.businessGoal))
            let unit = content.kpiUnit.map { " " + $0 } ?? ""
            let kpi = t.format("prg_kpi_line", [
                "name": content.kpiName, "baseline": content.kpiBaseline.map { f.number($0) + unit } ?? "–", "target": f.number(content.kpiTarget) + unit,
                "direction": t["prg_direction_\(content.kpiDirection.rawValue)"],
            ])
            sheetRows.append(Fact(label: t["prg_kpi"], value: kpi))
            var usage = content.usageGoal
            if let metric = content.usageMetric {
                usage += " — " + t.format("prg_usage_line", [
                    "metric": metric, "baseline": content.usageBaseline.map { f.number($0) } ?? "–",
                    "target": content.usageTarget.map { f.number($0) } ?? "–",
                ])
            }
            sheetRows.append(Fact(label: t["prg_usage_goal"], value: usage))
            sheetRows.append(Fact(label: t["prg_client_owner"], value: names[content.clientOwnerID] ?? "–"))
            sheetRows.append(Fact(label: t["prg_decision_maker"], value: names[content.decisionMakerID] ?? "–"))
            if let comment = content.decisionMakerComment { sheetRows.append(Fact(label: t["prg_dm_comment"], value: comment)) }
        }

        // Agreements.
        let agreements: [Agreement] = GoalSheetParty.allCases.map { party in
            let label = ProgramPageText.party(party, t)
            guard let sheet else {
                return Agreement(party: label, partyValue: party.rawValue, state: t["prg_agree_no_sheet"], stateClass: "none", detail: nil,
                                 canIssue: false, canAgree: false, issueLabel: "")
            }
            let person: String = switch party {
            case .csm: csmName
            case .clientOwner: names[sheet.content.clientOwnerID] ?? ""
            case .decisionMaker: names[sheet.content.decisionMakerID] ?? ""
            }
            let issueLabel = t.format("prg_issue_link_for", ["party": label, "name": person])
            if let current = sheet.current(party) {
                return Agreement(
                    party: label, partyValue: party.rawValue, state: t["prg_agreed"], stateClass: "agreed",
                    detail: t.format("prg_agreed_detail", [
                        "name": names[current.personID] ?? person, "at": f.dateTime(current.agreedAt), "version": String(current.sheetVersion),
                    ]),
                    canIssue: false, canAgree: false, issueLabel: issueLabel)
            }
            let older = sheet.agreements.filter { $0.party == party }.max { $0.sheetVersion < $1.sheetVersion }
            let canAct = writable && active
            return Agreement(
                party: label, partyValue: party.rawValue, state: older == nil ? t["prg_not_yet"] : t["prg_outdated"],
                stateClass: older == nil ? "pending" : "outdated",
                detail: older.map {
                    t.format("prg_outdated_detail", [
                        "name": names[$0.personID] ?? person, "at": f.dateTime($0.agreedAt), "version": String($0.sheetVersion),
                        "current": String(sheet.version),
                    ])
                } ?? t.format("prg_waiting_for", ["name": person]),
                canIssue: canAct && party != .csm, canAgree: active && party == .csm && isCSM, issueLabel: issueLabel)
        }

        // Sessions.
        let sessionsSorted = view.sessions.sorted { ($0.heldOn ?? $0.plannedOn ?? view.today) > ($1.heldOn ?? $1.plannedOn ?? view.today) }
        let sessions = sessionsSorted.map { s in
            let kind = ProgramPageText.kind(s.kind, t)
            let when: String = if let held = s.heldOn {
                t.format("prg_held_on", ["date": f.date(held)])
            } else {
                t.format("prg_planned_on", ["date": s.plannedOn.map { f.date($0) } ?? "–"])
            }
            var pair: String?
            if s.kind == .pairSupport, s.supportedContactID != nil || s.practised != nil {
                pair = t.format("prg_pair_line", [
                    "name": s.supportedContactID.flatMap { names[$0] } ?? "–", "practised": s.practised ?? "–",
                ])
            }
            return Session(
                id: s.id.lowercased, kind: kind, when: when, held: s.isHeld,
                who: s.participantIDs.isEmpty ? nil : s.participantIDs.compactMap { names[$0] }.joined(separator: "、"),
                duration: s.durationMinutes.map { t.format("prg_minutes", ["minutes": String($0)]) } ?? "–", notes: s.notes, pair: pair,
                version: String(s.version), editHref: "/enrolments/\(id.lowercased)?session=\(s.id.lowercased)#session-form-heading",
                deleteAction: "/enrolments/\(id.lowercased)/sessions/\(s.id.lowercased)/delete",
                editLabel: t.format("prg_session_edit_named", ["kind": kind, "when": when]),
                deleteLabel: t.format("prg_session_delete_named", ["kind": kind, "when": when]))
        }
        let editingSession = editing.flatMap { text in view.sessions.first { $0.id.lowercased == text.lowercased() } }
        let sessionTyped = typed?.form == .session ? fields : nil
        v["kind"] = sessionTyped?.kind ?? editingSession?.kind.rawValue ?? ProgramSessionKind.pairSupport.rawValue
        v["planned_on"] = sessionTyped?.planned_on ?? editingSession?.plannedOn?.description ?? ""
        v["held_on"] = sessionTyped?.held_on ?? editingSession?.heldOn?.description ?? (editingSession == nil ? view.today.description : "")
        v["duration"] = sessionTyped?.duration ?? editingSession?.durationMinutes.map(String.init) ?? ""
        v["notes"] = sessionTyped?.notes ?? editingSession?.notes ?? ""
        v["practised"] = sessionTyped?.practised ?? editingSession?.practised ?? ""
        let chosenParticipants = Set(sessionTyped?.participants ?? editingSession?.participantIDs.map(\.lowercased) ?? [])
        let chosenSupported = sessionTyped?.supported ?? editingSession?.supportedContactID?.lowercased ?? ""

        // Hours.
        let months = view.months.map { month in
            ProgramPageText.bar(
                label: t.format("prg_month_label", ["number": String(month.number), "days": ProgramPageText.days(month.days, t, f)]),
                use: month.use, t, f)
        }
        var capacity: ProgramPageText.Bar?
        if let load = try? await CSMCapacities(tx, caller).get(member: enrolment.csmID) {
            capacity = ProgramPageText.bar(
                label: t.format("prg_capacity_label", ["name": csmName, "month": f.month(load.month)]), use: load.load, t, f)
        }

        // Presentation and result.
        var presentationFacts: [Fact] = []
        if let p = enrolment.presentation {
            if let day = p.scheduledOn { presentationFacts.append(Fact(label: t["prg_scheduled_on"], value: f.date(day))) }
            if let day = p.heldOn { presentationFacts.append(Fact(label: t["prg_presentation_held_on"], value: f.date(day))) }
            if let size = p.audienceSize { presentationFacts.append(Fact(label: t["prg_audience"], value: t.format("prg_people", ["count": String(size)]))) }
            if let outcome = p.outcome { presentationFacts.append(Fact(label: t["prg_outcome"], value: outcome)) }
        }
        let presentationTyped = typed?.form == .presentation ? fields : nil
        v["scheduled_on"] = presentationTyped?.scheduled_on ?? enrolment.presentation?.scheduledOn?.description ?? ""
        v["presentation_held_on"] = presentationTyped?.held_on ?? enrolment.presentation?.heldOn?.description ?? ""
        v["audience"] = presentationTyped?.audience ?? enrolment.presentation?.audienceSize.map(String.init) ?? ""
        v["outcome"] = presentationTyped?.outcome ?? enrolment.presentation?.outcome ?? ""

        var resultFacts: [Fact] = []
        var resultText: String?
        if let r = enrolment.result {
            resultText = r.goalReached ? t["prg_result_reached"] : t["prg_result_not_reached"]
            resultFacts.append(Fact(label: t["prg_decided_on"], value: f.date(r.decidedOn)))
            resultFacts.append(Fact(label: t["prg_evidence"], value: r.evidence))
        }
        let standing = try? await CustomerSuccess(tx, caller).status(customer.id)
        let tiers: [Fact] = (standing?.tiers ?? []).filter { $0.definition != nil }.map { tier in
            Fact(
                label: t["prg_tier_\(tier.tier.rawValue)"],
                value: tier.reached
                    ? t.format("prg_tier_reached", ["date": tier.reachedOn.map { f.date($0) } ?? ""])
                    : t["prg_tier_not_reached"])
        }
        let resultTyped = typed?.form == .result ? fields : nil
        v["evidence"] = resultTyped?.evidence ?? ""
        v["decided_on"] = resultTyped?.decided_on ?? view.today.description
        let chosenReached = resultTyped?.goal_reached ?? ""
        let chosenMeasures = Set(resultTyped?.measures ?? [])
        let measures: [Choice] = (standing?.tiers ?? []).flatMap { tier in
            tier.measures.filter { $0.measure.criterion == .manual }.map { m in
                Choice(
                    id: "rs-measure-\(m.measure.id.lowercased)", value: m.measure.id.lowercased,
                    label: t.format("prg_measure_label", ["tier": t["prg_tier_\(tier.tier.rawValue)"], "name": m.measure.name]),
                    checked: chosenMeasures.contains(m.measure.id.lowercased))
            }
        }

        let templateName = template?.name ?? t["prg_template_gone"]
        let title = t.format("prg_enrolment_title", ["customer": view.customerName, "template": templateName])
        let month = enrolment.calendar.programMonth(of: view.today)
        var facts = [
            Fact(label: t["prg_customer"], value: view.customerName),
            Fact(label: t["prg_csm"], value: csmName),
            Fact(label: t["prg_period"], value: t.format("prg_period_value", [
                "from": f.date(enrolment.startDate), "to": f.date(enrolment.calendar.end), "months": String(enrolment.months),
            ])),
            Fact(label: t["prg_budget"], value: t.format("prg_budget_value", ["hours": f.number(Double(enrolment.monthlyBudgetMinutes) / 60)])),
            Fact(label: t["prg_state"], value: ProgramPageText.state(enrolment.state, t)),
        ]
        if let month, active { facts.append(Fact(label: t["prg_current_month"], value: t.format("prg_month_n", ["number": String(month)]))) }
        let participantNames = enrolment.participantIDs.compactMap { names[$0] }
        facts.append(Fact(label: t["prg_participants"], value: participantNames.isEmpty ? t["prg_none"] : participantNames.joined(separator: "、")))

        let sheetState: String
        if let sheet {
            sheetState = sheet.isAgreed
                ? t.format("prg_sheet_agreed", ["version": String(sheet.version)])
                : t.format("prg_sheet_pending", ["version": String(sheet.version), "count": String(sheet.pendingParties.count)])
        } else {
            sheetState = t["prg_sheet_none"]
        }
        let progress = sheet?.progress.map { t.format("prg_progress_value", ["percent": f.percent($0 / 100)]) }

        // Running the program: the CSMs the reader may see (the use case checks the one chosen), the participants.
        let chosenCSM = typedValue(.manage, \.csm) ?? enrolment.csmID.lowercased
        var csmOptions = try await MemberRepository.list(
            tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500
        ).items.filter(\.active).map { FormOption(value: $0.id.lowercased, label: $0.displayName, selected: $0.id.lowercased == chosenCSM) }
        if !csmOptions.contains(where: { $0.value == enrolment.csmID.lowercased }) {
            csmOptions.insert(FormOption(value: enrolment.csmID.lowercased, label: csmName, selected: chosenCSM == enrolment.csmID.lowercased), at: 0)
        }
        let chosenProgramParticipants = Set(typed?.form == .manage
            ? (fields?.program_participants ?? []) : enrolment.participantIDs.map(\.lowercased))

        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .programs), id: id.lowercased, title: title,
            customerHref: "/customers/\(customer.id.lowercased)", successHref: "/customers/\(customer.id.lowercased)/success",
            facts: facts, notice: notice.map { t[$0] }, error: summary, issued: issued, canRun: canRun, writable: writable,
            version: String(enrolment.version),
            hasSheet: sheet != nil, sheetVersion: String(sheet?.version ?? 0), sheetState: sheetState, sheetRows: sheetRows,
            showSheetForm: writable && !contacts.isEmpty, sheetOpen: sheet == nil || typed?.form == .sheet,
            reagree: (sheet?.agreements.contains { $0.sheetVersion == sheet?.version } ?? false),
            noContacts: contacts.count < 2 && writable, contactsHref: "/customers/\(customer.id.lowercased)/contacts",
            owners: contactOptions(chosenOwner), deciders: contactOptions(chosenDecider),
            directions: Goal.Direction.allCases.map { FormOption(value: $0.rawValue, label: t["prg_direction_\($0.rawValue)"], selected: $0.rawValue == direction) },
            agreements: agreements, progress: progress, showProgressForm: writable && sheet != nil,
            sessions: sessions, noSessions: sessions.isEmpty,
            sessionAction: editingSession.map { "/enrolments/\(id.lowercased)/sessions/\($0.id.lowercased)" } ?? "/enrolments/\(id.lowercased)/sessions",
            sessionTitle: editingSession == nil ? t["prg_session_add"] : t["prg_session_edit"], sessionEditing: editingSession != nil,
            sessionVersion: editingSession.map { String($0.version) } ?? "",
            kinds: ProgramSessionKind.allCases.map { FormOption(value: $0.rawValue, label: ProgramPageText.kind($0, t), selected: $0.rawValue == v["kind"]) },
            participants: contacts.map {
                Choice(id: "ss-p-\($0.id.lowercased)", value: $0.id.lowercased, label: $0.name, checked: chosenParticipants.contains($0.id.lowercased))
            },
            hasParticipants: !contacts.isEmpty,
            supported: [FormOption(value: "", label: t["prg_nobody"], selected: chosenSupported.isEmpty)]
                + contacts.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: $0.id.lowercased == chosenSupported) },
            months: months,
            outside: view.outsideMinutes > 0 ? t.format("prg_outside", ["hours": ProgramPageText.hours(view.outsideMinutes, t, f)]) : nil,
            capacity: capacity,
            presentationFacts: presentationFacts, hasPresentation: !presentationFacts.isEmpty, showPresentationForm: writable,
            result: resultText, resultFacts: resultFacts, tiers: tiers, hasTiers: !tiers.isEmpty, showResultForm: writable,
            reached: [("yes", "prg_reached_yes"), ("no", "prg_reached_no")].map {
                Choice(id: "rs-reached-\($0.0)", value: $0.0, label: t[$0.1], checked: chosenReached == $0.0)
            },
            measures: measures, hasMeasures: !measures.isEmpty,
            showManage: canRun && enrolment.state != .completed && customer.archivedAt == nil,
            csms: csmOptions, programParticipants: contacts.map {
                Choice(id: "pp-\($0.id.lowercased)", value: $0.id.lowercased, label: Self.contactLabel($0, t), checked: chosenProgramParticipants.contains($0.id.lowercased))
            },
            canCancel: enrolment.state == .active, canResume: enrolment.state == .cancelled, v: v, e: e)
    }

    static func contactLabel(_ contact: Contact, _ t: Catalogue) -> String {
        var label = contact.name
        if let role = contact.role, !role.isEmpty { label += "（\(role)）" }
        if contact.decisionMaker { label += " · " + t["prg_is_decision_maker"] }
        return label
    }

    /// The page's name for a use case's field, so the message lands beside the right input.
    static func inputName(_ field: String, form: Form) -> String {
        switch (form, field) {
        case (.sheet, "client_owner_id"): "client_owner"
        case (.sheet, "decision_maker_id"): "decision_maker"
        case (.sheet, "kpi_goal_id"): "kpi_name"
        case (.session, "duration_minutes"): "duration"
        case (.session, "participant_ids"): "participants"
        case (.session, "supported_contact_id"): "supported"
        case (.presentation, "presentation.scheduled_on"): "scheduled_on"
        case (.presentation, "presentation.held_on"): "presentation_held_on"
        case (.presentation, "presentation.audience_size"): "audience"
        case (.presentation, "presentation.outcome"): "outcome"
        case (.result, "result.evidence"): "evidence"
        case (.result, "result.decided_on"): "decided_on"
        case (.result, "measure_ids"): "measures"
        case (.manage, "csm_id"): "csm"
        case (.manage, "participant_ids"): "program_participants"
        case (.presentation, "version"), (.result, "version"), (.session, "version"), (.sheet, "version"), (.agree, _), (.link, _),
             (.manage, _): "form_\(form.rawValue)"
        default: field
        }
    }
}
