public import Database
public import Foundation

/// Every stored secret that Banso seals (webhook URLs and signing secrets, org relays' SMTP URLs), across all orgs,
/// for `banso secrets rotate`: platform work, run as declared system work by the operator's CLI.
public enum SealedSecretRepository {
    public enum Column: String, Sendable, CaseIterable {
        case webhookURL = "webhook.url"
        case webhookSecret = "webhook.secret"
        case relayURL = "mail_relay.smtp_url"
    }

    public struct Value: Sendable {
        public var column: Column
        public var orgID: UUID
        /// The webhook endpoint's id; nil for a relay (one per org).
        public var id: UUID?
        public var stored: String
    }

    public static func all(_ tx: some QueryRunner) async throws -> [Value] {
        var values: [Value] = []
        for row in try await tx.query("SELECT org_id, id, url, secret FROM webhook_endpoint ORDER BY org_id, id") {
            let (org, id, url, secret) = try row.decode((UUID, UUID, String, String).self)
            values.append(Value(column: .webhookURL, orgID: org, id: id, stored: url))
            values.append(Value(column: .webhookSecret, orgID: org, id: id, stored: secret))
        }
        for row in try await tx.query("SELECT org_id, smtp_url FROM org_mail_relay ORDER BY org_id") {
            let (org, url) = try row.decode((UUID, String).self)
            values.append(Value(column: .relayURL, orgID: org, id: nil, stored: url))
        }
        return values
    }

    /// Replaces one value, if it is still what was read (a concurrent change wins).
    @discardableResult
    public static func replace(_ tx: some QueryRunner, _ value: Value, with sealed: String) async throws -> Bool {
        switch value.column {
        case .webhookURL:
            try await tx.execute(
                "UPDATE webhook_endpoint SET url = \(sealed) WHERE org_id = \(value.orgID) AND id = \(value.id) AND url = \(value.stored)") == 1
        case .webhookSecret:
            try await tx.execute(
                "UPDATE webhook_endpoint SET secret = \(sealed) WHERE org_id = \(value.orgID) AND id = \(value.id) AND secret = \(value.stored)") == 1
        case .relayURL:
            try await tx.execute(
                "UPDATE org_mail_relay SET smtp_url = \(sealed) WHERE org_id = \(value.orgID) AND smtp_url = \(value.stored)") == 1
        }
    }
}
