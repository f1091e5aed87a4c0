import API
import Hummingbird

extension WebPages {
    /// The routes of the customer pages (the list with saved views, a customer's page with its health and why, imports), behind the session.
    static func registerCustomers(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
