import API
import Credentials
import Settings
import Foundation
import Database
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import TestSupport

/// Builds the real application on a fresh test database and runs `body` against its router, with `clock` as "now"
/// (the tests' reference instant unless a test travels elsewhere).
func withApp(
    migrated: Bool = true, clock: AppClock = TestClock.clock, live: Bool = false, configure: (inout AppConfiguration) -> Void = { _ in },
    extensions: [RouteExtension] = [],
    _ body: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void
) async throws {
    try await TestDatabase.with(migrated: migrated) { _, url in
        var configuration = AppConfiguration(databaseURL: url, migrationsDirectory: TestDatabase.migrationsDirectory.path)
        // Tests run side by side: no fixed metrics port (the metrics tests use MetricsListener's router).
        configuration.metricsPort = 0
        configuration.secretBox = TestSecrets.box
        // The whole suite runs at once on two cores: a request about something else must not answer 503 because a
        // connection was slow to come free (SystemRouteTests sets a short timeout to test that answer).
        configuration.poolTimeout = .seconds(60)
        configure(&configuration)
        let app = try await buildApplication(
            configuration: configuration, logger: Logger(label: "test"), clock: clock, extensions: extensions)
        let services = try testServices(configuration, clock: clock)
        // `live`: over a real socket from 127.0.0.1, for what depends on the peer's address.
        try await app.test(live ? .live : .router) { client in
            try await body(client, services)
        }
        services.database.close()
    }
}

/// Services on the same database as the app under test, for setting up and checking state directly.
func testServices(_ configuration: AppConfiguration, clock: AppClock = TestClock.clock) throws -> AppServices {
    AppServices(
        database: Database(configuration: DatabaseConfiguration(url: configuration.databaseURL!, poolSize: 2)),
        migrations: try Migration.load(directory: TestDatabase.migrationsDirectory),
        configuration: configuration, clock: clock)
}
