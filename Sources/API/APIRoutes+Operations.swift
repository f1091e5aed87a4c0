import Hummingbird
import Settings
import Scheduler
import Store

/// Running the organisation: notifications and their preferences, schedules, the mail relay, webhooks and the
/// job queue's administration.
extension APIRoutes {
    static func operationsRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store
        let egress = services.configuration.egress
        let secrets = services.secrets
        return [
            NotificationController(store: store), NotificationPreferenceController(store: store), ScheduleController(store: store),
            OrgMailRelayController(store: store, egress: egress, secrets: secrets),
            WebhookController(store: store, egress: egress, secrets: secrets), AdminJobsController(store: store),
        ]
    }

}
