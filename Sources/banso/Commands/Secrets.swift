import API
import Settings
import Credentials
import ArgumentParser
import Database
import Foundation
import Scheduler
import Store

struct Secrets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The deployment's key for secrets stored at rest (BANSO_SECRET_KEY).",
        subcommands: [GenerateKey.self, Rotate.self])

    struct GenerateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-key",
            abstract: "Print a new key, <id>:<base64 of 32 random bytes>, for BANSO_SECRET_KEY.",
            discussion: """
                To rotate: put the new key in BANSO_SECRET_KEY and the old one in BANSO_SECRET_KEYS_PREVIOUS, restart, \
                run `banso secrets rotate`, then drop the old key.
                """)

        @Option(help: "The key's id, stored beside every value it seals.") var id = "k" + String(UInt32.random(in: .min ... .max), radix: 16)

        func run() throws {
            print(SecretBox.Key.generate(id: id))
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal every stored secret with the current key (values from before sealing are sealed too).",
            discussion: "Idempotent; prints how many values were re-sealed. Needs every older key in BANSO_SECRET_KEYS_PREVIOUS.")

        func run() async throws {
            let (configuration, database) = try await Startup.database(label: "banso.secrets", poolSize: 2)
            defer { database.close() }
            let box = try configuration.requireSecretBox()
            let outcome = try await SecretRotation.rotate(Store(database: database, clock: .live), box: box)
            print(#"{"resealed":\#(outcome.resealed),"stored":\#(outcome.stored),"key":"\#(box.current.id)"}"#)
        }
    }
}
