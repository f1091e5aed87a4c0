import Hummingbird
import Settings
import Store

/// Contracts, monthly revenue, GRR and NRR, NPS responses and renewals.
extension APIRoutes {
    static func revenueRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        []
    }
}
