import Hummingbird
import Settings
import Store

/// Customers: the accounts themselves, their contacts, custom fields, phases, owners, merges and erasure.
extension APIRoutes {
    static func customerRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        []
    }
}
