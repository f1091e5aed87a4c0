import API
import Settings
import ArgumentParser
import Database
import Foundation

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending migrations from sql/ in order, each in its own transaction.",
        discussion: """
            An advisory lock keeps two instances from migrating at once. An applied migration whose file was edited \
            is refused: put the change in a new migration.

            \(SettingsHelp.text)
            """)

    @Flag(help: "Only report applied, pending and changed migrations; change nothing.")
    var status = false

    @Option(help: "The schema owner's libpq URL (default: BANSO_MIGRATION_DATABASE_URL, else BANSO_DATABASE_URL).")
    var databaseURL: String?

    func run() async throws {
        let configuration = try await Startup.configuration()
        let logger = Startup.logger(configuration, label: "banso.migrate")
        guard let url = databaseURL ?? configuration.migrationDatabaseURL ?? configuration.databaseURL else {
            throw ValidationFailure("a database URL is needed: --database-url, BANSO_MIGRATION_DATABASE_URL or BANSO_DATABASE_URL")
        }
        let database = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1), logger: logger)
        defer { database.close() }
        let migrator = Migrator(
            database: database, migrations: try Migration.load(directory: try configuration.resolvedMigrationsDirectory()))
        if status {
            let report = try await migrator.status()
            print("applied: \(report.applied.map(String.init).joined(separator: ", "))")
            print("pending: \(report.pending.joined(separator: ", "))")
            print("changed: \(report.changed.joined(separator: ", "))")
            if !report.changed.isEmpty { throw ExitCode(3) }
            return
        }
        do {
            let applied = try await migrator.migrate()
            print(applied.isEmpty ? "migrations: up to date" : "migrations applied: \(applied.joined(separator: ", "))")
        } catch let error as DatabaseError {
            throw ValidationFailure(error.code == .server ? error.debugDescription : error.message)
        }
    }
}
