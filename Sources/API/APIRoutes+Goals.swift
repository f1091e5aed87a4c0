import Hummingbird
import Settings
import Store

/// Goals, their tree, check-ins, the dashboard, goal settings, the business calendar and transfers of work.
extension APIRoutes {
    static func goalRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store
        return [
            GoalSettingsController(store: store), GoalTreeController(store: store), GoalController(store: store),
            CheckInController(store: store), DashboardController(store: store), TransferController(store: store),
            CalendarController(store: store),
        ]
    }

}
