import API
import Settings
import Foundation
import Logging
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsAreSafe() async throws {
        let configuration = try await AppConfiguration.load(environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.databaseURL == nil)
        #expect(throws: ConfigurationError.self) { try configuration.requireDatabaseURL() }
    }

    @Test func environmentIsRead() async throws {
        let configuration = try await AppConfiguration.load(environment: [
            "BANSO_DATABASE_URL": "postgres://banso@db:5432/banso", "BANSO_PORT": "9090", "BANSO_HOST": "0.0.0.0",
            "BANSO_LOG_LEVEL": "DEBUG", "BANSO_DB_POOL_SIZE": "25", "BANSO_MIGRATE_ON_START": "true",
            "BANSO_MAX_BODY_BYTES": "4096", "BANSO_LOG_FORMAT": "json",
        ])
        #expect(configuration.databaseURL == "postgres://banso@db:5432/banso")
        #expect(configuration.port == 9090)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.poolSize == 25)
        #expect(configuration.migrateOnStart)
        #expect(configuration.maxBodyBytes == 4096)
        #expect(configuration.logFormat == .json)
    }

    @Test func everyBadValueIsReportedByName() async throws {
        do {
            _ = try await AppConfiguration.load(environment: [
                "BANSO_PORT": "80a", "BANSO_LOG_LEVEL": "loud", "BANSO_DB_POOL_SIZE": "0", "BANSO_MIGRATE_ON_START": "maybe",
                "BANSO_DATABASE_URL": "mysql://x",
            ])
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            let text = error.description
            for name in ["BANSO_PORT", "BANSO_LOG_LEVEL", "BANSO_DB_POOL_SIZE", "BANSO_MIGRATE_ON_START", "BANSO_DATABASE_URL"] {
                #expect(text.contains(name), "\(name) not reported in: \(text)")
            }
        }
    }

    @Test func fileSuppliesValuesAndEnvironmentWins() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("banso-\(UUID().uuidString).json")
        try Data(#"{"database": {"url": "postgres://file@h/db"}, "port": 7070, "host": "10.0.0.1"}"#.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let configuration = try await AppConfiguration.load(environment: [
            "BANSO_CONFIG_FILE": path.path, "BANSO_HOST": "127.0.0.2",
        ])
        #expect(configuration.databaseURL == "postgres://file@h/db")
        #expect(configuration.port == 7070)
        #expect(configuration.host == "127.0.0.2")
    }

    @Test func unreadableFileIsAnError() async throws {
        await #expect(throws: ConfigurationError.self) {
            _ = try await AppConfiguration.load(environment: ["BANSO_CONFIG_FILE": "/nonexistent/banso.json"])
        }
    }
}
