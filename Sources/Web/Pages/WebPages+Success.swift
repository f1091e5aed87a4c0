import API
import Hummingbird

extension WebPages {
    /// The routes of the pages of success definitions, a customer's success status and the attainment report.
    static func registerSuccess(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
