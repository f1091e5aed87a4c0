public import Database
public import Hummingbird
import HTTPTypes
public import Logging
import Mail
import Foundation
public import Settings
public import Credentials
public import Domain
public import Store
public import Scheduler
import ServiceLifecycle

/// What the routes need, made once at start.
public struct AppServices: Sendable {
    public let database: Database
    public let migrations: [Migration]
    public let configuration: AppConfiguration
    /// The one source of "now" for every route (and, through ``store``, for SQL).
    public let clock: AppClock
    /// One bound on bcrypt work for the whole server.
    public let passwords = PasswordWork()

    public init(database: Database, migrations: [Migration], configuration: AppConfiguration, clock: AppClock) {
        self.database = database
        self.migrations = migrations
        self.configuration = configuration
        self.clock = clock
    }

    /// The key that seals tenants' secrets. The OpenAPI document is built without one; nothing is sealed or
    /// opened there.
    public var secrets: SecretBox { configuration.secretBox ?? SecretBox.unavailable }

    /// The store on this database and clock.
    public var store: Store { Store(database: database, clock: clock) }
}

/// Wires the whole server. `banso serve` and the tests both call this: one path to a running app. `clock` is where
/// every decision about time gets its instant: the wall clock unless a test says what "now" is.
public func buildApplication(
    configuration: AppConfiguration, logger: Logger, clock: AppClock, extensions: [RouteExtension] = []
) async throws -> some ApplicationProtocol {
    _ = AppMetrics.registry
    _ = try configuration.requireSecretBox()
    let database = Database(
        configuration: DatabaseConfiguration(
            url: try configuration.requireDatabaseURL(), poolSize: configuration.poolSize,
            acquireTimeout: configuration.poolTimeout),
        logger: logger)
    let migrations = try Migration.load(directory: try configuration.resolvedMigrationsDirectory())
    if configuration.migrateOnStart {
        // With the owner's URL when one is given: the server's own role owns nothing and cannot change the schema.
        let owner = configuration.migrationDatabaseURL.map { Database(configuration: DatabaseConfiguration(url: $0, poolSize: 1), logger: logger) }
        defer { owner?.close() }
        let applied = try await Migrator(database: owner ?? database, migrations: migrations).migrate()
        logger.info("migrations applied at start", metadata: ["applied": "\(applied)"])
    }
    let services = AppServices(database: database, migrations: migrations, configuration: configuration, clock: clock)
    var background: [any Service] = [database]
    if configuration.metricsPort != 0 {
        var metricsLogger = logger
        metricsLogger[metadataKey: "role"] = "metrics"
        background.append(QueueFiguresRefresher(store: services.store, database: database, logger: metricsLogger))
        background.append(
            MetricsListener.application(
                host: configuration.metricsHost, port: configuration.metricsPort, token: configuration.metricsToken, logger: metricsLogger))
    }
    if configuration.worker {
        background.append(try await makeWorker(database: database, configuration: configuration, logger: logger, clock: clock))
    }
    return Application(
        router: buildRouter(services, extensions: extensions),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "banso"),
        services: background,
        logger: logger)
}

/// Routes an adapter beside the JSON API adds to the same router (the web pages): handed the router after the
/// API's middleware and routes are in place.
public typealias RouteExtension = @Sendable (Router<AppRequestContext>, AppServices) -> Void

/// The router with every middleware and controller, and the `extensions`' routes.
public func buildRouter(_ services: AppServices, extensions: [RouteExtension] = []) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: CrossOriginProtectionMiddleware(publicURL: services.configuration.publicURL))
    router.add(middleware: BodyLimitMiddleware(limit: services.configuration.maxBodyBytes))
    router.add(middleware: NULCharacterMiddleware())
    APIRoutes(services: services).register(on: router)
    for extend in extensions { extend(router, services) }
    return router
}
