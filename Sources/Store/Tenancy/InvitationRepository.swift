public import Database
public import Domain
public import Foundation

/// An invitation to join a team with a role, as stored (never its token, only the token's SHA-256).
public struct InvitationRecord: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var displayName: String?
    public var teamID: UUID?
    public var role: Role
    public var invitedBy: UUID
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var acceptedMemberID: UUID?
    public var revokedAt: Date?
    /// Neither accepted nor revoked, and not expired — by the database's clock when it was read.
    public var pending: Bool
}

/// Where a live invitation token points, found by system work before the org is known.
public struct InvitationTarget: Sendable, Equatable {
    public var orgID: UUID
    public var id: UUID
}

/// Invitations: a manager invites an e-mail into a team with a role; the invitee accepts through a link that
/// carries a random token, stored here only as SHA-256.
public enum InvitationRepository {
    static let columns: SQLQuery = """
        id, email::text, display_name, team_id, role, invited_by, created_at, expires_at, accepted_at,
        accepted_member_id, revoked_at, (accepted_at IS NULL AND revoked_at IS NULL AND expires_at > banso_now())
        """

    static func decode(_ row: Row) throws -> InvitationRecord {
        let (id, email, name, team, role, by, created, expires, accepted, acceptedMember, revoked, pending) = try row.decode(
            (UUID, String, String?, UUID?, Role, UUID, Date, Date, Date?, UUID?, Date?, Bool).self)
        return InvitationRecord(
            id: id, email: email, displayName: name, teamID: team, role: role, invitedBy: by, createdAt: created,
            expiresAt: expires, acceptedAt: accepted, acceptedMemberID: acceptedMember, revokedAt: revoked,
            pending: pending)
    }

    public static func insert(
        _ tx: TenantTransaction, id: UUID, email: String, displayName: String?, teamID: UUID, role: Role,
        tokenHash: [UInt8], invitedBy: UUID, expiresAt: Date
    ) async throws -> InvitationRecord {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO invitation (org_id, id, email, display_name, team_id, role, token_hash, invited_by, expires_at)
                VALUES (\(tx.org), \(id), \(email), \(displayName), \(teamID), \(role.rawValue), \(tokenHash), \(invitedBy), \(expiresAt))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch { throw DomainError.from(error) }
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> InvitationRecord? {
        try await tx.query("SELECT \(columns) FROM invitation WHERE org_id = \(tx.org) AND id = \(id)").first.map(decode)
    }

    /// Reads and locks an invitation until the transaction ends, so two acceptances of one link cannot both pass.
    public static func lock(_ tx: TenantTransaction, id: UUID) async throws -> InvitationRecord? {
        try await tx.query("SELECT \(columns) FROM invitation WHERE org_id = \(tx.org) AND id = \(id) FOR UPDATE").first
            .map(decode)
    }

    /// Pending invitations (neither accepted, revoked nor expired), optionally only one team's, in id order, that
    /// `reach` (of `members.manage`) reaches where they lead: their team, or the org for one whose team is gone.
    public static func listPending(_ tx: TenantTransaction, teamID: UUID?, visibleTo reach: Reach, after cursor: UUID?, limit: Int)
        async throws -> Page<InvitationRecord>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM invitation
            WHERE org_id = \(tx.org) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > banso_now()
              AND (\(teamID)::uuid IS NULL OR team_id = \(teamID))
              AND \(reach.condition(team: "team_id", company: "NULL::uuid"))
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// Revokes a pending invitation; false when it was already accepted or revoked.
    public static func revoke(_ tx: TenantTransaction, id: UUID, by: UUID) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE invitation SET revoked_at = banso_now(), revoked_by = \(by)
            WHERE org_id = \(tx.org) AND id = \(id) AND accepted_at IS NULL AND revoked_at IS NULL
            """) == 1
    }

    /// Marks a pending invitation accepted by the member it created; false when it is no longer pending.
    public static func markAccepted(_ tx: TenantTransaction, id: UUID, member: UUID) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE invitation SET accepted_at = banso_now(), accepted_member_id = \(member)
            WHERE org_id = \(tx.org) AND id = \(id) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > banso_now()
            """) == 1
    }

    /// Inside system work: the org and id of a pending invitation, from its token's hash. Nothing else.
    public static func resolve(_ tx: some QueryRunner, tokenHash: [UInt8]) async throws -> InvitationTarget? {
        guard let row = try await tx.query(
            """
            SELECT org_id, id FROM invitation
            WHERE token_hash = \(tokenHash) AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > banso_now()
            """
        ).first else { return nil }
        let (org, id) = try row.decode((UUID, UUID).self)
        return InvitationTarget(orgID: org, id: id)
    }
}
