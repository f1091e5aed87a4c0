public import Database
import Domain
public import Foundation

/// A password reset as stored (never its token, only the token's SHA-256).
public struct PasswordResetRecord: Sendable, Equatable {
    public var id: UUID
    public var memberID: UUID
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?
    /// Unused, unexpired, and its member active — by the database's clock when it was read.
    public var redeemable: Bool
}

/// Where a live reset token points, found by system work before the org is known.
public struct PasswordResetTarget: Sendable, Equatable {
    public var orgID: UUID
    public var id: UUID
}

/// Single-use password resets: a link with a random token, stored here only as SHA-256, that lets its holder set
/// a member's password once within its lifetime.
public enum PasswordResetRepository {
    static let columns: SQLQuery = """
        r.id, r.member_id, r.created_at, r.expires_at, r.used_at,
        (r.used_at IS NULL AND r.expires_at > banso_now() AND m.active)
        """

    static func decode(_ row: Row) throws -> PasswordResetRecord {
        let (id, member, created, expires, used, redeemable) = try row.decode((UUID, UUID, Date, Date, Date?, Bool).self)
        return PasswordResetRecord(
            id: id, memberID: member, createdAt: created, expiresAt: expires, usedAt: used, redeemable: redeemable)
    }

    public static func insert(
        _ tx: TenantTransaction, id: UUID, member: UUID, tokenHash: [UInt8], expiresAt: Date
    ) async throws -> PasswordResetRecord {
        do {
            try await tx.execute(
                """
                INSERT INTO password_reset (org_id, id, member_id, token_hash, expires_at)
                VALUES (\(tx.org), \(id), \(member), \(tokenHash), \(expiresAt))
                """)
        } catch { throw DomainError.from(error) }
        return try await get(tx, id: id)!
    }

    /// Links issued to a member in the last `seconds`: a bound on what an anonymous request can make us send.
    /// Holds the member's reset issuing until the transaction ends, so side-by-side requests count each other.
    public static func lockIssuing(_ tx: some QueryRunner, member: UUID) async throws {
        try await tx.execute("SELECT pg_advisory_xact_lock(hashtextextended('banso.reset.' || \(member)::text, 0))")
    }

    public static func issuedRecently(_ tx: TenantTransaction, member: UUID, within seconds: Double) async throws -> Int {
        try await tx.query(
            """
            SELECT count(*) FROM password_reset
            WHERE org_id = \(tx.org) AND member_id = \(member) AND created_at > banso_now() - make_interval(secs => \(seconds))
            """
        ).scalar(Int.self) ?? 0
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> PasswordResetRecord? {
        try await tx.query(
            """
            SELECT \(columns) FROM password_reset r JOIN member m ON m.org_id = r.org_id AND m.id = r.member_id
            WHERE r.org_id = \(tx.org) AND r.id = \(id)
            """
        ).first.map(decode)
    }

    /// Reads and locks a reset until the transaction ends, so two redemptions of one link cannot both pass.
    public static func lock(_ tx: TenantTransaction, id: UUID) async throws -> PasswordResetRecord? {
        try await tx.query(
            """
            SELECT \(columns) FROM password_reset r JOIN member m ON m.org_id = r.org_id AND m.id = r.member_id
            WHERE r.org_id = \(tx.org) AND r.id = \(id) FOR UPDATE OF r
            """
        ).first.map(decode)
    }

    /// Marks a reset used; false when it already was (or has expired).
    public static func markUsed(_ tx: TenantTransaction, id: UUID) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE password_reset SET used_at = banso_now()
            WHERE org_id = \(tx.org) AND id = \(id) AND used_at IS NULL AND expires_at > banso_now()
            """) == 1
    }

    /// Inside system work: the org and id of a redeemable reset, from its token's hash. Nothing else.
    public static func resolve(_ tx: some QueryRunner, tokenHash: [UInt8]) async throws -> PasswordResetTarget? {
        guard let row = try await tx.query(
            """
            SELECT r.org_id, r.id FROM password_reset r JOIN member m ON m.org_id = r.org_id AND m.id = r.member_id
            WHERE r.token_hash = \(tokenHash) AND r.used_at IS NULL AND r.expires_at > banso_now() AND m.active
            """
        ).first else { return nil }
        let (org, id) = try row.decode((UUID, UUID).self)
        return PasswordResetTarget(orgID: org, id: id)
    }
}
