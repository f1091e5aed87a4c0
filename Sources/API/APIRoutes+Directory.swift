import Hummingbird
import Store

/// The caller, the organisation and its directory: companies, teams, members, grants, tokens, audit, positions
/// and accountabilities.
extension APIRoutes {
    static func directoryRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] { [] }

    static var legacyDirectoryOperations: [OpenAPIOperation] {
        MeController.operations + OrgController.operations + CompanyController.operations + TeamController.operations
            + MemberController.operations + GrantController.operations + TokenController.operations + AuditController.operations
            + PositionController.operations + AccountabilityController.operations
    }

    static func registerLegacyDirectory(_ services: AppServices, protected: RouterGroup<AppRequestContext>) {
        let store = services.store
        MeController(store: store).register(on: protected)
        OrgController(store: store).register(on: protected)
        CompanyController(store: store).register(on: protected)
        TeamController(store: store).register(on: protected)
        MemberController(store: store, passwords: services.passwords).register(on: protected)
        GrantController(store: store).register(on: protected)
        TokenController(store: store).register(on: protected)
        AuditController(store: store).register(on: protected)
        PositionController(store: store).register(on: protected)
        AccountabilityController(store: store).register(on: protected)
    }
}
