public import Database
public import Domain
public import Foundation

/// Positions and charters (責任分掌), who holds them, and the reporting line.
public enum PositionRepository {
    static let columns: SQLQuery = """
        p.id, p.name, p.scope_type, p.scope_id, p.reports_to, p.responsibilities, p.authority,
        coalesce((SELECT array_agg(pg.goal_id ORDER BY pg.goal_id) FROM position_goal pg
                  WHERE pg.org_id = p.org_id AND pg.position_id = p.id), '{}'),
        p.created_at, p.updated_at, p.version
        """

    static func decode(_ row: Row) throws -> Position {
        var r = RowReader(row)
        let id: UUID = try r.next(), name: String = try r.next(), kind: String = try r.next(), scopeID: UUID? = try r.next()
        return Position(
            id: id, name: name, scope: try Scope(kind: kind, id: scopeID), reportsToID: try r.next(),
            responsibilities: try r.next(), authority: try r.next(), goalIDs: try r.next(), createdAt: try r.next(),
            updatedAt: try r.next(), version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ p: Position) async throws -> Position {
        try await tx.execute(
            """
            INSERT INTO position (org_id, id, name, scope_type, scope_id, reports_to, responsibilities, authority)
            VALUES (\(tx.org), \(p.id), \(p.name), \(p.scope.kind), \(p.scope.id), \(p.reportsToID), \(p.responsibilities),
                \(p.authority))
            """)
        try await setGoals(tx, position: p.id, goals: p.goalIDs)
        return try await get(tx, id: p.id)!
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Position? {
        try await tx.query("SELECT \(columns) FROM position p WHERE p.org_id = \(tx.org) AND p.id = \(id)").first.map(decode)
    }

    /// The positions `reach` (of `goals.read`) sees somewhere within their scope, as a single read judges one.
    public static func list(_ tx: TenantTransaction, visibleTo reach: Reach, after cursor: UUID?, limit: Int) async throws
        -> Page<Position>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM position p
            WHERE p.org_id = \(tx.org)
              AND \(reach.condition(scopeType: "p.scope_type", scopeID: "p.scope_id", within: true))
            \(Keyset(after: cursor, limit: limit).clause("p.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    public static func update(_ tx: TenantTransaction, _ p: Position, expectedVersion: Int?) async throws -> Position? {
        let changed = try await tx.execute(
            """
            UPDATE position SET name = \(p.name), scope_type = \(p.scope.kind), scope_id = \(p.scope.id),
                reports_to = \(p.reportsToID), responsibilities = \(p.responsibilities), authority = \(p.authority),
                updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(p.id) AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion))
            """)
        guard changed == 1 else { return nil }
        try await setGoals(tx, position: p.id, goals: p.goalIDs)
        return try await get(tx, id: p.id)
    }

    static func setGoals(_ tx: TenantTransaction, position: UUID, goals: [UUID]) async throws {
        try await tx.execute(
            "DELETE FROM position_goal WHERE org_id = \(tx.org) AND position_id = \(position) AND NOT (goal_id = ANY(\(goals)))")
        try await tx.execute(
            """
            INSERT INTO position_goal (org_id, position_id, goal_id)
            SELECT \(tx.org), \(position), g FROM unnest(\(goals)) AS g ON CONFLICT DO NOTHING
            """)
    }

    /// The line upwards from `id`, itself first, following `reports_to` (depth-capped against any stored loop).
    public static func chainIDs(_ tx: TenantTransaction, from id: UUID) async throws -> [UUID] {
        try await tx.query(
            """
            WITH RECURSIVE up(id, depth) AS (
                SELECT \(id)::uuid, 0
                UNION ALL
                SELECT p.reports_to, up.depth + 1 FROM up JOIN position p ON p.org_id = \(tx.org) AND p.id = up.id
                WHERE p.reports_to IS NOT NULL AND up.depth < 64
            )
            SELECT id FROM up ORDER BY depth
            """
        ).decodeColumn(UUID.self)
    }

    /// The positions of a chain with their holders on `day`, in chain order.
    public static func chain(_ tx: TenantTransaction, from id: UUID, on day: LocalDate) async throws
        -> [(position: Position, holders: [UUID])]
    {
        let ids = try await chainIDs(tx, from: id)
        let rows = try await tx.query(
            """
            SELECT \(columns),
                coalesce((SELECT array_agg(h.member_id ORDER BY h.is_primary DESC, h.start_date, h.id)
                          FROM position_holder h JOIN member m ON m.org_id = h.org_id AND m.id = h.member_id
                          WHERE h.org_id = p.org_id AND h.position_id = p.id AND m.active
                            AND h.start_date <= \(day) AND (h.end_date IS NULL OR h.end_date >= \(day))), '{}'),
                array_position(\(ids), p.id) AS ord
            FROM position p WHERE p.org_id = \(tx.org) AND p.id = ANY(\(ids))
            ORDER BY ord
            """)
        return try rows.map { row in (try decode(row), try row.decode([UUID].self, at: 11)) }
    }

    public static func holdings(_ tx: TenantTransaction, position: UUID) async throws -> [PositionHolding] {
        try await tx.query(
            """
            SELECT id, position_id, member_id, is_primary, start_date, end_date FROM position_holder
            WHERE org_id = \(tx.org) AND position_id = \(position) ORDER BY start_date, id
            """
        ).map(decodeHolding)
    }

    static func decodeHolding(_ row: Row) throws -> PositionHolding {
        let (id, position, member, primary, start, end) = try row.decode((UUID, UUID, UUID, Bool, LocalDate, LocalDate?).self)
        return PositionHolding(id: id, positionID: position, memberID: member, primary: primary, startDate: start, endDate: end)
    }

    public static func addHolding(_ tx: TenantTransaction, _ h: PositionHolding) async throws -> PositionHolding {
        if h.primary {
            // One primary position per member at a time: a new primary demotes the others that overlap.
            try await tx.execute(
                """
                UPDATE position_holder SET is_primary = false
                WHERE org_id = \(tx.org) AND member_id = \(h.memberID) AND is_primary
                  AND (end_date IS NULL OR end_date >= \(h.startDate))
                """)
        }
        let rows = try await tx.query(
            """
            INSERT INTO position_holder (org_id, id, position_id, member_id, is_primary, start_date, end_date)
            VALUES (\(tx.org), \(h.id), \(h.positionID), \(h.memberID), \(h.primary), \(h.startDate), \(h.endDate))
            RETURNING id, position_id, member_id, is_primary, start_date, end_date
            """)
        return try decodeHolding(rows[0])
    }

    /// Ends a holding on `day` (kept as history); `nil` if there is no such holding.
    public static func endHolding(_ tx: TenantTransaction, position: UUID, id: UUID, on day: LocalDate) async throws
        -> PositionHolding?
    {
        try await tx.query(
            """
            UPDATE position_holder SET end_date = greatest(start_date, \(day))
            WHERE org_id = \(tx.org) AND position_id = \(position) AND id = \(id)
            RETURNING id, position_id, member_id, is_primary, start_date, end_date
            """
        ).first.map(decodeHolding)
    }

    /// The member's primary position on `day` (else any current one).
    public static func primaryPosition(_ tx: TenantTransaction, member: UUID, on day: LocalDate) async throws -> UUID? {
        try await tx.query(
            """
            SELECT position_id FROM position_holder
            WHERE org_id = \(tx.org) AND member_id = \(member) AND start_date <= \(day)
              AND (end_date IS NULL OR end_date >= \(day))
            ORDER BY is_primary DESC, start_date DESC LIMIT 1
            """
        ).scalar(UUID.self)
    }
}

extension PositionRepository {
    /// A manager of the team, else of the company, else an owner or admin of the org — not `excluding` — the
    /// longest-standing grant first, so the choice is stable.
    public static func manager(_ tx: TenantTransaction, teamID: UUID?, companyID: UUID?, excluding: UUID) async throws
        -> UUID?
    {
        try await tx.query(
            """
            SELECT g.member_id FROM role_grant g JOIN member m ON m.org_id = g.org_id AND m.id = g.member_id
            WHERE g.org_id = \(tx.org) AND m.active AND g.member_id <> \(excluding)
              AND ((g.role = 'manager' AND g.scope_type = 'team' AND g.scope_id = \(teamID))
                OR (g.role = 'manager' AND g.scope_type = 'company' AND g.scope_id = \(companyID))
                OR (g.role IN ('owner', 'admin') AND g.scope_type = 'org'))
            ORDER BY CASE WHEN g.scope_type = 'team' THEN 0 WHEN g.scope_type = 'company' THEN 1
                          WHEN g.role = 'admin' THEN 2 ELSE 3 END, g.created_at, g.id
            LIMIT 1
            """
        ).scalar(UUID.self)
    }
}
