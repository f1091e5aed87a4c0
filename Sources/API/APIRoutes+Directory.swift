import Hummingbird
import Settings
import Store

/// The caller, the organisation and its directory: companies, teams, members, grants, tokens, audit, positions
/// and accountabilities.
extension APIRoutes {
    static func directoryRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store
        return [
            OrgController(store: store), CompanyController(store: store), TeamController(store: store),
            MemberController(store: store, passwords: services.passwords), GrantController(store: store),
            TokenController(store: store), AuditController(store: store), PositionController(store: store),
            AccountabilityController(store: store), MeController(store: store),
        ]
    }
}
