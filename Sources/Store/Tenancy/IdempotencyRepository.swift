public import Database
public import Foundation

/// Stored answers to creates that carried an `Idempotency-Key`.
public enum IdempotencyRepository {
    public struct Stored: Sendable {
        public var requestHash: [UInt8]
        public var status: Int
        public var body: [UInt8]
    }

    /// Serialises requests that share a key until the transaction ends.
    public static func lock(_ tx: TenantTransaction, member: UUID, key: String) async throws {
        try await tx.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\(tx.org.uuidString + member.uuidString + key), 0))")
    }

    public static func find(_ tx: TenantTransaction, member: UUID, key: String) async throws -> Stored? {
        guard let row = try await tx.query(
            """
            SELECT request_hash, status, body FROM idempotency_key
            WHERE org_id = \(tx.org) AND member_id = \(member) AND key = \(key) AND created_at > banso_now() - interval '24 hours'
            """
        ).first else { return nil }
        let (hash, status, body) = try row.decode(([UInt8], Int, [UInt8]).self)
        return Stored(requestHash: hash, status: status, body: body)
    }

    public static func store(
        _ tx: TenantTransaction, member: UUID, key: String, requestHash: [UInt8], status: Int, body: [UInt8]
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO idempotency_key (org_id, member_id, key, request_hash, status, body)
            VALUES (\(tx.org), \(member), \(key), \(requestHash), \(status), \(body))
            ON CONFLICT (org_id, member_id, key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status, body = EXCLUDED.body, created_at = banso_now()
            """)
    }
}
