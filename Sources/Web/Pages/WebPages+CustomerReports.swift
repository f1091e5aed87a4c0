import API
import Hummingbird

extension WebPages {
    /// The routes of the customer reports (the renewals calendar, GRR/NRR with its breakdown and trend, ticket metrics, health distribution), behind the session.
    static func registerCustomerReports(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
