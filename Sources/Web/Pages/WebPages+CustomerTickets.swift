import API
import Hummingbird

extension WebPages {
    /// The routes of support tickets: the queue, a customer's tickets, a ticket's page, behind the session.
    static func registerCustomerTickets(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
