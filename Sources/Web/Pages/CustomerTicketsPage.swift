import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/tickets`: one customer's tickets, newest first (the queue's table and filters, 50 at a time),
/// and — for whoever may write tickets where the customer lives — the form recording a new one. The lifecycle phase
/// the customer is in when the ticket opens is recorded by the domain; the form says which it will be.
struct CustomerTicketsPage: Sendable {
    let store: Store

    struct NewForm: Sendable {
        let title: String
        let priorities: [FormOption]
        let product: String
        let products: [String]
        let source: String
        let externalID: String
        let openedAt: String
        let description: String
        let phase: String
        let error: String?
        let titleError: String?
        let productError: String?
        let sourceError: String?
        let externalError: String?
        let openedError: String?
        let descriptionError: String?
        let open: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let title: String
        let notice: String?
        let summary: String
        let filter: TicketPageText.FilterForm
        let filterAction: String
        let searchable = false
        let rows: [TicketPageText.Row]
        let empty: Bool
        let showCustomer = false
        let caption: String
        let next: String?
        let first: String?
        let form: NewForm?
    }

    struct Fields: Decodable, Sendable {
        var title: String?
        var priority: String?
        var product: String?
        var source: String?
        var externalID: String?
        var openedAt: String?
        var description: String?

        enum CodingKeys: String, CodingKey {
            case title, priority, product, source, description
            case externalID = "external_id"
            case openedAt = "opened_at"
        }
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, request: request, refused: nil)
        }
        return PageResponse.render("ctk-customer", model)
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, request: Request, refused: (Fields, DomainError)?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let customer = try await Customers(tx, caller).get(id)
        let canWrite = identity.authorizer.can(identity.actor, .writeTickets, in: customer.scope).allowed && customer.archivedAt == nil
        // A refused form comes back only to whoever may send it; anyone else gets the 403 page.
        if refused != nil { try identity.require(.writeTickets, in: customer.scope) }
        let lower = id.uuidString.lowercased()
        let base = "/customers/\(lower)/tickets"
        let filter = TicketPageText.filter(request, defaultStatus: "all")
        let cursor = refused == nil ? TicketPageText.cursor(request) : nil
        let tickets = Tickets(tx, caller)
        let page = try await tickets.queue(filter.repository(customer: id), order: .newest, after: cursor, limit: 50)
        let choices = try await tickets.queueChoices()
        let rows = page.items.map { TicketPageText.row($0, now: caller.now, t: t, f: f) }
        let open = try await tickets.queue(.init(base: .init(customerID: id, open: true)), order: .urgency, after: nil, limit: 200).items
        var form: NewForm?
        if canWrite {
            let typed = refused?.0
            let refusal = refused.map { CustomerPageText.Refusal($0.1, t) }
            let chosen = typed?.priority ?? Ticket.Priority.normal.rawValue
            form = NewForm(
                title: typed?.title ?? "",
                priorities: Ticket.Priority.allCases.map {
                    FormOption(value: $0.rawValue, label: TicketPageText.priority($0, t), selected: chosen == $0.rawValue)
                },
                product: typed?.product ?? "", products: choices.products, source: typed?.source ?? "",
                externalID: typed?.externalID ?? "", openedAt: typed?.openedAt ?? "", description: typed?.description ?? "",
                phase: t.format("ctk_phase_recorded", ["phase": CustomerPageText.phase(customer.phase, t)]),
                error: refusal?.general(["title", "priority", "product", "source", "external_id", "opened_at", "description"]),
                titleError: refusal?.at("title"), productError: refusal?.at("product"), sourceError: refusal?.at("source"),
                externalError: refusal?.at("external_id"), openedError: refusal?.at("opened_at"),
                descriptionError: refusal?.at("description"), open: refused != nil || page.items.isEmpty)
        }
        let title = t.format("ctk_customer_title", ["name": customer.name])
        let notice = request.uri.queryParameters["done"] == "created" ? t["ctk_notice_created"] : nil
        return Model(
            chrome: reader.chrome(title: title, current: "/customers", page: request.uri.description), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .tickets), id: lower, title: title, notice: notice,
            summary: t.format("ctk_customer_summary", [
                "open": f.number(Double(open.count)), "critical": f.number(Double(open.filter { $0.ticket.priority.isCritical }.count)),
                "awaiting": f.number(Double(open.filter { $0.ticket.firstResponseAt == nil }.count)),
            ]),
            filter: TicketPageText.filterForm(filter, products: choices.products, sources: choices.sources, defaultStatus: "all", t), filterAction: base,
            rows: rows, empty: rows.isEmpty, caption: title,
            next: page.nextCursor.map { base + filter.query(cursor: $0, defaultStatus: "all") },
            first: cursor == nil ? nil : base + filter.query(defaultStatus: "all"), form: form)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let ticket = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                let tickets = Tickets(tx, caller)
                // The right is checked before the fields, so a refusal is never turned into advice on the form.
                let customer = try await Customers(tx, caller).get(id)
                try caller.identity.require(.writeTickets, in: customer.scope)
                guard let priority = Ticket.Priority(rawValue: form.priority ?? "normal") else {
                    throw DomainError(.invalid, "ctk_error_priority", field: "priority")
                }
                let opened = try TicketPageText.instant(form.openedAt, zone: reader.format.timeZone, field: "opened_at")
                let checked = try await tickets.check(
                    customer: id,
                    .init(
                        title: form.title ?? "", priority: priority, product: CustomerPageText.text(form.product), openedAt: opened,
                        source: CustomerPageText.text(form.source), externalID: CustomerPageText.text(form.externalID)))
                return try await tickets.create(checked, description: form.description)
            }
            return .seeOther("/tickets/\(ticket.id.uuidString.lowercased())?done=created")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing || error.code == .conflict {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, request: request, refused: (form, error))
            }
            return PageResponse.render("ctk-customer", model, status: error.code == .conflict ? .conflict : .unprocessableContent)
        }
    }
}
