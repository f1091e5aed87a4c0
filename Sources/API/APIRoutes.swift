import Database
import Foundation
import Hummingbird
import Scheduler
import Store

/// Every controller, mounted in one place: the public routes on the router itself, the rest in the protected
/// group behind the authentication step, whose ``AuthenticatedContext`` carries the caller. The OpenAPI document
/// is built from what is mounted here.
public struct APIRoutes {
    let services: AppServices
    let publicCollections: [any RouteCollection<AppRequestContext>]
    let protectedCollections: [any RouteCollection<AuthenticatedContext>]

    init(services: AppServices) {
        self.services = services
        let store = services.store
        publicCollections = Self.publicAccess(services)
        protectedCollections = Self.accessRoutes(services) + Self.directoryRoutes(services) + Self.goalRoutes(services)
            + Self.operationsRoutes(services)
    }

    /// Every documented operation; `/openapi.json` is built from it and a test holds it equal to the router's.
    public var operations: [OpenAPIOperation] {
        publicCollections.flatMap { $0.routes.map(\.operation) } + protectedCollections.flatMap { $0.routes.map(\.operation) }
            + Self.legacyOperations
    }

    /// The document as the server describes itself, for tests and tools that have no running server.
    public static var operations: [OpenAPIOperation] {
        let configuration = AppConfiguration(databaseURL: "postgres://unused@127.0.0.1:1/none")
        let services = AppServices(
            database: Database(configuration: DatabaseConfiguration(url: configuration.databaseURL!)), migrations: [],
            configuration: configuration, clock: .live)
        return APIRoutes(services: services).operations
    }

    /// Controllers not yet declared as route collections.
    static var legacyOperations: [OpenAPIOperation] {
        SystemController.operations + legacyAccessOperations + legacyDirectoryOperations + legacyGoalOperations
            + legacyOperationsOperations
    }

    func register(on router: Router<AppRequestContext>) {
        for collection in publicCollections { router.add(collection) }
        let services = self.services
        let store = services.store
        let protected = router.group().add(
            middleware: AuthMiddleware(
                store: store,
                publicPaths: AuthController.publicPaths.union(InvitationController.publicPaths)
                    .union(PasswordResetController.publicPaths),
                sessionIdle: Double(services.configuration.sessionIdle)))
        let authenticated = protected.group(context: AuthenticatedContext.self)
        for collection in protectedCollections { authenticated.add(collection) }

        SystemController(services: services, operations: operations).register(on: router)
        Self.registerLegacyAccess(services, router: router, protected: protected)
        Self.registerLegacyDirectory(services, protected: protected)
        Self.registerLegacyGoals(services, protected: protected)
        Self.registerLegacyOperations(services, protected: protected)
    }
}
