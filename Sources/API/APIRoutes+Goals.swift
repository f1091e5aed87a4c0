import Hummingbird
import Store

/// Goals, their tree, check-ins, the dashboard, goal settings, the business calendar and transfers of work.
extension APIRoutes {
    static func goalRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        [CheckInController(store: services.store)]
    }

    static var legacyGoalOperations: [OpenAPIOperation] {
        GoalSettingsController.operations + GoalTreeController.operations + GoalController.operations
            + DashboardController.operations + TransferController.operations + CalendarController.operations
    }

    static func registerLegacyGoals(_ services: AppServices, protected: RouterGroup<AppRequestContext>) {
        let store = services.store
        GoalSettingsController(store: store).register(on: protected)
        GoalTreeController(store: store).register(on: protected)
        GoalController(store: store).register(on: protected)
        DashboardController(store: store).register(on: protected)
        TransferController(store: store).register(on: protected)
        CalendarController(store: store).register(on: protected)
    }
}
