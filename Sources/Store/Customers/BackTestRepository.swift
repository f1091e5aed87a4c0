public import Database
public import Domain
public import Foundation

/// What the health back-test reads: the renewals that have happened (contracts whose end date has passed, one per
/// customer and end date), the ARR around each, and the grade a model version gave the customer before it.
public enum BackTestRepository {
    /// One renewal: a customer's contracts ending on one day.
    public struct Renewal: Sendable {
        public var customerID: UUID
        public var endDate: LocalDate
        /// What someone recorded on one of the contracts, if anyone did.
        public var recorded: RenewalOutcome?
        /// Per currency: the ARR under contract on the end date and the day after (minor units).
        public var arr: [(currency: String, before: Int64, after: Int64)]
    }

    /// Every renewal before `today` of the customers `customers` and `values` both reach (the reader sees the
    /// customer and may see what it pays). One statement; the ARR sums use contract_customer_idx.
    public static func renewals(
        _ tx: TenantTransaction, before today: LocalDate, customers: Reach, values: Reach
    ) async throws -> [Renewal] {
        let rows = try await tx.query(
            """
            WITH ends AS (
                SELECT k.customer_id, k.end_date, k.currency, max(k.renewal_outcome) AS recorded
                FROM contract k
                JOIN customer c ON c.org_id = k.org_id AND c.id = k.customer_id
                WHERE k.org_id = \(tx.org) AND k.end_date < \(today) AND c.merged_into IS NULL
                  AND \(CustomerVisibility.condition(customers, customer: "c"))
                  AND \(values.condition(team: "c.team_id", company: "c.company_id"))
                GROUP BY k.customer_id, k.end_date, k.currency
            )
            SELECT e.customer_id, e.end_date, e.currency, e.recorded,
                (SELECT coalesce(sum(b.arr_minor), 0) FROM contract b
                 WHERE b.org_id = \(tx.org) AND b.customer_id = e.customer_id AND b.currency = e.currency
                   AND b.start_date <= e.end_date AND b.end_date >= e.end_date)::bigint,
                (SELECT coalesce(sum(a.arr_minor), 0) FROM contract a
                 WHERE a.org_id = \(tx.org) AND a.customer_id = e.customer_id AND a.currency = e.currency
                   AND a.status <> 'cancelled' AND a.start_date <= e.end_date + 1 AND a.end_date >= e.end_date + 1)::bigint
            FROM ends e
            ORDER BY e.customer_id, e.end_date
            """)
        var renewals: [Renewal] = []
        for (customer, end, currency, recorded, before, after) in try rows.decode((UUID, LocalDate, String, String?, Int64, Int64).self) {
            let outcome = recorded.flatMap(RenewalOutcome.init(rawValue:))
            if let last = renewals.last, last.customerID == customer, last.endDate == end {
                renewals[renewals.count - 1].arr.append((currency, before, after))
                if renewals[renewals.count - 1].recorded == nil { renewals[renewals.count - 1].recorded = outcome }
            } else {
                renewals.append(Renewal(customerID: customer, endDate: end, recorded: outcome, arr: [(currency, before, after)]))
            }
        }
        return renewals
    }

    /// For each (customer, day) asked, the grade of the customer's latest score of model `version` scored on or
    /// before that day in the org's zone (imported history included). One statement: a LATERAL index seek each.
    public static func grades(
        _ tx: TenantTransaction, version: Int, asOf points: [(customer: UUID, day: LocalDate)], timeZone: String
    ) async throws -> [HealthGrade?] {
        guard !points.isEmpty else { return [] }
        let indexes = Array(0..<points.count)
        let rows = try await tx.query(
            """
            SELECT p.i, s.grade
            FROM unnest(\(indexes), \(points.map(\.customer)), \(points.map(\.day))) AS p(i, customer_id, day)
            CROSS JOIN LATERAL (
                SELECT grade FROM health_score
                WHERE org_id = \(tx.org) AND customer_id = p.customer_id AND model_version = \(version)
                  AND scored_at < ((p.day + 1)::timestamp AT TIME ZONE \(timeZone))
                ORDER BY scored_at DESC LIMIT 1
            ) s
            """)
        var grades = [HealthGrade?](repeating: nil, count: points.count)
        for (i, grade) in try rows.decode((Int, HealthGrade).self) where grades.indices.contains(i) { grades[i] = grade }
        return grades
    }
}
