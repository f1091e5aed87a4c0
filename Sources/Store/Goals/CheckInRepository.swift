public import Database
public import Domain
public import Foundation

/// Check-ins (one per goal and period) and their reviews.
public enum CheckInRepository {
    static let columns: SQLQuery = """
        id, goal_id, period, period_start, period_end, state, actual, confidence, comment, blockers, opens_on, due_on,
        review_by, submitted_at, late, reviewer_id, reviewed_at, review_decision, review_comment, created_at,
        updated_at, version
        """

    static func decode(_ row: Row) throws -> CheckIn { try decode(row, offset: 0) }

    static func decode(_ row: Row, offset: Int) throws -> CheckIn {
        var r = RowReader(row, from: offset)
        return CheckIn(
            id: try r.next(), goalID: try r.next(), period: try r.next(), periodStart: try r.next(),
            periodEnd: try r.next(), state: try r.next(), actual: try r.next(), confidence: try r.next(),
            comment: try r.next(), blockers: try r.next(), opensOn: try r.next(), dueOn: try r.next(),
            reviewBy: try r.next(), submittedAt: try r.next(), late: try r.next(), reviewerID: try r.next(),
            reviewedAt: try r.next(), reviewDecision: try r.next(), reviewComment: try r.next(),
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    /// Opens the check-in for (goal, period) unless it exists; either way returns it. Safe to call from the
    /// owner's first write and from the scheduler at once.
    public static func open(
        _ tx: TenantTransaction, goalID: UUID, period: CheckInPeriod, schedule: CheckInSchedule, reviewerID: UUID?
    ) async throws -> (checkIn: CheckIn, created: Bool) {
        let inserted = try await tx.query(
            """
            INSERT INTO check_in (org_id, id, goal_id, period, period_start, period_end, opens_on, due_on, review_by,
                reviewer_id)
            VALUES (\(tx.org), \(UUID.v7()), \(goalID), \(period.description), \(period.start), \(period.end),
                \(schedule.opensOn), \(schedule.dueOn), \(schedule.reviewBy), \(reviewerID))
            ON CONFLICT (org_id, goal_id, period) DO NOTHING
            RETURNING \(columns)
            """)
        if let row = inserted.first { return (try decode(row), true) }
        let existing = try await tx.query(
            """
            SELECT \(columns) FROM check_in WHERE org_id = \(tx.org) AND goal_id = \(goalID) AND period = \(period.description)
            FOR UPDATE
            """)
        return (try decode(existing[0]), false)
    }

    /// Opens the check-ins of many goals for one period in one statement, skipping goals that have one; returns
    /// those it opened. `goals` pairs each goal with its reviewer.
    public static func open(
        _ tx: TenantTransaction, goals: [(goalID: UUID, reviewerID: UUID?)], period: CheckInPeriod, schedule: CheckInSchedule
    ) async throws -> [CheckIn] {
        guard !goals.isEmpty else { return [] }
        return try await tx.query(
            """
            INSERT INTO check_in (org_id, id, goal_id, period, period_start, period_end, opens_on, due_on, review_by,
                reviewer_id)
            SELECT \(tx.org), n.id, n.goal_id, \(period.description), \(period.start), \(period.end), \(schedule.opensOn),
                \(schedule.dueOn), \(schedule.reviewBy), n.reviewer_id
            FROM unnest(\(goals.map { _ in UUID.v7() })::uuid[], \(goals.map(\.goalID))::uuid[], \(goals.map(\.reviewerID))::uuid[])
                AS n(id, goal_id, reviewer_id)
            ON CONFLICT (org_id, goal_id, period) DO NOTHING
            RETURNING \(columns)
            """
        ).map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID, forUpdate: Bool = false) async throws -> CheckIn? {
        try await tx.query(
            "SELECT \(columns) FROM check_in WHERE org_id = \(tx.org) AND id = \(id) \(unsafeSQL: forUpdate ? "FOR UPDATE" : "")"
        ).first.map(decode)
    }

    public static func list(_ tx: TenantTransaction, goalID: UUID) async throws -> [CheckIn] {
        try await tx.query(
            "SELECT \(columns) FROM check_in WHERE org_id = \(tx.org) AND goal_id = \(goalID) ORDER BY period_start"
        ).map(decode)
    }

    /// The owner's values. Only the fields given change.
    public static func record(
        _ tx: TenantTransaction, id: UUID, actual: Double??, confidence: CheckIn.Confidence??, comment: String??,
        blockers: String??, expectedVersion: Int?
    ) async throws -> CheckIn? {
        try await tx.query(
            """
            UPDATE check_in SET
                actual = CASE WHEN \(actual != nil) THEN \(actual ?? nil) ELSE actual END,
                confidence = CASE WHEN \(confidence != nil) THEN \(confidence ?? nil)::text ELSE confidence END,
                comment = CASE WHEN \(comment != nil) THEN \(comment ?? nil)::text ELSE comment END,
                blockers = CASE WHEN \(blockers != nil) THEN \(blockers ?? nil)::text ELSE blockers END,
                updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id) AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion))
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// Marks it submitted now (by the database's clock); `late` is decided by the caller from the org's local day.
    public static func submit(_ tx: TenantTransaction, id: UUID, late: Bool, reviewerID: UUID?) async throws -> CheckIn {
        let rows = try await tx.query(
            """
            UPDATE check_in SET state = 'submitted', submitted_at = banso_now(), late = \(late),
                reviewer_id = coalesce(reviewer_id, \(reviewerID)), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id)
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Records the review answer: accepted → `reviewed`, changes requested → back to `open`; history is kept.
    public static func review(
        _ tx: TenantTransaction, id: UUID, reviewer: UUID, decision: CheckIn.ReviewDecision, comment: String?
    ) async throws -> CheckIn {
        try await tx.execute(
            """
            INSERT INTO check_in_review (org_id, id, check_in_id, reviewer_id, decision, comment)
            VALUES (\(tx.org), \(UUID.v7()), \(id), \(reviewer), \(decision), \(comment))
            """)
        let rows = try await tx.query(
            """
            UPDATE check_in SET state = \(decision == .accept ? "reviewed" : "open")::text, reviewed_at = banso_now(),
                reviewer_id = \(reviewer), review_decision = \(decision), review_comment = \(comment),
                updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id)
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public struct Review: Sendable {
        public var reviewerID: UUID
        public var decision: CheckIn.ReviewDecision
        public var comment: String?
        public var at: Date
    }

    public static func reviews(_ tx: TenantTransaction, checkInID: UUID) async throws -> [Review] {
        try await tx.query(
            """
            SELECT reviewer_id, decision, comment, at FROM check_in_review
            WHERE org_id = \(tx.org) AND check_in_id = \(checkInID) ORDER BY at, id
            """
        ).map { row in
            let (reviewer, decision, comment, at) = try row.decode((UUID, CheckIn.ReviewDecision, String?, Date).self)
            return Review(reviewerID: reviewer, decision: decision, comment: comment, at: at)
        }
    }

    /// Open (not yet submitted) check-ins of goals now owned by `to` that still name `from`'s reviewer choice are
    /// left alone; this moves nothing but returns the open check-ins of the given goals, for a transfer's record.
    public static func openIDs(_ tx: TenantTransaction, goalIDs: [UUID]) async throws -> [UUID] {
        try await tx.query(
            "SELECT id FROM check_in WHERE org_id = \(tx.org) AND goal_id = ANY(\(goalIDs)) AND state = 'open' ORDER BY id"
        ).decodeColumn(UUID.self)
    }

    /// Check-ins whose reviewer is `reviewer` and that still wait for a review, with the scope of their goal.
    public static func reviewsWaiting(_ tx: TenantTransaction, reviewer: UUID) async throws -> [(id: UUID, scope: Scope)] {
        try await tx.query(
            """
            SELECT c.id, g.company_id, g.team_id FROM check_in c JOIN goal g ON g.org_id = c.org_id AND g.id = c.goal_id
            WHERE c.org_id = \(tx.org) AND c.reviewer_id = \(reviewer) AND c.state IN ('open', 'submitted')
            ORDER BY c.id
            """
        ).map { row in
            let (id, company, team) = try row.decode((UUID, UUID?, UUID?).self)
            return (id, team.map(Scope.team) ?? company.map(Scope.company) ?? .org)
        }
    }

    /// The review of each of `ids` that `from` still holds goes to `to`.
    public static func transferReviews(_ tx: TenantTransaction, ids: [UUID], from: UUID, to: UUID) async throws -> [UUID] {
        try await tx.query(
            """
            UPDATE check_in SET reviewer_id = \(to), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = ANY(\(ids)) AND reviewer_id = \(from) AND state IN ('open', 'submitted')
            RETURNING id
            """
        ).decodeColumn(UUID.self)
    }
}

extension CheckInRepository {
    /// The newest reported actual of each goal.
    public static func lastActuals(_ tx: TenantTransaction, goalIDs: [UUID]) async throws -> [UUID: Double] {
        var result: [UUID: Double] = [:]
        for row in try await tx.query(
            """
            SELECT DISTINCT ON (goal_id) goal_id, actual FROM check_in
            WHERE org_id = \(tx.org) AND goal_id = ANY(\(goalIDs)) AND state IN ('submitted', 'reviewed') AND actual IS NOT NULL
            ORDER BY goal_id, period_start DESC
            """)
        {
            let (goal, actual) = try row.decode((UUID, Double).self)
            result[goal] = actual
        }
        return result
    }
}

extension CheckInRepository {
    /// Every check-in of the given goals, by goal then period.
    public static func forGoals(_ tx: TenantTransaction, goalIDs: [UUID]) async throws -> [UUID: [CheckIn]] {
        var result: [UUID: [CheckIn]] = [:]
        for row in try await tx.query(
            "SELECT \(columns) FROM check_in WHERE org_id = \(tx.org) AND goal_id = ANY(\(goalIDs)) ORDER BY goal_id, period_start")
        {
            let checkIn = try decode(row)
            result[checkIn.goalID, default: []].append(checkIn)
        }
        return result
    }
}

extension CheckInRepository {
    /// Submitted check-ins waiting for review, grouped by reviewer: goal title, period and owner's name.
    public static func awaitingReview(_ tx: TenantTransaction) async throws -> [(UUID, [(goal: String, period: String, owner: String)])] {
        var grouped: [UUID: [(goal: String, period: String, owner: String)]] = [:]
        var order: [UUID] = []
        for row in try await tx.query(
            """
            SELECT c.reviewer_id, g.title, c.period, m.display_name FROM check_in c
            JOIN goal g ON g.org_id = c.org_id AND g.id = c.goal_id
            JOIN member m ON m.org_id = g.org_id AND m.id = g.owner_id
            WHERE c.org_id = \(tx.org) AND c.state = 'submitted' AND c.reviewer_id IS NOT NULL
            ORDER BY c.reviewer_id, c.submitted_at, c.id
            """)
        {
            let (reviewer, goal, period, owner) = try row.decode((UUID, String, String, String).self)
            if grouped[reviewer] == nil { order.append(reviewer) }
            grouped[reviewer, default: []].append((goal, period, owner))
        }
        return order.map { ($0, grouped[$0]!) }
    }
}
