import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/tickets`: the support queue — every ticket of the customers the reader sees, urgent first and, within a
/// priority, the one waiting longest first; filtered by status, priority, product, source, customer (a name search)
/// and the expansion signal; 50 at a time (keyset). Those still waiting for a first response say for how long.
struct TicketQueuePage: Sendable {
    let store: Store

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let summary: String
        let filter: TicketPageText.FilterForm
        let filterAction = "/tickets"
        let searchable = true
        let rows: [TicketPageText.Row]
        let empty: Bool
        let showCustomer: Bool
        let caption: String
        let next: String?
        let first: String?
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let filter = TicketPageText.filter(request, defaultStatus: "open")
        let cursor = TicketPageText.cursor(request)
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            guard reader.may(.readCustomers) else {
                throw DomainError(.forbidden, "ctk_forbidden", permission: Permission.readCustomers.rawValue)
            }
            let tickets = Tickets(tx, caller)
            let page = try await tickets.queue(filter.repository(customer: nil), order: .urgency, after: cursor, limit: 50)
            let choices = try await tickets.queueChoices()
            let rows = page.items.map { TicketPageText.row($0, now: caller.now, t: t, f: f) }
            let awaiting = rows.filter(\.awaiting).count
            let title = t["ctk_queue_title"]
            return Model(
                chrome: reader.chrome(title: title, current: "/tickets", page: request.uri.description), t: t.strings, title: title,
                summary: t.format("ctk_queue_summary", [
                    "count": f.number(Double(rows.count)) + (page.nextCursor == nil ? "" : "+"), "awaiting": f.number(Double(awaiting)),
                ]),
                filter: TicketPageText.filterForm(filter, products: choices.products, sources: choices.sources, defaultStatus: "open", t), rows: rows,
                empty: rows.isEmpty, showCustomer: true, caption: title,
                next: page.nextCursor.map { "/tickets" + filter.query(cursor: $0, defaultStatus: "open") },
                first: cursor == nil ? nil : "/tickets" + filter.query(defaultStatus: "open"))
        }
        return PageResponse.render("ctk-queue", model)
    }
}
