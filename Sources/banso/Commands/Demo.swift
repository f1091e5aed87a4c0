import API
import Demo
import ArgumentParser
import Database
import Foundation
import Store

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the demo organisation (Japanese and English) and print its owner token and members' sign-in.",
        discussion: "For a local machine: every demo member has the same password. `scripts/run` runs this once on a new database.")

    @Option(help: "Slug of the demo organisation.") var slug = "demo"
    @Option(help: "Build it as of this instant, e.g. 2028-02-29T10:00+09:00 (default: now).") var now: String?

    func validate() throws {
        if let now, Worker.instant(now) == nil {
            throw ValidationError("--now: \"\(now)\" is not an ISO 8601 instant such as 2026-12-01T09:00+09:00")
        }
    }

    func run() async throws {
        let (_, database) = try await Startup.database(label: "banso.demo", poolSize: 2)
        defer { database.close() }
        let result = try await DemoOrganization.create(store: Store(database: database, clock: now.flatMap(Worker.instant).map(AppClock.fixed) ?? .live), slug: slug)
        let encoder = APIJSON.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}
