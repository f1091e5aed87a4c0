public import Database
public import Domain
public import Foundation

/// The figures a CS manager's monthly meeting looks at, computed in SQL.
public enum DashboardRepository {
    public struct Completion: Sendable {
        public var companyID: UUID?
        public var teamID: UUID?
        public var expected: Int
        public var submitted: Int
        public var reviewed: Int
        public var late: Int

        public init(companyID: UUID?, teamID: UUID?, expected: Int, submitted: Int, reviewed: Int, late: Int) {
            (self.companyID, self.teamID, self.expected, self.submitted, self.reviewed, self.late) =
                (companyID, teamID, expected, submitted, reviewed, late)
        }
    }

    /// Check-in completion for one reporting period (e.g. `2026-11`), per team (goals without a team count under
    /// their company). "Expected" counts live goals that report that period: one check-in row each, opened or not.
    public static func completion(
        _ tx: TenantTransaction, periodStart: LocalDate, periodEnd: LocalDate, companyID: UUID?
    ) async throws -> [Completion] {
        try await tx.query(
            """
            SELECT g.company_id, g.team_id,
                count(*) AS expected,
                count(*) FILTER (WHERE c.state IN ('submitted', 'reviewed')) AS submitted,
                count(*) FILTER (WHERE c.state = 'reviewed') AS reviewed,
                count(*) FILTER (WHERE c.late) AS late
            FROM goal g
            LEFT JOIN check_in c ON c.org_id = g.org_id AND c.goal_id = g.id
                AND c.period_start = \(periodStart) AND c.period_end = \(periodEnd)
            WHERE g.org_id = \(tx.org) AND g.status = 'active' AND g.cadence = 'monthly'
              AND g.period_start <= \(periodStart) AND g.period_end >= \(periodEnd)
              AND (\(companyID)::uuid IS NULL OR g.company_id = \(companyID))
            GROUP BY g.company_id, g.team_id
            ORDER BY g.company_id NULLS FIRST, g.team_id NULLS FIRST
            """
        ).map { row in
            let (company, team, expected, submitted, reviewed, late) = try row.decode((UUID?, UUID?, Int, Int, Int, Int).self)
            return Completion(companyID: company, teamID: team, expected: expected, submitted: submitted, reviewed: reviewed, late: late)
        }
    }

    public struct PendingReviews: Sendable {
        public var reviewerID: UUID?
        public var count: Int
        public var oldestSubmittedAt: Date
        public var overdue: Int
    }

    /// Submitted check-ins waiting for a review, per reviewer; `overdue` counts those past their review day.
    public static func pendingReviews(_ tx: TenantTransaction, today: LocalDate, companyID: UUID?) async throws
        -> [PendingReviews]
    {
        try await tx.query(
            """
            SELECT c.reviewer_id, count(*), min(c.submitted_at), count(*) FILTER (WHERE c.review_by < \(today))
            FROM check_in c JOIN goal g ON g.org_id = c.org_id AND g.id = c.goal_id
            WHERE c.org_id = \(tx.org) AND c.state = 'submitted'
              AND (\(companyID)::uuid IS NULL OR g.company_id = \(companyID))
            GROUP BY c.reviewer_id ORDER BY count(*) DESC, c.reviewer_id
            """
        ).map { row in
            let (reviewer, count, oldest, overdue) = try row.decode((UUID?, Int, Date, Int).self)
            return PendingReviews(reviewerID: reviewer, count: count, oldestSubmittedAt: oldest, overdue: overdue)
        }
    }

    /// Check-ins that say a goal is off track (or at risk), newest report per goal, in a period range.
    public static func offTrack(
        _ tx: TenantTransaction, within period: FiscalPeriod, companyID: UUID?, includeAtRisk: Bool
    ) async throws -> [(goal: Goal, checkIn: CheckIn)] {
        let rows = try await tx.query(
            """
            SELECT \(GoalRepository.columns), \(unsafeSQL: "c.id, c.goal_id, c.period, c.period_start, c.period_end, c.state, c.actual, c.confidence, c.comment, c.blockers, c.opens_on, c.due_on, c.review_by, c.submitted_at, c.late, c.reviewer_id, c.reviewed_at, c.review_decision, c.review_comment, c.created_at, c.updated_at, c.version")
            FROM goal g
            JOIN org o ON o.id = g.org_id
            JOIN LATERAL (
                SELECT * FROM check_in c WHERE c.org_id = g.org_id AND c.goal_id = g.id
                  AND c.state IN ('submitted', 'reviewed')
                ORDER BY c.period_start DESC LIMIT 1
            ) c ON true
            WHERE g.org_id = \(tx.org) AND g.status = 'active'
              AND g.period_start >= \(period.start) AND g.period_end <= \(period.end)
              AND (\(companyID)::uuid IS NULL OR g.company_id = \(companyID))
              AND (c.confidence = 'off_track' OR (\(includeAtRisk) AND c.confidence = 'at_risk'))
            ORDER BY c.confidence DESC, g.id
            """)
        return try rows.map { row in
            (try GoalRepository.decode(row), try CheckInRepository.decode(row, offset: GoalRepository.columnCount))
        }
    }
}
