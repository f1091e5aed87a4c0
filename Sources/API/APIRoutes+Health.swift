import Hummingbird
import Settings
import Store

/// Health models and their versions, scores with their reasons, grade distribution and the back-test.
extension APIRoutes {
    static func healthRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        [HealthModelController(store: services.store), HealthController(store: services.store)]
    }
}
