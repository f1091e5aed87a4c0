import Hummingbird
import Settings
import Store

/// Success programs: templates, enrolments, goal sheets and their agreements, sessions, hour budgets and CSM capacity, presentations and results.
extension APIRoutes {
    static func programRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store
        return [
            ProgramTemplateController(store: store), EnrolmentController(store: store),
            GoalSheetController(store: store, publicURL: services.configuration.publicURL), ProgramSessionController(store: store),
            CSMCapacityController(store: store), ProgramReportController(store: store),
        ]
    }
}
