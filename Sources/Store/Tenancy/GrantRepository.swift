public import Database
public import Domain
public import Foundation

/// A stored grant with its id and who made it.
public struct GrantRecord: Sendable, Equatable {
    public var id: UUID
    public var memberID: UUID
    public var grant: Grant
    public var grantedBy: UUID?
    public var createdAt: Date
}

public enum GrantRepository {
    static let columns: SQLQuery = "id, member_id, role, scope_type, scope_id, granted_by, created_at"

    static func decode(_ row: Row) throws -> GrantRecord {
        let (id, member, role, kind, scopeID, by, created) = try row.decode(
            (UUID, UUID, Role, String, UUID?, UUID?, Date).self)
        return GrantRecord(
            id: id, memberID: member, grant: Grant(role: role, scope: try Scope(kind: kind, id: scopeID)),
            grantedBy: by, createdAt: created)
    }

    public static func insert(_ tx: TenantTransaction, id: UUID, member: UUID, grant: Grant, by: UUID?) async throws
        -> GrantRecord
    {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id, granted_by)
                VALUES (\(tx.org), \(id), \(member), \(grant.role.rawValue), \(grant.scope.kind), \(grant.scope.id), \(by))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: ["role_grant_unique_idx": ("role", "the member already holds this role here")])
        }
    }

    public static func forMember(_ tx: TenantTransaction, member: UUID) async throws -> [GrantRecord] {
        try await tx.query("SELECT \(columns) FROM role_grant WHERE org_id = \(tx.org) AND member_id = \(member) ORDER BY id")
            .map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> GrantRecord? {
        try await tx.query("SELECT \(columns) FROM role_grant WHERE org_id = \(tx.org) AND id = \(id)").first.map(decode)
    }

    /// The grants `reach` (of `directory.read`) sees, as `Grants.canSee` judges one: in its scope, or the reader's own.
    public static func list(_ tx: TenantTransaction, member: UUID?, visibleTo reach: Reach, after cursor: UUID?, limit: Int)
        async throws -> Page<GrantRecord>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM role_grant
            WHERE org_id = \(tx.org) AND (\(member)::uuid IS NULL OR member_id = \(member))
              AND (member_id = \(reach.memberID) OR \(reach.condition(scopeType: "scope_type", scopeID: "scope_id")))
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    public static func delete(_ tx: TenantTransaction, id: UUID) async throws -> Bool {
        try await tx.execute("DELETE FROM role_grant WHERE org_id = \(tx.org) AND id = \(id)") == 1
    }

    /// How many owners the org has left (the last one cannot be removed).
    /// Active members holding `owner` over the whole org: who must never drop to none, and who hears of changes
    /// only owners may make.
    /// The active org-wide owners with the language each reads in (their own, else the org's), in one statement.
    public static func activeOrgOwnerReaders(_ tx: TenantTransaction) async throws -> [(member: UUID, locale: Organization.Locale)] {
        try await tx.query(
            """
            SELECT DISTINCT g.member_id, coalesce(m.locale, o.locale)
            FROM role_grant g JOIN member m ON m.org_id = g.org_id AND m.id = g.member_id JOIN org o ON o.id = g.org_id
            WHERE g.org_id = \(tx.org) AND g.role = 'owner' AND g.scope_type = 'org' AND m.active
            ORDER BY g.member_id
            """
        ).map { row in
            let (member, locale) = try row.decode((UUID, String).self)
            return (member, Organization.Locale(rawValue: locale) ?? .ja)
        }
    }

    public static func activeOrgOwners(_ tx: TenantTransaction) async throws -> [UUID] {
        try await tx.query(
            """
            SELECT DISTINCT g.member_id FROM role_grant g JOIN member m ON m.org_id = g.org_id AND m.id = g.member_id
            WHERE g.org_id = \(tx.org) AND g.role = 'owner' AND g.scope_type = 'org' AND m.active
            ORDER BY g.member_id
            """
        ).decodeColumn(UUID.self)
    }
}
