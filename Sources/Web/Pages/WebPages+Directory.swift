import API
import Hummingbird

extension WebPages {
    /// The directory pages (companies, teams, members and roles, invitations, API tokens), behind the session.
    static func registerDirectory(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
