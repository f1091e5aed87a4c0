import API
import Hummingbird

extension WebPages {
    /// The routes of support tickets: the queue, a customer's tickets, a ticket's page, behind the session; and the
    /// affected-customers form of a problem record.
    static func registerCustomerTickets(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let queue = TicketQueuePage(store: store)
        let ofCustomer = CustomerTicketsPage(store: store)
        let ticket = TicketPage(store: store)
        pages.get("/tickets") { request, context in try await queue.show(request, context) }
        pages.get("/tickets/:id") { request, context in try await ticket.show(request, context) }
        pages.post("/tickets/:id") { request, context in try await ticket.update(request, context) }
        pages.post("/tickets/:id/action") { request, context in try await ticket.act(request, context) }
        pages.post("/tickets/:id/expansion-signal") { request, context in try await ticket.raiseSignal(request, context) }
        pages.get("/customers/:id/tickets") { request, context in try await ofCustomer.show(request, context) }
        pages.post("/customers/:id/tickets") { request, context in try await ofCustomer.create(request, context) }
        let problems = ProblemsPage(store: store)
        pages.post("/problems/:id/customers") { request, context in try await problems.affect(request, context, remove: false) }
        pages.post("/problems/:id/customers/remove") { request, context in try await problems.affect(request, context, remove: true) }
    }
}
