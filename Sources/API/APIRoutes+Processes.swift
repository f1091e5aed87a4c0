import Hummingbird
import Settings
import Store

/// Standard processes: versions with RACI, adoption per company, customers placed on a process, and the process reports.
extension APIRoutes {
    static func processRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store
        return [
            StandardProcessController(store: store), ProcessAdoptionController(store: store), ProcessPlacementController(store: store),
            ProcessReportController(store: store),
        ]
    }
}
