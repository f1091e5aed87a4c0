public import Database
public import Domain
public import Foundation

public enum MemberRepository {
    static let conflicts = ["member_org_id_email_key": ("email", "a member with this e-mail exists in the organisation")]
    static let columns: SQLQuery = """
        m.id, m.email::text, m.display_name, m.locale, m.time_zone, m.active,
        coalesce((SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_membership tm
                  WHERE tm.org_id = m.org_id AND tm.member_id = m.id), '{}'),
        m.created_at, m.updated_at, m.version
        """

    static func decode(_ row: Row) throws -> Member {
        let (id, email, name, locale, timeZone, active, teams, created, updated, version) = try row.decode(
            (UUID, String, String, String?, String?, Bool, [UUID], Date, Date, Int).self)
        return Member(
            id: id, email: email, displayName: name, locale: locale.flatMap(Organization.Locale.init(rawValue:)),
            timeZone: timeZone, active: active, teamIDs: teams, createdAt: created, updatedAt: updated, version: version)
    }

    public static func insert(
        _ tx: TenantTransaction, id: UUID, email: String, displayName: String, locale: Organization.Locale?,
        timeZone: String?, passwordHash: String?
    ) async throws -> Member {
        do {
            try await tx.execute(
                """
                INSERT INTO member (org_id, id, email, display_name, locale, time_zone, password_hash)
                VALUES (\(tx.org), \(id), \(email), \(displayName), \(locale?.rawValue), \(timeZone), \(passwordHash))
                """)
        } catch { throw DomainError.from(error, conflicts: conflicts) }
        return try await get(tx, id: id)!
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Member? {
        try await tx.query("SELECT \(columns) FROM member m WHERE m.org_id = \(tx.org) AND m.id = \(id)").first.map(decode)
    }

    /// Members, optionally only those in a team or in any team of a company, that `reach` (of `directory.read`)
    /// sees as `Members.covers` judges one: with an org-wide reach, in a team it reaches, or the reader themself.
    public static func list(
        _ tx: TenantTransaction, companyID: UUID?, teamID: UUID?, visibleTo reach: Reach, after cursor: UUID?, limit: Int
    ) async throws -> Page<Member> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM member m
            WHERE m.org_id = \(tx.org)
              AND (\(teamID)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM team_membership tm WHERE tm.org_id = m.org_id AND tm.member_id = m.id AND tm.team_id = \(teamID)))
              AND (\(companyID)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM team_membership tm JOIN team t ON t.org_id = tm.org_id AND t.id = tm.team_id
                    WHERE tm.org_id = m.org_id AND tm.member_id = m.id AND t.company_id = \(companyID)))
              AND (\(reach.everywhere) OR m.id = \(reach.memberID) OR EXISTS (
                    SELECT 1 FROM team_membership tm
                    WHERE tm.org_id = m.org_id AND tm.member_id = m.id AND tm.team_id = ANY(\(reach.teams))))
            \(Keyset(after: cursor, limit: limit).clause("m.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    public static func update(
        _ tx: TenantTransaction, id: UUID, displayName: String, locale: Organization.Locale?, timeZone: String?,
        active: Bool, expectedVersion: Int?
    ) async throws -> Member? {
        let updated = try await tx.execute(
            """
            UPDATE member SET display_name = \(displayName), locale = \(locale?.rawValue), time_zone = \(timeZone),
                active = \(active), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id) AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion))
            """)
        guard updated == 1 else { return nil }
        return try await get(tx, id: id)
    }

    public static func addToTeam(_ tx: TenantTransaction, member: UUID, team: UUID) async throws -> Bool {
        do {
            return try await tx.execute(
                """
                INSERT INTO team_membership (org_id, team_id, member_id) VALUES (\(tx.org), \(team), \(member))
                ON CONFLICT DO NOTHING
                """) == 1
        } catch { throw DomainError.from(error) }
    }

    public static func removeFromTeam(_ tx: TenantTransaction, member: UUID, team: UUID) async throws -> Bool {
        try await tx.execute(
            "DELETE FROM team_membership WHERE org_id = \(tx.org) AND team_id = \(team) AND member_id = \(member)") == 1
    }

    /// Whether a member with this e-mail (compared case-insensitively) exists in the org.
    public static func exists(_ tx: TenantTransaction, email: String) async throws -> Bool {
        try await tx.query("SELECT 1 FROM member WHERE org_id = \(tx.org) AND email = \(email)").first != nil
    }

    /// For sign-in, inside a tenant transaction: the member's id, password hash and whether they are active.
    public static func credentials(_ tx: TenantTransaction, email: String) async throws
        -> (id: UUID, passwordHash: String?, active: Bool)?
    {
        guard let row = try await tx.query(
            "SELECT id, password_hash, active FROM member WHERE org_id = \(tx.org) AND email = \(email)"
        ).first else { return nil }
        let (id, hash, active) = try row.decode((UUID, String?, Bool).self)
        return (id, hash, active)
    }

    /// A member's password hash (nil: they have none yet, e.g. invited and not accepted).
    public static func passwordHash(_ tx: TenantTransaction, id: UUID) async throws -> String?? {
        guard let row = try await tx.query("SELECT password_hash FROM member WHERE org_id = \(tx.org) AND id = \(id)").first
        else { return nil }
        return .some(try row.decode(String?.self))
    }

    public static func setPassword(_ tx: TenantTransaction, id: UUID, hash: String) async throws {
        try await tx.execute(
            "UPDATE member SET password_hash = \(hash), updated_at = banso_now() WHERE org_id = \(tx.org) AND id = \(id)")
    }
}

extension MemberRepository {
    /// Every member's display name, for reports that print people.
    public static func displayNames(_ tx: TenantTransaction) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for row in try await tx.query("SELECT id, display_name FROM member WHERE org_id = \(tx.org)") {
            let (id, name) = try row.decode((UUID, String).self)
            names[id] = name
        }
        return names
    }
}
