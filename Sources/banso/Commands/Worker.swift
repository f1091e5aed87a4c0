import API
import Settings
import ArgumentParser
import Database
import Foundation
import Logging
import Scheduler
import Store
import ServiceLifecycle
import UnixSignals

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the job worker and the schedule ticker until SIGTERM or SIGINT (running jobs finish first).",
        discussion: """
            With --once, process everything due (schedules and jobs) and exit; --now runs that pass as of another \
            instant — operators use it to catch up after an outage, tests to travel in time. \
            \(SettingsHelp.text)
            """)

    @Flag(help: "Process everything due now, then exit.") var once = false
    @Option(help: "With --once: the instant to act as of, e.g. 2026-12-01T09:00+09:00 (default: now).")
    var now: String?
    @Option(help: ArgumentHelp(
        "Run continuously with a clock that starts at this instant and moves on with real time (tests, rehearsals).",
        visibility: .hidden))
    var clockStart: String?

    func validate() throws {
        if now != nil && !once { throw ValidationError("--now needs --once") }
        if clockStart != nil && once { throw ValidationError("--clock-start is for a continuous worker; --once takes --now") }
        if let clockStart, Self.instant(clockStart) == nil {
            throw ValidationError("--clock-start: \"\(clockStart)\" is not an ISO 8601 instant such as 2026-12-01T09:00+09:00")
        }
        if let now, Self.instant(now) == nil {
            throw ValidationError("--now: \"\(now)\" is not an ISO 8601 instant such as 2026-12-01T09:00+09:00")
        }
    }

    func run() async throws {
        let configuration = try await Startup.configuration()
        let logger = Startup.logger(configuration, label: "banso.worker")
        let database = Database(
            configuration: DatabaseConfiguration(url: try configuration.requireDatabaseURL(), poolSize: configuration.poolSize),
            logger: logger)
        // One clock for the whole run: the wall clock, or the instant of a catch-up run.
        let clock = now.flatMap(Self.instant).map(AppClock.fixed) ?? clockStart.flatMap(Self.instant).map(AppClock.running(from:)) ?? .live
        let worker = try await makeWorker(database: database, configuration: configuration, logger: logger, clock: clock)
        if once {
            defer { database.close() }
            let processed = try await worker.runOnce(now: now.flatMap(Self.instant))
            print("processed \(processed) job(s)")
            return
        }
        logger.info("worker running", metadata: ["version": "\(BansoVersion.current)"])
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: database), .init(service: worker)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// `2026-12-01T09:00+09:00`, with or without seconds, or a `Z` instant.
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        // Minutes only: add the seconds the formatter wants.
        guard let t = text.firstIndex(of: "T") else { return nil }
        let time = text[text.index(after: t)...]
        let zoneStart = time.firstIndex { $0 == "+" || $0 == "-" || $0 == "Z" } ?? time.endIndex
        guard time[time.startIndex..<zoneStart].count == 5 else { return nil }
        return formatter.date(from: String(text[..<zoneStart]) + ":00" + String(text[zoneStart...]))
    }
}
