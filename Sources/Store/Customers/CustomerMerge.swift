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
        /// Success judgements, their history and the periods at light or deep success.
        public var successRecords = 0
        public var programEnrolments = 0
        /// Check-ups and NPS surveys sent to the customer's contacts (who moved with it).
        public var surveys = 0
        /// Placements on a standard process, with the steps done under them.
        public var processPlacements = 0
        public init() {}
    }

    public struct Outcome: Sendable {
        public var moved: Moved
        /// Months whose revenue both had: the survivor's kept.
        public var conflictingRevenueMonths: [YearMonth]
        /// Usage rows (metric and day) both had: the survivor's kept.
        public var conflictingUsageRows: Int
        /// Success rows that would give the survivor two of what it may hold one of — a second running program, a
        /// second current process placement, a second open period at a tier, two judgements of one measure — the
        /// survivor's kept, the duplicate's left on it.
        public var conflictingSuccessRows: Int
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
        let success = try await moveSuccess(tx, from: dup, into: keep)
        moved.successRecords = success.records
        moved.programEnrolments = success.enrolments
        moved.surveys = success.surveys
        moved.processPlacements = success.placements
        // Records merged into the duplicate before now point at the survivor: a chain is never more than one step.
        moved.mergedRecords = try await tx.execute(
            "UPDATE customer SET merged_into = \(keep) WHERE org_id = \(org) AND merged_into = \(dup)")
        return Outcome(
            moved: moved, conflictingRevenueMonths: conflicts.map { YearMonth(year: $0.year, month: $0.month) },
            conflictingUsageRows: Int(try usageLeft[0].decode(Int64.self, at: 0)), conflictingSuccessRows: success.conflicting)
    }

    /// Success (issue 15): what the duplicate's customer achieved, the programs it ran, the check-ups its contacts
    /// were sent and the process it followed move with it. What the survivor may hold only one of at a time stays
    /// where it is when the survivor already has one; so does a judgement of a measure the survivor judged too.
    static func moveSuccess(
        _ tx: TenantTransaction, from dup: UUID, into keep: UUID
    ) async throws -> (records: Int, enrolments: Int, surveys: Int, placements: Int, conflicting: Int) {
        let org = tx.org
        var records = try await tx.execute(
            """
            UPDATE customer_measure_status d SET customer_id = \(keep)
            WHERE d.org_id = \(org) AND d.customer_id = \(dup)
              AND NOT EXISTS (SELECT 1 FROM customer_measure_status s WHERE s.org_id = \(org) AND s.customer_id = \(keep)
                              AND s.definition_id = d.definition_id AND s.measure_id = d.measure_id)
            """)
        records += try await tx.execute(
            "UPDATE customer_measure_assessment SET customer_id = \(keep) WHERE org_id = \(org) AND customer_id = \(dup)")
        records += try await tx.execute(
            """
            UPDATE customer_success_reached d SET customer_id = \(keep), updated_at = banso_now()
            WHERE d.org_id = \(org) AND d.customer_id = \(dup)
              AND (d.lost_on IS NOT NULL OR NOT EXISTS (SELECT 1 FROM customer_success_reached s WHERE s.org_id = \(org)
                                                       AND s.customer_id = \(keep) AND s.tier = d.tier AND s.lost_on IS NULL))
            """)
        let enrolments = try await tx.execute(
            """
            UPDATE enrolment d SET customer_id = \(keep), updated_at = banso_now(), version = d.version + 1
            WHERE d.org_id = \(org) AND d.customer_id = \(dup)
              AND (d.state <> 'active' OR NOT EXISTS (SELECT 1 FROM enrolment s WHERE s.org_id = \(org) AND s.customer_id = \(keep)
                                                      AND s.state = 'active'))
            """)
        let surveys = try await tx.execute("UPDATE survey_send SET customer_id = \(keep) WHERE org_id = \(org) AND customer_id = \(dup)")
        let placements = try await tx.execute(
            """
            UPDATE customer_process d SET customer_id = \(keep), updated_at = banso_now(), version = d.version + 1
            WHERE d.org_id = \(org) AND d.customer_id = \(dup)
              AND (d.ended_on IS NOT NULL OR NOT EXISTS (SELECT 1 FROM customer_process s WHERE s.org_id = \(org)
                                                         AND s.customer_id = \(keep) AND s.ended_on IS NULL))
            """)
        let left = try await tx.query(
            """
            SELECT (SELECT count(*) FROM customer_measure_status WHERE org_id = \(org) AND customer_id = \(dup))
                 + (SELECT count(*) FROM customer_success_reached WHERE org_id = \(org) AND customer_id = \(dup))
                 + (SELECT count(*) FROM enrolment WHERE org_id = \(org) AND customer_id = \(dup))
                 + (SELECT count(*) FROM customer_process WHERE org_id = \(org) AND customer_id = \(dup))
            """
        ).scalar(Int64.self) ?? 0
        return (records, enrolments, surveys, placements, Int(left))
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
