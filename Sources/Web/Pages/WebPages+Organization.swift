import API
import Hummingbird

extension WebPages {
    /// The organization pages (positions, the org chart, transfers, notification preferences), behind the session.
    static func registerOrganization(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
