import Database
import Foundation
import Settings
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
        let document = OpenAPIDocumentBytes()
        publicCollections = [SystemController(services: services, document: document)] + Self.publicAccess(services)
            + Self.publicCalendarFeeds(services)
        protectedCollections = Self.accessRoutes(services) + Self.directoryRoutes(services) + Self.goalRoutes(services)
            + Self.operationsRoutes(services) + Self.customerRoutes(services) + Self.revenueRoutes(services)
            + Self.supportRoutes(services) + Self.healthRoutes(services) + Self.importRoutes(services)
            + Self.meetingRoutes(services) + Self.calendarFeedRoutes(services) + Self.successRoutes(services)
        document.set(Array((try? APIJSON.encoder.encode(OpenAPIDocument.build(operations: operations))) ?? Data("{}".utf8)))
    }

    /// Every documented operation; `/openapi.json` is built from it and a test holds it equal to the router's.
    public var operations: [OpenAPIOperation] {
        publicCollections.flatMap { $0.routes.map(\.operation) } + protectedCollections.flatMap { $0.routes.map(\.operation) }
    }

    /// The document as the server describes itself, for tests and tools that have no running server.
    public static var operations: [OpenAPIOperation] { APIRoutes(services: placeholderServices).operations }

    /// Each documented request body beside what its input type decodes, for the test that keeps them equal.
    public static var bodyContracts: [(operation: String, documented: JSONValue, decoded: DecodedKeys)] {
        let routes = APIRoutes(services: placeholderServices)
        let inputs = routes.publicCollections.flatMap { $0.routes.map { ($0.operation, $0.input) } }
            + routes.protectedCollections.flatMap { $0.routes.map { ($0.operation, $0.input) } }
        return inputs.compactMap { operation, input in
            guard let input, let body = operation.requestBody else { return nil }
            return (operation.operationID, body, DecodedKeys.of(input))
        }
    }

    /// Services that are never started: enough to list the routes.
    static var placeholderServices: AppServices {
        let configuration = AppConfiguration(databaseURL: "postgres://unused@127.0.0.1:1/none")
        return AppServices(
            database: Database(configuration: DatabaseConfiguration(url: configuration.databaseURL!)), migrations: [],
            configuration: configuration, clock: .live)
    }

    func register(on router: Router<AppRequestContext>) {
        for collection in publicCollections { router.add(collection) }
        let authenticated = router.group()
            .add(middleware: DatabaseAffinityMiddleware())
            .add(middleware: AuthMiddleware(store: services.store, sessionIdle: Double(services.configuration.sessionIdle)))
            .group(context: AuthenticatedContext.self)
        for collection in protectedCollections { authenticated.add(collection) }
    }
}
