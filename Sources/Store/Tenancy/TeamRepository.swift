public import Database
public import Domain
public import Foundation

public enum TeamRepository {
    static let conflicts = ["team_org_id_company_id_name_key": ("name", "a team with this name exists in the company")]
    static let columns: SQLQuery = "id, company_id, name, created_at, updated_at, version"

    static func decode(_ row: Row) throws -> Team {
        let (id, company, name, created, updated, version) = try row.decode((UUID, UUID, String, Date, Date, Int).self)
        return Team(id: id, companyID: company, name: name, createdAt: created, updatedAt: updated, version: version)
    }

    public static func insert(_ tx: TenantTransaction, id: UUID, companyID: UUID, name: String) async throws -> Team {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO team (org_id, id, company_id, name) VALUES (\(tx.org), \(id), \(companyID), \(name))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch { throw DomainError.from(error, conflicts: conflicts) }
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Team? {
        try await tx.query("SELECT \(columns) FROM team WHERE org_id = \(tx.org) AND id = \(id)").first.map(decode)
    }

    /// The teams `reach` (of `directory.read`) reaches, as a single read judges one.
    public static func list(_ tx: TenantTransaction, companyID: UUID?, visibleTo reach: Reach, after cursor: UUID?, limit: Int)
        async throws -> Page<Team>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM team
            WHERE org_id = \(tx.org) AND (\(companyID)::uuid IS NULL OR company_id = \(companyID))
              AND \(reach.condition(team: "id", company: "company_id"))
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    public static func rename(_ tx: TenantTransaction, id: UUID, name: String, expectedVersion: Int?) async throws
        -> Team?
    {
        do {
            return try await tx.query(
                """
                UPDATE team SET name = \(name), updated_at = banso_now(), version = version + 1
                WHERE org_id = \(tx.org) AND id = \(id) AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion))
                RETURNING \(columns)
                """
            ).first.map(decode)
        } catch { throw DomainError.from(error, conflicts: conflicts) }
    }

    public static func delete(_ tx: TenantTransaction, id: UUID) async throws -> Bool {
        let (goals, duties) = try await tx.query(
            """
            SELECT (SELECT count(*) FROM goal WHERE org_id = \(tx.org) AND team_id = \(id)),
                   (SELECT count(*) FROM accountability WHERE org_id = \(tx.org) AND team_id = \(id))
            """
        )[0].decode((Int, Int).self)
        guard goals == 0, duties == 0 else {
            throw DomainError(
                .conflict, "the team still has \(goals) goal(s) and \(duties) accountabilit\(duties == 1 ? "y" : "ies"); move them first")
        }
        try await tx.execute("DELETE FROM role_grant WHERE org_id = \(tx.org) AND scope_type = 'team' AND scope_id = \(id)")
        return try await tx.execute("DELETE FROM team WHERE org_id = \(tx.org) AND id = \(id)") == 1
    }

    /// Which company each team belongs to, for permission checks.
    public static func structure(_ tx: TenantTransaction) async throws -> OrgStructure {
        var map: [UUID: UUID] = [:]
        for row in try await tx.query("SELECT id, company_id FROM team WHERE org_id = \(tx.org)") {
            let (team, company) = try row.decode((UUID, UUID).self)
            map[team] = company
        }
        return OrgStructure(companyOfTeam: map)
    }
}
