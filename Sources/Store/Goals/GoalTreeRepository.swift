public import Database
public import Domain
public import Foundation

/// The goal tree of a period with each node's latest reported figures, in one statement (no query per node).
public enum GoalTreeRepository {
    public struct Node: Sendable {
        public var goal: Goal
        /// From the newest submitted or reviewed check-in.
        public var lastActual: Double?
        public var lastConfidence: CheckIn.Confidence?
        public var lastReportedPeriod: String?
        /// The newest check-in whatever its state.
        public var latestPeriod: String?
        public var latestState: CheckIn.State?
        public var latestLate: Bool?
        public var latestDueOn: LocalDate?
    }

    /// Live goals whose period lies inside `period`; with a company, that company's goals and the org-wide ones
    /// above them.
    public static func tree(_ tx: TenantTransaction, period: FiscalPeriod, companyID: UUID?) async throws -> [Node] {
        let rows = try await tx.query(
            """
            SELECT \(GoalRepository.columns),
                r.actual, r.confidence, r.period, l.period, l.state, l.late, l.due_on
            FROM goal g
            JOIN org o ON o.id = g.org_id
            LEFT JOIN LATERAL (
                SELECT c.actual, c.confidence, c.period FROM check_in c
                WHERE c.org_id = g.org_id AND c.goal_id = g.id AND c.state IN ('submitted', 'reviewed')
                ORDER BY c.period_start DESC LIMIT 1
            ) r ON true
            LEFT JOIN LATERAL (
                SELECT c.period, c.state, c.late, c.due_on FROM check_in c
                WHERE c.org_id = g.org_id AND c.goal_id = g.id
                ORDER BY c.period_start DESC LIMIT 1
            ) l ON true
            WHERE g.org_id = \(tx.org) AND g.status <> 'archived'
              AND g.period_start >= \(period.start) AND g.period_end <= \(period.end)
              AND (\(companyID)::uuid IS NULL OR g.company_id = \(companyID) OR g.company_id IS NULL)
            ORDER BY g.id
            """)
        return try rows.map { row in
            let base = GoalRepository.columnCount
            return Node(
                goal: try GoalRepository.decode(row), lastActual: try row.decode(at: base),
                lastConfidence: try row.decode(at: base + 1), lastReportedPeriod: try row.decode(at: base + 2),
                latestPeriod: try row.decode(at: base + 3), latestState: try row.decode(at: base + 4),
                latestLate: try row.decode(at: base + 5), latestDueOn: try row.decode(at: base + 6))
        }
    }
}
