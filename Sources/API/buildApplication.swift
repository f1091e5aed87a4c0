public import Database
public import Hummingbird
import HTTPTypes
public import Logging
import Mail
import Foundation
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
    let passwords = PasswordWork()

    public init(database: Database, migrations: [Migration], configuration: AppConfiguration, clock: AppClock) {
        self.database = database
        self.migrations = migrations
        self.configuration = configuration
        self.clock = clock
    }

    /// The key that seals tenants' secrets. The OpenAPI document is built without one; nothing is sealed or
    /// opened there.
    var secrets: SecretBox { configuration.secretBox ?? SecretBox.unavailable }

    /// The store on this database and clock.
    public var store: Store { Store(database: database, clock: clock) }
}

/// Wires the whole server. `banso serve` and the tests both call this: one path to a running app. `clock` is where
/// every decision about time gets its instant: the wall clock unless a test says what "now" is.
public func buildApplication(configuration: AppConfiguration, logger: Logger, clock: AppClock) async throws
    -> some ApplicationProtocol
{
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
        router: buildRouter(services),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "banso"),
        services: background,
        logger: logger)
}

/// The job worker with every built-in handler, after giving each org its built-in schedules. `banso worker` and
/// `banso serve` with `BANSO_WORKER=1` both use it.
public func makeWorker(database: Database, configuration: AppConfiguration, logger: Logger, clock: AppClock) async throws -> JobWorker {
    let store = Store(database: database, clock: clock)
    try await BuiltInSchedules.ensure(store)
    var worker = logger
    worker[metadataKey: "role"] = "worker"
    return JobWorker(
        store: store, database: database,
        queues: [
            QueueConfiguration(name: "default", concurrency: configuration.workerConcurrency),
            // Outbound traffic that tenants drive: no org may hold every slot (a quarter each, at least one).
            QueueConfiguration(name: "webhooks", concurrency: configuration.workerConcurrency, perOrg: max(1, configuration.workerConcurrency / 4)),
            QueueConfiguration(
                name: MailOutboxRepository.queue, concurrency: configuration.workerConcurrency, perOrg: max(1, configuration.workerConcurrency / 4)),
        ],
        handlers: builtInJobHandlers(egress: configuration.egress, secrets: try configuration.requireSecretBox())
            .merging(PasswordResetRequests.handlers(publicURL: configuration.publicURL)) { a, _ in a }
            .merging(MailDelivery.handlers(try mailSettings(configuration, logger: logger))) { a, _ in a },
        settings: JobWorker.Settings(lease: Double(configuration.jobsLease), pollInterval: Double(configuration.jobsPoll)),
        logger: worker)
}

/// How the deployment sends mail: through the configured relay, or not at all (recorded as skipped).
public func mailSettings(_ configuration: AppConfiguration, logger: Logger) throws -> MailSettings {
    var transport: (any MailTransport)?
    if let smtp = configuration.smtp {
        var mailLogger = logger
        mailLogger[metadataKey: "role"] = "mail"
        transport = try SMTPClient(configuration: smtp, logger: mailLogger)
    }
    return MailSettings(
        from: configuration.mailFrom, publicURL: configuration.publicURL, transport: transport,
        relays: MailRelays(egress: configuration.egress, secrets: try configuration.requireSecretBox()))
}

/// Every job kind Banso itself enqueues, with its handler (mail's and forgotten-password requests' need the
/// deployment's settings and are merged in by `makeWorker`);
/// webhooks connect only where `egress` allows.
public func builtInJobHandlers(egress: EgressPolicy, secrets: SecretBox) -> [String: JobHandler] {
    [CheckInCadence.handlers, CheckInReminders.handlers, NotificationDigests.handlers, ScheduledWorkHandlers.handlers,
     WebhookDelivery.handlers(egress: egress, secrets: secrets)]
        .reduce(into: [:]) { all, handlers in all.merge(handlers) { a, _ in a } }
}

/// The router with every middleware and controller.
public func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: BodyLimitMiddleware(limit: services.configuration.maxBodyBytes))
    router.add(middleware: NULCharacterMiddleware())
    APIRoutes(services: services).register(on: router)
    return router
}
