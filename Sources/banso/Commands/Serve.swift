import API
import Settings
import ArgumentParser
import Hummingbird
import Logging
import Store

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP API server until SIGTERM or SIGINT (in-flight requests finish first).",
        discussion: SettingsHelp.text)

    func run() async throws {
        let configuration = try await Startup.configuration()
        let logger = Startup.logger(configuration, label: "banso.serve")
        let app = try await buildApplication(configuration: configuration, logger: logger, clock: .live)
        logger.info(
            "serving", metadata: ["url": "http://\(configuration.host):\(configuration.port)", "version": "\(BansoVersion.current)"])
        try await app.runService()
    }
}
