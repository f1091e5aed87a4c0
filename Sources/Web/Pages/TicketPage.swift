import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/tickets/{id}`: one ticket — every field, its description, the problem record it is linked to, what its life
/// wrote on the customer's timeline; for whoever may write tickets where the customer lives, the quick actions
/// (record the first response now, resolve, reopen), the edit form (with the version, so that a stale edit is the
/// 409 page) and the expansion signal (seed 004), whose hand-off to the CSM or sales owner is linked once it exists.
struct TicketPage: Sendable {
    let store: Store

    struct Fact: Sendable {
        let label: String
        let value: String
        let href: String?
    }

    struct Event: Sendable {
        let title: String
        let body: String?
        let when: String
        let author: String
    }

    struct Editor: Sendable {
        let version: String
        let title: String
        let statuses: [FormOption]
        let priorities: [FormOption]
        let product: String
        let openedAt: String
        let firstResponseAt: String
        let resolvedAt: String
        let csat: String
        let error: String?
        let titleError: String?
        let statusError: String?
        let productError: String?
        let openedError: String?
        let firstError: String?
        let resolvedError: String?
        let csatError: String?
    }

    struct Handoff: Sendable {
        let href: String
        let assignee: String
        let state: String
        let stateClass: String
        let due: String?
    }

    struct SignalForm: Sendable {
        let note: String
        let handTo: [FormOption]
        let dueDate: String
        let error: String?
        let noteError: String?
        let handToError: String?
        let dueError: String?
        let open: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let id: String
        let customerHref: String
        let customerTicketsHref: String
        let customer: String
        let title: String
        let notice: String?
        let stale: String?
        let priority: String
        let priorityClass: String
        let status: String
        let statusClass: String
        let facts: [Fact]
        let description: String?
        let signal: Bool
        let signalNote: String?
        let handoff: Handoff?
        let signalForm: SignalForm?
        let problemTitle: String?
        let problemHref: String?
        let events: [Event]
        let version: String
        let canRespond: Bool
        let canResolve: Bool
        let canReopen: Bool
        let canWrite: Bool
        let edit: Editor?
    }

    static let notices = [
        "created": "ctk_notice_created", "saved": "ctk_notice_saved", "responded": "ctk_notice_responded",
        "resolved": "ctk_notice_resolved", "reopened": "ctk_notice_reopened", "signal": "ctk_notice_signal",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"), what: "ticket not found")
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, request: request, edit: nil, signal: nil)
        }
        return PageResponse.render("ctk-ticket", model)
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, request: Request, edit: (EditFields, DomainError)?,
        signal: (SignalFields, DomainError)?, stale: Bool = false
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let tickets = Tickets(tx, caller)
        let (k, customer) = try await tickets.read(id)
        let canWrite = identity.authorizer.can(identity.actor, .writeTickets, in: customer.scope).allowed
        // A refused form comes back only to whoever may send it; anyone else gets the 403 page.
        if edit != nil || signal != nil || stale { try identity.require(.writeTickets, in: customer.scope) }
        let names = try await MemberRepository.displayNames(tx)
        let events = try await tickets.events(id)
        let now = caller.now
        let lower = id.uuidString.lowercased()

        var facts = [
            Fact(label: t["ctk_col_customer"], value: customer.name, href: "/customers/\(customer.id.uuidString.lowercased())"),
            Fact(label: t["ctk_col_product"], value: k.product ?? "–", href: nil),
            Fact(label: t["ctk_source"], value: TicketPageText.source(k.source, t) + (k.externalID.map { " · \($0)" } ?? ""), href: nil),
            Fact(label: t["ctk_opened_at"], value: f.dateTime(k.openedAt), href: nil),
            Fact(label: t["ctk_phase_at_open"], value: CustomerPageText.phase(k.phaseAtOpen, t), href: nil),
        ]
        if let first = k.firstResponseAt {
            facts.append(Fact(
                label: t["ctk_col_first_response"],
                value: f.dateTime(first) + " (" + t.format("ctk_first_after", ["span": TicketPageText.span(first.timeIntervalSince(k.openedAt), t, f)]) + ")",
                href: nil))
        } else {
            facts.append(Fact(
                label: t["ctk_col_first_response"],
                value: k.status.isOpen ? t.format("ctk_awaiting_for", ["span": TicketPageText.span(now.timeIntervalSince(k.openedAt), t, f)]) : "–",
                href: nil))
        }
        if let resolved = k.resolvedAt {
            facts.append(Fact(
                label: t["ctk_resolved_at"],
                value: f.dateTime(resolved) + " (" + t.format("ctk_resolved_after", ["span": TicketPageText.span(resolved.timeIntervalSince(k.openedAt), t, f)]) + ")",
                href: nil))
        }
        facts.append(Fact(label: t["ctk_col_reopens"], value: f.number(Double(k.reopenCount)), href: nil))
        facts.append(Fact(label: t["ctk_col_csat"], value: k.csat.map { t.format("ctk_csat_value", ["score": "\($0)"]) } ?? t["ctk_csat_none"], href: nil))

        // The hand-off, once the signal created one; a new signal only while none is still open.
        var handoff: Handoff?
        var handoffOpen = false
        if let item = try await tickets.handoff(of: k) {
            handoffOpen = !item.state.isClosed && item.state != .declined
            handoff = Handoff(
                href: "/accountabilities/\(item.id.uuidString.lowercased())", assignee: names[item.assigneeID] ?? "–",
                state: t["acc_state_\(item.state.rawValue)"], stateClass: item.state.rawValue, due: item.dueDate.map { f.date($0) })
        }
        var signalForm: SignalForm?
        if canWrite, !handoffOpen {
            let typed = signal?.0
            let refusal = signal.map { CustomerPageText.Refusal($0.1, t) }
            var choices: [(ExpansionSignals.HandTo, String)] = []
            if let owner = customer.ownerID { choices.append((.csm, t.format("ctk_hand_to_csm", ["name": names[owner] ?? "–"]))) }
            if let sales = customer.salesOwnerID { choices.append((.sales, t.format("ctk_hand_to_sales", ["name": names[sales] ?? "–"]))) }
            let chosen = typed?.handTo ?? choices.first?.0.rawValue ?? ""
            signalForm = SignalForm(
                note: typed?.note ?? "", handTo: choices.map { FormOption(value: $0.0.rawValue, label: $0.1, selected: $0.0.rawValue == chosen) },
                dueDate: typed?.dueDate ?? "", error: refusal?.general(["note", "hand_to", "due_date"]), noteError: refusal?.at("note"),
                handToError: refusal?.at("hand_to") ?? (choices.isEmpty ? t["ctk_signal_nobody"] : nil), dueError: refusal?.at("due_date"),
                open: signal != nil)
        }

        var problemTitle: String?
        if let problem = k.problemID {
            // The problem may live where the reader does not reach; the link then says only that there is one.
            problemTitle = (try? await Problems(tx, caller).get(problem))?.problem.title ?? t["ctk_problem_linked"]
        }

        var editor: Editor?
        if canWrite {
            let typed = edit?.0
            let refusal = edit.map { CustomerPageText.Refusal($0.1, t) }
            let zone = f.timeZone
            let status = typed?.status ?? k.status.rawValue
            let priority = typed?.priority ?? k.priority.rawValue
            editor = Editor(
                version: typed?.version ?? "\(k.version)", title: typed?.title ?? k.title,
                statuses: Ticket.Status.allCases.map { FormOption(value: $0.rawValue, label: TicketPageText.status($0, t), selected: status == $0.rawValue) },
                priorities: Ticket.Priority.allCases.map { FormOption(value: $0.rawValue, label: TicketPageText.priority($0, t), selected: priority == $0.rawValue) },
                product: typed?.product ?? k.product ?? "", openedAt: typed?.openedAt ?? TicketPageText.local(k.openedAt, zone: zone),
                firstResponseAt: typed?.firstResponseAt ?? TicketPageText.local(k.firstResponseAt, zone: zone),
                resolvedAt: typed?.resolvedAt ?? TicketPageText.local(k.resolvedAt, zone: zone), csat: typed?.csat ?? k.csat.map { "\($0)" } ?? "",
                error: refusal?.general(["title", "status", "priority", "product", "opened_at", "first_response_at", "resolved_at", "csat"]),
                titleError: refusal?.at("title"), statusError: refusal?.at("status"), productError: refusal?.at("product"),
                openedError: refusal?.at("opened_at"), firstError: refusal?.at("first_response_at"),
                resolvedError: refusal?.at("resolved_at"), csatError: refusal?.at("csat"))
        }

        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }.map { t[$0] }
        let customerLower = customer.id.uuidString.lowercased()
        return Model(
            chrome: reader.chrome(title: k.title, current: "/tickets", page: request.uri.description), t: t.strings, id: lower,
            customerHref: "/customers/\(customerLower)", customerTicketsHref: "/customers/\(customerLower)/tickets",
            customer: customer.name, title: k.title, notice: notice, stale: stale ? t["ctk_error_stale"] : nil, priority: TicketPageText.priority(k.priority, t),
            priorityClass: k.priority.rawValue, status: TicketPageText.status(k.status, t), statusClass: k.status.rawValue, facts: facts,
            description: tickets.description(of: k, events: events), signal: k.expansionSignal, signalNote: k.expansionNote,
            handoff: handoff, signalForm: signalForm, problemTitle: problemTitle,
            problemHref: k.problemID.map { "/problems/\($0.uuidString.lowercased())" },
            events: events.map { e in
                Event(title: e.title, body: e.body, when: f.dateTime(e.occurredAt), author: e.authorID.flatMap { names[$0] } ?? t["cust_system"])
            },
            version: "\(k.version)", canRespond: canWrite && k.firstResponseAt == nil && k.status.isOpen,
            canResolve: canWrite && k.status.isOpen, canReopen: canWrite && !k.status.isOpen, canWrite: canWrite, edit: editor)
    }

    // MARK: - The edit form

    struct EditFields: Decodable, Sendable {
        var version: String?
        var title: String?
        var status: String?
        var priority: String?
        var product: String?
        var openedAt: String?
        var firstResponseAt: String?
        var resolvedAt: String?
        var csat: String?

        enum CodingKeys: String, CodingKey {
            case version, title, status, priority, product, csat
            case openedAt = "opened_at"
            case firstResponseAt = "first_response_at"
            case resolvedAt = "resolved_at"
        }
    }

    func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"), what: "ticket not found")
        let form = try await request.decodeForm(as: EditFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                let tickets = Tickets(tx, caller)
                // The right is checked before the fields, so a refusal is never turned into advice on the form.
                let (_, customer) = try await tickets.read(id)
                try caller.identity.require(.writeTickets, in: customer.scope)
                let zone = reader.format.timeZone
                guard let status = Ticket.Status(rawValue: form.status ?? "") else {
                    throw DomainError(.invalid, "ctk_error_status", field: "status")
                }
                guard let priority = Ticket.Priority(rawValue: form.priority ?? "") else {
                    throw DomainError(.invalid, "ctk_error_priority", field: "priority")
                }
                var csat: Int?
                if let text = CustomerPageText.text(form.csat) {
                    guard let value = Int(text) else { throw DomainError(.invalid, "CSAT is a whole number from 1 to 5", field: "csat") }
                    csat = value
                }
                guard let opened = try TicketPageText.instant(form.openedAt, zone: zone, field: "opened_at") else {
                    throw DomainError(.missing, "ctk_error_opened", field: "opened_at")
                }
                let first = try TicketPageText.instant(form.firstResponseAt, zone: zone, field: "first_response_at")
                // A resolved time counts only for a ticket that ends resolved; blank lets the domain stamp it.
                let resolved = status.isOpen ? nil : try TicketPageText.instant(form.resolvedAt, zone: zone, field: "resolved_at")
                _ = try await tickets.update(
                    id,
                    .init(
                        title: form.title ?? "", priority: priority, product: .some(CustomerPageText.text(form.product)), status: status,
                        openedAt: opened, firstResponseAt: .some(first), resolvedAt: resolved.map { .some($0) }, csat: .some(csat)),
                    expectedVersion: form.version.flatMap { Int($0) })
            }
            return .seeOther("/tickets/\(id.uuidString.lowercased())?done=saved")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, request: request, edit: (form, error), signal: nil)
            }
            return PageResponse.render("ctk-ticket", model, status: .unprocessableContent)
        } catch let error as DomainError where error.code == .preconditionFailed {
            return try await staleAnswer(request, context, id: id)
        }
    }

    /// Someone changed the ticket since the form was read: the page again, with the current values and why.
    private func staleAnswer(_ request: Request, _ context: AuthenticatedContext, id: UUID) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, request: request, edit: nil, signal: nil, stale: true)
        }
        return PageResponse.render("ctk-ticket", model, status: .conflict)
    }

    // MARK: - Quick actions

    struct ActionFields: Decodable, Sendable {
        var action: String?
        var version: String?
    }

    /// One press: record the first response now, resolve now, or reopen (which counts one more reopen).
    func act(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"), what: "ticket not found")
        let form = try await request.decodeForm(as: ActionFields.self, context: context)
        let done: String
        do {
            done = try await store.tenant(context) { tx, caller -> String in
                let tickets = Tickets(tx, caller)
                let (ticket, customer) = try await tickets.read(id)
                try caller.identity.require(.writeTickets, in: customer.scope)
                let version = form.version.flatMap { Int($0) }
                switch form.action {
                case "respond":
                    _ = try await tickets.update(id, .init(firstResponseAt: .some(max(caller.now, ticket.openedAt))), expectedVersion: version)
                    return "responded"
                case "resolve":
                    _ = try await tickets.update(id, .init(status: .resolved), expectedVersion: version)
                    return "resolved"
                case "reopen":
                    _ = try await tickets.update(id, .init(status: .open), expectedVersion: version)
                    return "reopened"
                default:
                    throw DomainError(.invalid, "ctk_error_action", field: "action")
                }
            }
        } catch let error as DomainError where error.code == .preconditionFailed {
            return try await staleAnswer(request, context, id: id)
        }
        return .seeOther("/tickets/\(id.uuidString.lowercased())?done=\(done)")
    }

    // MARK: - The expansion signal

    struct SignalFields: Decodable, Sendable {
        var note: String?
        var handTo: String?
        var dueDate: String?

        enum CodingKeys: String, CodingKey {
            case note
            case handTo = "hand_to"
            case dueDate = "due_date"
        }
    }

    func raiseSignal(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"), what: "ticket not found")
        let form = try await request.decodeForm(as: SignalFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                let (_, customer) = try await Tickets(tx, caller).read(id)
                try caller.identity.require(.writeTickets, in: customer.scope)
                guard let handTo = ExpansionSignals.HandTo(rawValue: form.handTo ?? "") else {
                    throw DomainError(.invalid, "ctk_error_hand_to", field: "hand_to")
                }
                var due: LocalDate?
                if let text = CustomerPageText.text(form.dueDate) {
                    guard let day = LocalDate(iso: text) else { throw DomainError(.invalid, "ctk_error_due", field: "due_date") }
                    due = day
                }
                let signals = ExpansionSignals(tx, caller)
                _ = try await signals.raise(try await signals.check(ticket: id, note: form.note ?? "", handTo: handTo, dueDate: due))
            }
            return .seeOther("/tickets/\(id.uuidString.lowercased())?done=signal#signal")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing || error.code == .conflict {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, request: request, edit: nil, signal: (form, error))
            }
            return PageResponse.render("ctk-ticket", model, status: error.code == .conflict ? .conflict : .unprocessableContent)
        }
    }
}
