import Hummingbird
import Settings
import Store

/// CSV imports (upload, dry run, progress) and exports of customer data.
extension APIRoutes {
    static func importRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        [ImportController(store: services.store)]
    }
}
