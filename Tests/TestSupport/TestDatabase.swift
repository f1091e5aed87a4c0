public import Database
public import Foundation
import Synchronization

/// Databases for tests, on the throwaway cluster that `scripts/test` starts (`BANSO_TEST_DATABASE_URL`).
///
/// Each test gets its own database cloned from a migrated template (`CREATE DATABASE … TEMPLATE …`), so tests run
/// in parallel without seeing each other and without paying for migrations each time.
public enum TestDatabase {
    /// The cluster's admin URL.
    public static var adminURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["BANSO_TEST_DATABASE_URL"], !url.isEmpty else {
                throw TestSupportError(
                    "BANSO_TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts PostgreSQL")
            }
            return url
        }
    }

    /// The repository's `sql/` directory.
    public static var migrationsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sql")
    }

    /// A libpq URL for database `name` on the test cluster.
    public static func url(database name: String) throws -> String {
        var components = URLComponents(string: try adminURL)!
        components.path = "/" + name
        return components.string!
    }

    /// Runs `body` with a fresh database — migrated unless `migrated` is false — and drops it afterwards.
    public static func with<T>(
        migrated: Bool = true, poolSize: Int = 4, _ body: (Database, String) async throws -> T
    ) async throws -> T {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let template = migrated ? try await Template.shared.name() : "template0"
        let admin = Database(configuration: DatabaseConfiguration(url: try adminURL, poolSize: 1))
        try await admin.query("CREATE DATABASE \(identifier: name) TEMPLATE \(identifier: template)")
        let url = try url(database: name)
        // A generous acquire timeout: the whole suite runs at once on two cores, and a test about something else
        // must not fail because a connection was slow to come free (the timeout itself is tested on its own pool).
        let database = Database(configuration: DatabaseConfiguration(url: url, poolSize: poolSize, acquireTimeout: .seconds(60)))
        do {
            let result = try await body(database, url)
            database.close()
            try await drop(name, admin: admin)
            return result
        } catch {
            database.close()
            try? await drop(name, admin: admin)
            throw error
        }
    }

    private static func drop(_ name: String, admin: Database) async throws {
        try await admin.query("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        admin.close()
    }

    /// The migrated template, made once per test process.
    ///
    /// The first caller starts the work and every other caller awaits that same task: an actor method that awaits
    /// inside would let each test of the first wave (hundreds run at once) see "not made yet" and build its own.
    actor Template {
        static let shared = Template()
        private var making: Task<String, any Error>?

        func name() async throws -> String {
            if let making { return try await making.value }
            let task = Task { try await Self.make() }
            making = task
            do {
                return try await task.value
            } catch {
                making = nil  // a later test may try again rather than inherit a transient failure
                throw error
            }
        }

        private static func make() async throws -> String {
            let name = "banso_template_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = Database(configuration: DatabaseConfiguration(url: try TestDatabase.adminURL, poolSize: 1))
            defer { admin.close() }
            try await admin.query("CREATE DATABASE \(identifier: name) TEMPLATE template0")
            let database = Database(configuration: DatabaseConfiguration(url: try TestDatabase.url(database: name), poolSize: 1))
            defer { database.close() }
            try await Migrator(database: database, migrations: try Migration.load(directory: TestDatabase.migrationsDirectory))
                .migrate()
            return name
        }
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
