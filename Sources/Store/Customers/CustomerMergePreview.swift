public import Database
public import Domain
public import Foundation

extension CustomerMerge {
    /// What hangs off a customer record, counted the way ``move(_:from:into:)`` moves it: what a merge would take
    /// from the duplicate, shown before anyone confirms. One statement of counts, in the caller's transaction.
    public static func attached(_ tx: TenantTransaction, to customer: UUID) async throws -> Moved {
        let (org, id) = (tx.org, customer)
        let rows = try await tx.query(
            """
            SELECT
              (SELECT count(*) FROM contact WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM contract WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM revenue_snapshot WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM usage_metric WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM nps_response WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM ticket WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM timeline_entry WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM health_score WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM accountability WHERE org_id = \(org) AND subject_type = 'customer' AND subject_id = \(id))::bigint,
              (SELECT count(*) FROM problem_customer WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              ((SELECT count(*) FROM customer_measure_status WHERE org_id = \(org) AND customer_id = \(id))
                + (SELECT count(*) FROM customer_measure_assessment WHERE org_id = \(org) AND customer_id = \(id))
                + (SELECT count(*) FROM customer_success_reached WHERE org_id = \(org) AND customer_id = \(id)))::bigint,
              (SELECT count(*) FROM enrolment WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM survey_send WHERE org_id = \(org) AND customer_id = \(id))::bigint,
              (SELECT count(*) FROM customer_process WHERE org_id = \(org) AND customer_id = \(id))::bigint
            """)
        let row = rows[0]
        func n(_ column: Int) throws -> Int { Int(try row.decode(Int64.self, at: column)) }
        var counts = Moved()
        counts.contacts = try n(0)
        counts.contracts = try n(1)
        counts.revenueSnapshots = try n(2)
        counts.usageMetrics = try n(3)
        counts.npsResponses = try n(4)
        counts.tickets = try n(5)
        counts.timelineEntries = try n(6)
        counts.healthScores = try n(7)
        counts.accountabilities = try n(8)
        counts.problems = try n(9)
        counts.successRecords = try n(10)
        counts.programEnrolments = try n(11)
        counts.surveys = try n(12)
        counts.processPlacements = try n(13)
        return counts
    }
}
