import API
import Hummingbird

extension WebPages {
    /// The routes of the customer's records beyond the page: contacts, merge and restore, the org's custom fields, behind the session.
    static func registerCustomerRecords(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
