import Hummingbird
import Settings
import Store

/// Contracts, monthly revenue, GRR and NRR, NPS responses and renewals.
extension APIRoutes {
    static func revenueRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store
        return [
            ContractController(store: store), RevenueController(store: store), RetentionController(store: store),
            NPSController(store: store), RenewalController(store: store), BoundMetricController(store: store),
        ]
    }
}
