public import Database
public import Domain
public import Foundation

/// The SQL of merging two records of one customer: everything that hangs off the duplicate moves to the survivor,
/// one set-based statement per table, in the caller's transaction (all or nothing). Where the survivor already has
/// a row for the same key — a revenue month, a usage metric's day — the survivor's is kept and the duplicate's stays
/// on the (archived) duplicate, reported, so nothing is silently summed twice or lost.
public enum CustomerMerge {
    public struct Moved: Sendable, Codable, Equatable {
        public var contacts = 0
        public var contracts = 0
        public var revenueSnapshots = 0
        public var usageMetrics = 0
        public var npsResponses = 0
        public var tickets = 0
        public var timelineEntries = 0
        public var healthScores = 0
        public var accountabilities = 0
        public var problems = 0
        public var mergedRecords = 0
        public init() {}
    }

    public struct Outcome: Sendable {
        public var moved: Moved
        /// Months whose revenue both had: the survivor's kept.
        public var conflictingRevenueMonths: [YearMonth]
        /// Usage rows (metric and day) both had: the survivor's kept.
        public var conflictingUsageRows: Int
    }

    public static func move(_ tx: TenantTransaction, from duplicate: UUID, into survivor: UUID) async throws -> Outcome {
        let (org, dup, keep) = (tx.org, duplicate, survivor)
        var moved = Moved()
        moved.contacts = try await tx.execute(
            "UPDATE contact SET customer_id = \(keep), updated_at = banso_now() WHERE org_id = \(org) AND customer_id = \(dup)")
        moved.contracts = try await tx.execute(
            "UPDATE contract SET customer_id = \(keep), updated_at = banso_now() WHERE org_id = \(org) AND customer_id = \(dup)")
        let conflicts = try await tx.query(
            """
            SELECT DISTINCT d.month FROM revenue_snapshot d
            WHERE d.org_id = \(org) AND d.customer_id = \(dup)
              AND EXISTS (SELECT 1 FROM revenue_snapshot s WHERE s.org_id = \(org) AND s.customer_id = \(keep) AND s.month = d.month)
            ORDER BY d.month
            """
        ).map { try $0.decode(LocalDate.self, at: 0) }
        moved.revenueSnapshots = try await tx.execute(
            """
            UPDATE revenue_snapshot d SET customer_id = \(keep)
            WHERE d.org_id = \(org) AND d.customer_id = \(dup)
              AND NOT EXISTS (SELECT 1 FROM revenue_snapshot s WHERE s.org_id = \(org) AND s.customer_id = \(keep) AND s.month = d.month)
            """)
        moved.usageMetrics = try await tx.execute(
            """
            UPDATE usage_metric d SET customer_id = \(keep)
            WHERE d.org_id = \(org) AND d.customer_id = \(dup)
              AND NOT EXISTS (SELECT 1 FROM usage_metric s WHERE s.org_id = \(org) AND s.customer_id = \(keep)
                              AND s.metric = d.metric AND s.day = d.day)
            """)
        let usageLeft = try await tx.query(
            "SELECT count(*)::bigint FROM usage_metric WHERE org_id = \(org) AND customer_id = \(dup)")
        moved.npsResponses = try await tx.execute(
            "UPDATE nps_response SET customer_id = \(keep) WHERE org_id = \(org) AND customer_id = \(dup)")
        moved.tickets = try await tx.execute(
            "UPDATE ticket SET customer_id = \(keep), updated_at = banso_now() WHERE org_id = \(org) AND customer_id = \(dup)")
        moved.timelineEntries = try await tx.execute(
            "UPDATE timeline_entry SET customer_id = \(keep) WHERE org_id = \(org) AND customer_id = \(dup)")
        moved.healthScores = try await tx.execute(
            "UPDATE health_score SET customer_id = \(keep) WHERE org_id = \(org) AND customer_id = \(dup)")
        // An accountability for the customer lives where the customer does: it takes the survivor's scope.
        moved.accountabilities = try await tx.execute(
            """
            UPDATE accountability a SET subject_id = \(keep), company_id = s.company_id, team_id = s.team_id,
                updated_at = banso_now(), version = a.version + 1
            FROM customer s
            WHERE a.org_id = \(org) AND a.subject_type = 'customer' AND a.subject_id = \(dup)
              AND s.org_id = \(org) AND s.id = \(keep)
            """)
        moved.problems = try await tx.execute(
            """
            INSERT INTO problem_customer (org_id, problem_id, customer_id)
            SELECT org_id, problem_id, \(keep) FROM problem_customer WHERE org_id = \(org) AND customer_id = \(dup)
            ON CONFLICT DO NOTHING
            """)
        _ = try await tx.execute("DELETE FROM problem_customer WHERE org_id = \(org) AND customer_id = \(dup)")
        // Records merged into the duplicate before now point at the survivor: a chain is never more than one step.
        moved.mergedRecords = try await tx.execute(
            "UPDATE customer SET merged_into = \(keep) WHERE org_id = \(org) AND merged_into = \(dup)")
        return Outcome(
            moved: moved, conflictingRevenueMonths: conflicts.map { YearMonth(year: $0.year, month: $0.month) },
            conflictingUsageRows: Int(try usageLeft[0].decode(Int64.self, at: 0)))
    }
}

extension CustomerMerge {
    /// The survivor takes the later of the two last touches and the more recent health score (the scores moved with
    /// the merge, so the latest now describes the survivor).
    public static func absorbActivity(_ tx: TenantTransaction, from duplicate: UUID, into survivor: UUID) async throws {
        _ = try await tx.execute(
            """
            UPDATE customer s SET
                last_touch_at = CASE WHEN d.last_touch_at > s.last_touch_at OR s.last_touch_at IS NULL
                                     THEN d.last_touch_at ELSE s.last_touch_at END,
                health_grade = CASE WHEN d.health_scored_at > coalesce(s.health_scored_at, '-infinity') THEN d.health_grade ELSE s.health_grade END,
                health_total = CASE WHEN d.health_scored_at > coalesce(s.health_scored_at, '-infinity') THEN d.health_total ELSE s.health_total END,
                health_scored_at = greatest(s.health_scored_at, d.health_scored_at)
            FROM customer d
            WHERE s.org_id = \(tx.org) AND s.id = \(survivor) AND d.org_id = \(tx.org) AND d.id = \(duplicate)
            """)
    }
}
