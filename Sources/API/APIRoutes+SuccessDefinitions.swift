import Hummingbird
import Settings
import Store

/// Success definitions (light/deep) with their measures, a customer's success status, and the attainment report.
extension APIRoutes {
    static func successDefinitionRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        [
            SuccessDefinitionController(store: services.store), CustomerSuccessController(store: services.store),
            SuccessReportController(store: services.store),
        ]
    }
}
