import Hummingbird
import Scheduler
import Store

/// Running the organisation: notifications and their preferences, schedules, the mail relay, webhooks and the
/// job queue's administration.
extension APIRoutes {
    static func operationsRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] { [] }

    static var legacyOperationsOperations: [OpenAPIOperation] {
        NotificationController.operations + NotificationPreferenceController.operations + ScheduleController.operations
            + OrgMailRelayController.operations + WebhookController.operations + AdminJobsController.operations
    }

    static func registerLegacyOperations(_ services: AppServices, protected: RouterGroup<AppRequestContext>) {
        let store = services.store
        let secrets = services.secrets
        NotificationController(store: store).register(on: protected)
        NotificationPreferenceController(store: store).register(on: protected)
        ScheduleController(store: store).register(on: protected)
        OrgMailRelayController(store: store, egress: services.configuration.egress, secrets: secrets).register(on: protected)
        WebhookController(store: store, egress: services.configuration.egress, secrets: secrets).register(on: protected)
        AdminJobsController(store: store).register(on: protected)
    }
}
