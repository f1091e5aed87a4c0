import API
import Settings
import ArgumentParser
import Database
import Hummingbird
import Logging
import Store
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP API server until SIGTERM or SIGINT (in-flight requests finish first).",
        discussion: SettingsHelp.text)

    func run() async throws {
        let configuration = try await Startup.configuration()
        let logger = Startup.logger(configuration, label: "banso.serve")
        let app = try await buildApplication(
            configuration: configuration, logger: logger, clock: .live, extensions: [WebPages.register])
        logger.info(
            "serving", metadata: ["url": "http://\(configuration.host):\(configuration.port)", "version": "\(BansoVersion.current)"])
        // Requests are mostly statements: run them on the database's I/O threads, where each answer resumes its
        // request without a thread hop (connection tasks inherit the preference).
        try await withTaskExecutorPreference(Database.ioExecutor) { try await app.runService() }
    }
}
