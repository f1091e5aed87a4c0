import Hummingbird
import Settings
import Store

/// Support tickets and their metrics, problem records, and the customer timeline with its search.
extension APIRoutes {
    static func supportRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        [
            TicketController(store: services.store), ProblemController(store: services.store),
            TimelineController(store: services.store),
        ]
    }
}
