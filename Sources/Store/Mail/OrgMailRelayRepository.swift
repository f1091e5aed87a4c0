public import Database
public import Foundation

/// An org's own SMTP relay, used instead of the deployment's.
public enum OrgMailRelayRepository {
    public struct Relay: Sendable {
        /// Holds the credentials; never shown back through the API.
        public var smtpURL: String
        public var fromAddress: String?
        public var fromName: String?
        public var updatedAt: Date
    }

    public static func get(_ tx: TenantTransaction) async throws -> Relay? {
        try await tx.query(
            "SELECT smtp_url, from_address, from_name, updated_at FROM org_mail_relay WHERE org_id = \(tx.org)"
        ).first.map { row in
            var r = RowReader(row)
            return Relay(smtpURL: try r.next(), fromAddress: try r.next(), fromName: try r.next(), updatedAt: try r.next())
        }
    }

    public static func set(
        _ tx: TenantTransaction, smtpURL: String, fromAddress: String?, fromName: String?, by member: UUID
    ) async throws -> Relay {
        try await tx.execute(
            """
            INSERT INTO org_mail_relay (org_id, smtp_url, from_address, from_name, updated_by)
            VALUES (\(tx.org), \(smtpURL), \(fromAddress), \(fromName), \(member))
            ON CONFLICT (org_id) DO UPDATE SET smtp_url = excluded.smtp_url, from_address = excluded.from_address,
                from_name = excluded.from_name, updated_by = excluded.updated_by, updated_at = banso_now()
            """)
        return try await get(tx)!
    }

    public static func delete(_ tx: TenantTransaction) async throws -> Bool {
        try await tx.execute("DELETE FROM org_mail_relay WHERE org_id = \(tx.org)") == 1
    }
}
