import Hummingbird
import Settings
import Store

/// Calendar subscriptions: managing one's feeds (signed in) and fetching a feed by its secret URL (public).
extension APIRoutes {
    static func calendarFeedRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        [CalendarFeedController(store: services.store, publicURL: services.configuration.publicURL)]
    }

    static func publicCalendarFeeds(_ services: AppServices) -> [any RouteCollection<AppRequestContext>] {
        [CalendarFeedFetchController(store: services.store, publicURL: services.configuration.publicURL)]
    }
}
