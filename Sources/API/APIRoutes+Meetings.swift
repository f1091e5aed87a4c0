import Hummingbird
import Settings
import Store

/// Meeting bodies, their occurrences, agendas, minutes, decisions and action items.
extension APIRoutes {
    static func meetingRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        [MeetingBodyController(store: services.store), MeetingController(store: services.store, publicURL: services.configuration.publicURL)]
    }
}
