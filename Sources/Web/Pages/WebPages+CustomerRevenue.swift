import API
import Hummingbird

extension WebPages {
    /// The routes of a customer's contracts, monthly revenue and NPS responses, behind the session.
    static func registerCustomerRevenue(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
