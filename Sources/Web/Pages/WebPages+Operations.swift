import API
import Hummingbird

extension WebPages {
    /// The operations pages (webhooks, schedules, closure days, goal settings, notification cap, mail relay, audit log, jobs), behind the session.
    static func registerOperations(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
