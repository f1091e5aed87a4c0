public import Database
public import Domain
public import Foundation

/// Goals: the KGI → KSF → KPI tree.
public enum GoalRepository {
    /// Every goal query reads these, joined with the org for its fiscal calendar (`g` is the goal, `o` the org).
    static let columns: SQLQuery = """
        g.id, g.kind, g.parent_id, g.title, g.description, g.owner_id, g.scope_kind, g.company_id, g.team_id, g.period,
        o.fiscal_year_start_month, g.metric, g.unit, g.baseline, g.target, g.direction, g.due_date, g.status, g.cadence,
        g.weight, g.copied_from, g.created_at, g.updated_at, g.version, g.prior_cadence, g.cadence_from, g.bound_metric
        """
    static let columnCount = 27

    static func decode(_ row: Row) throws -> Goal {
        var r = RowReader(row)
        let id: UUID = try r.next(), kind: Goal.Kind = try r.next(), parent: UUID? = try r.next()
        let title: String = try r.next(), description: String? = try r.next(), owner: UUID = try r.next()
        let scope: Goal.ScopeKind = try r.next(), company: UUID? = try r.next(), team: UUID? = try r.next()
        let periodText: String = try r.next(), startMonth: Int = try r.next()
        guard let period = try? FiscalPeriod.parse(periodText, fiscalYearStartMonth: startMonth) else {
            throw DomainError(.invalid, "stored period '\(periodText)' does not parse")
        }
        var goal = Goal(
            id: id, kind: kind, parentID: parent, title: title, description: description, ownerID: owner,
            scopeKind: scope, companyID: company, teamID: team, period: period, metric: try r.next(), unit: try r.next(),
            baseline: try r.next(), target: try r.next(), direction: try r.next(), dueDate: try r.next(),
            status: try r.next(), cadence: try r.next(), weight: try r.next(), copiedFromID: try r.next(),
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
        let prior: Cadence? = try r.next(), from: LocalDate? = try r.next()
        if let prior, let from { goal.cadenceSwitch = CadenceSwitch(prior: prior, from: from) }
        goal.boundMetric = try r.next()
        return goal
    }

    public static func insert(_ tx: TenantTransaction, _ goal: Goal) async throws -> Goal {
        let rows = try await tx.query(
            """
            WITH inserted AS (
                INSERT INTO goal (org_id, id, kind, parent_id, title, description, owner_id, scope_kind, company_id,
                    team_id, period, period_start, period_end, metric, unit, baseline, target, direction, due_date,
                    status, cadence, weight, copied_from, bound_metric)
                VALUES (\(tx.org), \(goal.id), \(goal.kind), \(goal.parentID), \(goal.title), \(goal.description),
                    \(goal.ownerID), \(goal.scopeKind), \(goal.companyID), \(goal.teamID), \(goal.period.description),
                    \(goal.period.start), \(goal.period.end), \(goal.metric), \(goal.unit), \(goal.baseline),
                    \(goal.target), \(goal.direction), \(goal.dueDate), \(goal.status), \(goal.cadence), \(goal.weight),
                    \(goal.copiedFromID), \(goal.boundMetric))
                RETURNING *
            )
            SELECT \(columns) FROM inserted g JOIN org o ON o.id = g.org_id
            """)
        return try decode(rows[0])
    }

    /// The titles of these goals, in one statement (for lists that name their subjects).
    public static func titles(_ tx: TenantTransaction, ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var titles: [UUID: String] = [:]
        for row in try await tx.query("SELECT id, title FROM goal WHERE org_id = \(tx.org) AND id = ANY(\(ids))") {
            let (id, title) = try row.decode((UUID, String).self)
            titles[id] = title
        }
        return titles
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Goal? {
        try await tx.query(
            "SELECT \(columns) FROM goal g JOIN org o ON o.id = g.org_id WHERE g.org_id = \(tx.org) AND g.id = \(id)"
        ).first.map(decode)
    }

    public struct Filter: Sendable {
        public var companyID: UUID?
        public var teamID: UUID?
        public var ownerID: UUID?
        public var parentID: UUID?
        public var kind: Goal.Kind?
        public var status: Goal.Status?
        /// Goals whose period lies inside this one.
        public var within: FiscalPeriod?
        public var includeArchived: Bool

        public init(
            companyID: UUID? = nil, teamID: UUID? = nil, ownerID: UUID? = nil, parentID: UUID? = nil,
            kind: Goal.Kind? = nil, status: Goal.Status? = nil, within: FiscalPeriod? = nil, includeArchived: Bool = false
        ) {
            self.companyID = companyID
            self.teamID = teamID
            self.ownerID = ownerID
            self.parentID = parentID
            self.kind = kind
            self.status = status
            self.within = within
            self.includeArchived = includeArchived
        }
    }

    /// Goals matching `filter` that `reach` (of `goals.read`) sees, as `GoalAccessRules.canRead` judges one: its
    /// owner's, or somewhere within its scope. `nil` is every goal, for work that is not a reader's list.
    public static func list(_ tx: TenantTransaction, filter: Filter, visibleTo reach: Reach?, after cursor: UUID?, limit: Int)
        async throws -> Page<Goal>
    {
        let visible: SQLQuery = reach.map { (reach: Reach) -> SQLQuery in
            "(g.owner_id = \(reach.memberID) OR \(reach.condition(team: "g.team_id", company: "g.company_id", within: true)))"
        } ?? "true"
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM goal g JOIN org o ON o.id = g.org_id
            WHERE g.org_id = \(tx.org)
              AND (\(filter.companyID)::uuid IS NULL OR g.company_id = \(filter.companyID))
              AND (\(filter.teamID)::uuid IS NULL OR g.team_id = \(filter.teamID))
              AND (\(filter.ownerID)::uuid IS NULL OR g.owner_id = \(filter.ownerID))
              AND (\(filter.parentID)::uuid IS NULL OR g.parent_id = \(filter.parentID))
              AND (\(filter.kind)::text IS NULL OR g.kind = \(filter.kind))
              AND (\(filter.status)::text IS NULL OR g.status = \(filter.status))
              AND (\(filter.includeArchived) OR g.status <> 'archived' OR \(filter.status)::text = 'archived')
              AND (\(filter.within?.start)::date IS NULL OR g.period_start >= \(filter.within?.start))
              AND (\(filter.within?.end)::date IS NULL OR g.period_end <= \(filter.within?.end))
              AND \(visible)
            \(Keyset(after: cursor, limit: limit).clause("g.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// Writes the editable fields; `nil` when the version did not match (or the goal is gone).
    public static func update(_ tx: TenantTransaction, _ goal: Goal, expectedVersion: Int?) async throws -> Goal? {
        try await tx.query(
            """
            WITH updated AS (
                UPDATE goal SET kind = \(goal.kind), parent_id = \(goal.parentID), title = \(goal.title),
                    description = \(goal.description), owner_id = \(goal.ownerID), scope_kind = \(goal.scopeKind),
                    company_id = \(goal.companyID), team_id = \(goal.teamID), period = \(goal.period.description),
                    period_start = \(goal.period.start), period_end = \(goal.period.end), metric = \(goal.metric),
                    unit = \(goal.unit), baseline = \(goal.baseline), target = \(goal.target),
                    direction = \(goal.direction), due_date = \(goal.dueDate), status = \(goal.status),
                    cadence = \(goal.cadence), prior_cadence = \(goal.cadenceSwitch?.prior),
                    cadence_from = \(goal.cadenceSwitch?.from), weight = \(goal.weight), bound_metric = \(goal.boundMetric), updated_at = banso_now(), version = version + 1
                WHERE org_id = \(tx.org) AND id = \(goal.id)
                  AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion))
                RETURNING *
            )
            SELECT \(columns) FROM updated g JOIN org o ON o.id = g.org_id
            """
        ).first.map(decode)
    }

    /// The goal's ancestors, nearest first (for SMART "relevant" and for cycle checks when moving).
    public static func ancestors(_ tx: TenantTransaction, of id: UUID) async throws -> [Goal] {
        try await tx.query(
            """
            WITH RECURSIVE up(id, depth) AS (
                SELECT parent_id, 1 FROM goal WHERE org_id = \(tx.org) AND id = \(id) AND parent_id IS NOT NULL
                UNION ALL
                SELECT p.parent_id, up.depth + 1 FROM up JOIN goal p ON p.org_id = \(tx.org) AND p.id = up.id
                WHERE p.parent_id IS NOT NULL AND up.depth < 100
            )
            SELECT \(columns) FROM up JOIN goal g ON g.org_id = \(tx.org) AND g.id = up.id JOIN org o ON o.id = g.org_id
            ORDER BY up.depth
            """
        ).map(decode)
    }

    /// The ids of the goal and everything under it.
    public static func subtreeIDs(_ tx: TenantTransaction, of id: UUID) async throws -> [UUID] {
        try await tx.query("\(descendants(org: tx.org, of: id)) SELECT id FROM down").decodeColumn(UUID.self)
    }

    /// `down(id, depth)`: the goal and every goal under it (depth-capped against a stored loop).
    static func descendants(org: UUID, of id: UUID) -> SQLQuery {
        """
        WITH RECURSIVE down(id, depth) AS (
            SELECT \(id)::uuid, 0
            UNION ALL
            SELECT c.id, down.depth + 1 FROM down JOIN goal c ON c.org_id = \(org) AND c.parent_id = down.id
            WHERE down.depth < 100
        )
        """
    }

    /// The goal and everything under it, parents before children.
    public static func subtree(_ tx: TenantTransaction, of id: UUID) async throws -> [Goal] {
        try await tx.query(
            """
            \(descendants(org: tx.org, of: id))
            SELECT \(columns) FROM down JOIN goal g ON g.org_id = \(tx.org) AND g.id = down.id JOIN org o ON o.id = g.org_id
            ORDER BY down.depth, g.id
            """
        ).map(decode)
    }

    /// Archives the goal and its whole subtree; returns the ids archived.
    public static func archiveSubtree(_ tx: TenantTransaction, of id: UUID) async throws -> [UUID] {
        let ids = try await subtreeIDs(tx, of: id)
        return try await tx.query(
            """
            UPDATE goal SET status = 'archived', archived_at = banso_now(), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = ANY(\(ids)) AND status <> 'archived'
            RETURNING id
            """
        ).decodeColumn(UUID.self)
    }

    /// Titles of the live KPIs directly under a goal.
    public static func measuringKPITitles(_ tx: TenantTransaction, of id: UUID) async throws -> [String] {
        try await tx.query(
            """
            SELECT title FROM goal WHERE org_id = \(tx.org) AND parent_id = \(id) AND kind = 'kpi' AND status <> 'archived'
            ORDER BY id
            """
        ).decodeColumn(String.self)
    }

    /// The best actual reported on the same metric in the same company by goals of earlier periods: the highest
    /// for an upward goal, the lowest for a downward one.
    public static func bestPastActual(_ tx: TenantTransaction, goal: Goal) async throws -> Double? {
        guard let metric = goal.metric else { return nil }
        return try await tx.query(
            """
            SELECT CASE WHEN \(goal.direction.rawValue)::text = 'up' THEN max(c.actual) ELSE min(c.actual) END
            FROM goal g JOIN check_in c ON c.org_id = g.org_id AND c.goal_id = g.id
            WHERE g.org_id = \(tx.org) AND lower(g.metric) = lower(\(metric)) AND g.id <> \(goal.id)
              AND g.company_id IS NOT DISTINCT FROM \(goal.companyID)
              AND g.period_end < \(goal.period.start) AND c.state IN ('submitted', 'reviewed') AND c.actual IS NOT NULL
            """
        ).scalar(Double?.self) ?? nil
    }

    /// Gives every live goal of `from` to `to`; returns the ids moved.
    public static func transferOwnership(_ tx: TenantTransaction, from: UUID, to: UUID) async throws -> [UUID] {
        try await tx.query(
            """
            UPDATE goal SET owner_id = \(to), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND owner_id = \(from) AND status = 'active'
            RETURNING id
            """
        ).decodeColumn(UUID.self)
    }
}

extension GoalRepository {
    /// Live goals of a cadence whose period holds the whole of [`start`, `end`]: the goals that report that stretch —
    /// with the cadence in force for it (`Goal.reports(on:)`): the new one from a switch's day, the prior one before.
    public static func reporting(_ tx: TenantTransaction, cadence: Cadence, start: LocalDate, end: LocalDate) async throws -> [Goal] {
        try await tx.query(
            """
            SELECT \(columns) FROM goal g JOIN org o ON o.id = g.org_id
            WHERE g.org_id = \(tx.org) AND g.status = 'active'
              AND ((g.cadence = \(cadence) AND (g.cadence_from IS NULL OR \(end) >= g.cadence_from))
                   OR (g.prior_cadence = \(cadence) AND \(end) < g.cadence_from))
              AND g.period_start <= \(start) AND g.period_end >= \(end)
            ORDER BY g.id
            """
        ).map(decode)
    }
}
