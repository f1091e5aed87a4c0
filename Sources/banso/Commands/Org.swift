import API
import UseCases
import ArgumentParser
import Database
import Foundation
import Store
import Domain

struct Org: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage organisations (tenants).", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an organisation and its owner; prints JSON with the org id, slug, owner id and an API token.",
            discussion: """
                The owner's password (at least 10 characters) comes from BANSO_OWNER_PASSWORD or, when that is unset, the \
                first line of standard input — never the command line, where every user of the machine can read it \
                (ps, shell history). The token is shown once. Names may be in any script; a slug is generated when none \
                is given.
                """)

        @Option(help: "The organisation's name, e.g. \"伴走株式会社\".") var name: String
        @Option(help: "URL-safe sign-in name (3–63 of a–z, 0–9, -); generated when omitted.") var slug: String?
        @Option(help: "The owner's e-mail address.") var ownerEmail: String
        @Option(help: "The owner's display name.") var ownerName: String?
        @Option(help: "IANA time zone.") var timeZone = "Asia/Tokyo"
        @Option(help: "Month the fiscal year starts (1–12).") var fiscalYearStart = 4
        @Option(help: "Default language: ja or en.") var locale = "ja"

        /// BANSO_OWNER_PASSWORD, else the first line of standard input.
        static func ownerPassword() throws -> String {
            if let password = ProcessInfo.processInfo.environment["BANSO_OWNER_PASSWORD"], !password.isEmpty { return password }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("the owner's password: set BANSO_OWNER_PASSWORD or give it on standard input")
            }
            return line
        }

        func run() async throws {
            let ownerPassword = try Self.ownerPassword()
            let (_, database) = try await Startup.database(label: "banso.org", poolSize: 2)
            defer { database.close() }
            guard let locale = Domain.Organization.Locale(rawValue: locale) else {
                throw ValidationError("--locale is ja or en")
            }
            do {
                let created = try await OrgProvisioning.create(
                    .init(
                        name: name, slug: slug, ownerEmail: ownerEmail, ownerPassword: ownerPassword, ownerName: ownerName,
                        timeZone: timeZone, fiscalYearStartMonth: fiscalYearStart, locale: locale),
                    store: Store(database: database, clock: .live))
                print(String(decoding: try APIJSON.encoder.encode(created), as: UTF8.self))
            } catch let error as DomainError {
                throw ValidationFailure("\(error.field.map { "--\($0.replacingOccurrences(of: "_", with: "-")): " } ?? "")\(error.message)")
            }
        }
    }
}
