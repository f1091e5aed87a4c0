import API
import Credentials
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Scheduler
import Store
import TestSupport
import Testing

/// Webhook URLs and secrets and org relays' passwords are sealed at rest with the deployment key, shown in full
/// once, masked after, and survive a key rotation.
@Suite struct SecretsAtRestTests {
    @Test func sealedAtRestMaskedAfterAndRotated() async throws {
        try await withTenants { client, a, _, services in
            let url = "https://8.8.8.8/services/T0001/B0002/slacksecretpath"
            let created = try await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body(["url": url, "event_types": ["*"]]))
            #expect(created.body["url"] as? String == url, "shown in full once")
            let secret = try #require(created.body["secret"] as? String)
            let listed = try await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items.first
            #expect(listed?["url"] as? String == "https://8.8.8.8/…", "masked after")
            try await check(await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken, json: body([
                "smtp_url": "smtps://cs-mailer:relay%40password@8.8.8.8:465"])).status == .ok)
            let relay = try await client.call(.get, "/v1/org/mail-relay", token: a.ownerToken).body
            #expect(relay["username"] as? String == "cs-mailer")
            #expect(!"\(relay)".contains("relay@password") && !"\(relay)".contains("relay%40password"))

            // In the database: sealed, with the key's id; no plaintext anywhere in the rows.
            func rows() async throws -> [String] {
                try await services.store.system { tx in
                    try await tx.query("SELECT url || ' ' || secret FROM webhook_endpoint UNION ALL SELECT smtp_url FROM org_mail_relay")
                        .decodeColumn(String.self)
                }
            }
            let stored = try await rows()
            #expect(stored.count == 2)
            for row in stored {
                #expect(row.hasPrefix("enc:v1:test:"), "\(row)")
                #expect(!row.contains("slacksecretpath") && !row.contains(secret) && !row.contains("password"))
            }
            // The audit log holds no secret either.
            let audit = try await client.call(.get, "/v1/audit", token: a.ownerToken).body.items
            #expect(!"\(audit)".contains("slacksecretpath") && !"\(audit)".contains(secret) && !"\(audit)".contains("password@"))

            // Rotation: a new current key, the old one kept for reading, everything re-sealed once.
            let next = SecretBox(current: try SecretBox.Key(id: "k2", bytes: Array(repeating: 9, count: 32)), previous: [TestSecrets.box.current])
            let outcome = try await SecretRotation.rotate(services.store, box: next)
            #expect(outcome == .init(resealed: 3, stored: 3))
            #expect(try await SecretRotation.rotate(services.store, box: next) == .init(resealed: 0, stored: 3), "idempotent")
            let rotated = try await rows()
            #expect(rotated.allSatisfy { $0.hasPrefix("enc:v1:k2:") })
            // The new key alone opens them.
            let alone = SecretBox(current: next.current)
            let values = try await services.store.system { tx in try await SealedSecretRepository.all(tx) }
            let opened = try values.map { value -> String in
                switch value.column {
                case .webhookURL: try alone.open(value.stored, for: .webhookURL)
                case .webhookSecret: try alone.open(value.stored, for: .webhookSecret)
                case .relayURL: try alone.open(value.stored, for: .relayURL)
                }
            }
            #expect(Set(opened) == [url, secret, "smtps://cs-mailer:relay%40password@8.8.8.8:465"])
        }
    }
}
