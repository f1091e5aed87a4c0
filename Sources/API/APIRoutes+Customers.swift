import Hummingbird
import Settings
import Store

/// Customers: the accounts themselves, their contacts, custom fields, phases, owners, merges and erasure.
extension APIRoutes {
    static func customerRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store
        return [
            CustomerController(store: store), ContactController(store: store), CustomerFieldController(store: store),
            SavedViewController(store: store),
        ]
    }
}
