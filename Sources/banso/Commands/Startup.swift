import API
import Settings
import Database
import ArgumentParser
import Foundation
import Logging

/// What every command does first: read the configuration (refusing to start on a bad value) and set up logging.
enum Startup {
    static func configuration() async throws -> AppConfiguration {
        do {
            return try await AppConfiguration.load()
        } catch let error as ConfigurationError {
            throw ValidationFailure(error.description)
        }
    }

    /// Configuration, logging and a small pool: what the one-shot commands (migrate, org, demo) need.
    static func database(label: String, poolSize: Int) async throws -> (AppConfiguration, Database) {
        let configuration = try await configuration()
        let logger = logger(configuration, label: label)
        let database = Database(
            configuration: DatabaseConfiguration(url: try configuration.requireDatabaseURL(), poolSize: poolSize),
            logger: logger)
        return (configuration, database)
    }

    static func logger(_ configuration: AppConfiguration, label: String) -> Logger {
        let level = configuration.logLevel
        let format = configuration.logFormat
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = StderrLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

/// A startup failure with a message for a person; exits 1 without a stack trace.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
