public import Database
public import Domain
public import Foundation

/// GRR/NRR summed in the database, for the summary a report shows when nobody asked for the per-customer lines:
/// only a few rows per currency and group cross the wire instead of every customer's snapshots and contracts. It
/// applies the same rules as ``ContractRevenue/monthly(contracts:snapshots:months:)`` and ``RetentionMetrics``
/// (a test holds the two to identical answers): a customer's snapshots of a month replace its contracts in that
/// month, a contract gives `ARR × covered days ÷ (12 × days in month)` rounded half away from zero (PostgreSQL's
/// `round(numeric)`), each customer's start and end are summed per currency and only positive ones count.
public enum RetentionTotalsRepository {
    /// What the groups are: the org only, or also per company, team or segment (a customer without one is
    /// unattributed).
    public enum Grouping: Sendable {
        case org, company, team, segment
    }

    /// The totals of one currency, org-wide (`group == nil`) or of one group (`group == .some(key)`, where a nil
    /// key is unattributed: the id or segment as text otherwise).
    public struct Row: Sendable {
        public var group: String??
        public var currency: CurrencyCode
        public var totals: RetentionTotals
    }

    public static func totals(
        _ tx: TenantTransaction, scope: RevenueRepository.Scope, window: RetentionWindow, grouping: Grouping
    ) async throws -> [Row] {
        let key: SQLQuery = switch grouping {
        case .org: "NULL::text"
        case .company: "c.company_id::text"
        case .team: "c.team_id::text"
        case .segment: "c.segment"
        }
        // Org-wide rows always; group rows as well when grouped (one pass, GROUPING SETS).
        let sets: SQLQuery = grouping == .org ? "(p.currency)" : "(p.currency), (p.g, p.currency)"
        let group: SQLQuery = grouping == .org ? "false, NULL::text" : "GROUPING(p.g) = 0, p.g"
        let (s, e) = (window.start, window.end)
        // Written so that no plan can join two derived sets row by row: whatever the estimates (a generic plan
        // guesses a handful of customers for `company_id = $2 OR $2 IS NULL`, and a nested loop over two CTEs of
        // 10,000 rows each took minutes), the revenue rows are marked by a window function rather than an anti
        // join.
        let rows = try await tx.query(
            """
            WITH m(which, first_day, last_day, days) AS (
                VALUES (0, \(s.firstDay), \(s.lastDay), \(s.dayCount)), (1, \(e.firstDay), \(e.lastDay), \(e.dayCount))
            ), rev AS (
                SELECT x.customer_id, m.which, x.currency, x.amount_minor::numeric AS amount, true AS snapshot
                FROM revenue_snapshot x JOIN m ON x.month = m.first_day
                WHERE x.org_id = \(tx.org)
                UNION ALL
                SELECT k.customer_id, m.which, k.currency,
                    round(k.arr_minor::numeric * (least(k.end_date, m.last_day) - greatest(k.start_date, m.first_day) + 1)
                          / (12 * m.days)),
                    false
                FROM contract k JOIN m ON k.start_date <= m.last_day AND k.end_date >= m.first_day
                WHERE k.org_id = \(tx.org)
            ), scoped AS (
                -- Joined while both sides are large and well estimated (a hash join), not after the aggregation has
                -- left a set the planner guesses at a few dozen rows and looks up one key at a time.
                SELECT rev.*, \(key) AS g
                FROM rev JOIN customer c ON c.org_id = \(tx.org) AND c.id = rev.customer_id
                WHERE \(scope.condition(tx))
            ), marked AS (
                -- A customer's snapshots of a month replace everything its contracts give that month.
                SELECT customer_id, which, currency, amount, snapshot, g,
                    bool_or(snapshot) OVER (PARTITION BY customer_id, which) AS snapshotted
                FROM scoped
            ), ends AS (
                SELECT customer_id, currency, g, sum(amount) FILTER (WHERE which = 0) AS s, sum(amount) FILTER (WHERE which = 1) AS e
                FROM marked WHERE snapshot = snapshotted
                GROUP BY 1, 2, 3
            ), p AS (
                SELECT customer_id, currency, g, CASE WHEN s > 0 THEN s END AS s, CASE WHEN e > 0 THEN e ELSE 0 END AS e
                FROM ends WHERE s > 0 OR e > 0
            )
            SELECT \(group), p.currency,
                coalesce(sum(p.s), 0)::bigint,
                coalesce(sum(least(p.s, p.e)) FILTER (WHERE p.s IS NOT NULL), 0)::bigint,
                coalesce(sum(p.e) FILTER (WHERE p.s IS NOT NULL), 0)::bigint,
                coalesce(sum(p.s) FILTER (WHERE p.e = 0), 0)::bigint,
                coalesce(sum(p.s - p.e) FILTER (WHERE p.e > 0 AND p.e < p.s), 0)::bigint,
                coalesce(sum(p.e - p.s) FILTER (WHERE p.e > p.s), 0)::bigint,
                count(*) FILTER (WHERE p.s IS NOT NULL),
                count(*) FILTER (WHERE p.s IS NULL)
            FROM p
            GROUP BY GROUPING SETS (\(sets))
            """)
        return try rows.map { row in
            let currency = try CurrencyCode(try row.decode(String.self, at: 2))
            func money(_ column: Int) throws -> Money { Money(minorUnits: try row.decode(Int64.self, at: column), currency: currency) }
            let grouped = try row.decode(Bool.self, at: 0)
            return Row(
                group: grouped ? .some(try row.decode(String?.self, at: 1)) : nil, currency: currency,
                totals: RetentionTotals(
                    start: try money(3), retained: try money(4), end: try money(5), churn: try money(6), contraction: try money(7),
                    expansion: try money(8), cohortSize: try row.decode(Int.self, at: 9), newCustomers: try row.decode(Int.self, at: 10)))
        }
    }
}
