public import Database
public import Domain
public import Foundation

/// The support report: per priority, product or lifecycle phase at opening — opened, resolved, time to first
/// response and to resolution (median, p90), backlog, CSAT, reopen rate — in one statement over the tickets of the
/// window, for as many tickets as an org has (the bench: 100,000).
public enum TicketMetricsRepository {
    public enum Grouping: String, Sendable, CaseIterable {
        case priority, product, phase

        /// The grouped expression: trusted SQL chosen here, never input.
        var column: SQLQuery {
            switch self {
            case .priority: "t.priority"
            case .product: "t.product"
            case .phase: "t.phase_at_open"
            }
        }
    }

    /// One group's figures; `key` nil with `isTotal` for the line over every group (and nil for tickets without a
    /// product when grouping by product).
    public struct Row: Sendable, Equatable {
        public var key: String?
        public var isTotal: Bool
        /// Opened in the window.
        public var opened: Int
        /// Resolved in the window (whenever they opened).
        public var resolved: Int
        /// Hours from opening to first response, over the tickets opened in the window that had one.
        public var firstResponse: TicketMetrics.Spread?
        /// Hours from opening to resolution, over the tickets opened in the window and resolved.
        public var resolution: TicketMetrics.Spread?
        /// Unresolved at the window's end.
        public var backlog: Int
        /// The average CSAT of the tickets resolved in the window that were rated, and how many were.
        public var csatAverage: Double?
        public var csatCount: Int
        /// Of the tickets opened in the window, how many were ever reopened.
        public var reopened: Int

        public init(
            key: String?, isTotal: Bool, opened: Int, resolved: Int, firstResponse: TicketMetrics.Spread?,
            resolution: TicketMetrics.Spread?, backlog: Int, csatAverage: Double?, csatCount: Int, reopened: Int
        ) {
            (self.key, self.isTotal, self.opened, self.resolved) = (key, isTotal, opened, resolved)
            (self.firstResponse, self.resolution, self.backlog) = (firstResponse, resolution, backlog)
            (self.csatAverage, self.csatCount, self.reopened) = (csatAverage, csatCount, reopened)
        }
    }

    public struct Scope: Sendable {
        public var companyID: UUID?
        public var teamID: UUID?

        public init(companyID: UUID? = nil, teamID: UUID? = nil) {
            (self.companyID, self.teamID) = (companyID, teamID)
        }
    }

    /// The figures for `from`…`to` (whole days in the org's time zone), grouped, over the tickets of customers
    /// `reach` (of `customers.read`) sees; the total line last.
    public static func report(
        _ tx: TenantTransaction, from: LocalDate, to: LocalDate, groupBy: Grouping, scope: Scope, visibleTo reach: Reach
    ) async throws -> [Row] {
        let rows = try await tx.query(
            """
            WITH bounds AS (
                SELECT (\(from)::date::timestamp AT TIME ZONE o.time_zone) AS s,
                       ((\(to)::date + 1)::timestamp AT TIME ZONE o.time_zone) AS e
                FROM org o WHERE o.id = \(tx.org)
            ), w AS (
                SELECT \(groupBy.column) AS key, t.csat, t.reopen_count,
                    t.opened_at >= b.s AS opened_in,
                    t.resolved_at >= b.s AND t.resolved_at < b.e AS resolved_in,
                    (t.resolved_at IS NULL AND t.status IN ('open', 'pending')) OR t.resolved_at >= b.e AS open_at_end,
                    extract(epoch FROM t.first_response_at - t.opened_at) / 3600.0 AS first_hours,
                    CASE WHEN t.resolved_at < b.e THEN extract(epoch FROM t.resolved_at - t.opened_at) / 3600.0 END AS resolve_hours
                FROM ticket t
                CROSS JOIN bounds b
                JOIN customer c ON c.org_id = t.org_id AND c.id = t.customer_id
                WHERE t.org_id = \(tx.org) AND t.opened_at < b.e
                  AND (t.opened_at >= b.s OR t.resolved_at IS NULL OR t.resolved_at >= b.s)
                  AND (\(scope.companyID)::uuid IS NULL OR c.company_id = \(scope.companyID))
                  AND (\(scope.teamID)::uuid IS NULL OR c.team_id = \(scope.teamID))
                  AND \(CustomerVisibility.condition(reach, customer: "c"))
            )
            SELECT key, GROUPING(key) = 1,
                count(*) FILTER (WHERE opened_in),
                count(*) FILTER (WHERE resolved_in),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY first_hours) FILTER (WHERE opened_in),
                percentile_cont(0.9) WITHIN GROUP (ORDER BY first_hours) FILTER (WHERE opened_in),
                count(first_hours) FILTER (WHERE opened_in),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY resolve_hours) FILTER (WHERE opened_in),
                percentile_cont(0.9) WITHIN GROUP (ORDER BY resolve_hours) FILTER (WHERE opened_in),
                count(resolve_hours) FILTER (WHERE opened_in),
                count(*) FILTER (WHERE open_at_end),
                (avg(csat) FILTER (WHERE resolved_in))::float8,
                count(csat) FILTER (WHERE resolved_in),
                count(*) FILTER (WHERE opened_in AND reopen_count > 0)
            FROM w
            GROUP BY GROUPING SETS ((key), ())
            ORDER BY GROUPING(key), key NULLS LAST
            """)
        return try rows.map { row in
            var r = RowReader(row)
            let key: String? = try r.next()
            let isTotal: Bool = try r.next()
            let opened: Int = try r.next()
            let resolved: Int = try r.next()
            let (fMedian, fP90, fCount): (Double?, Double?, Int) = (try r.next(), try r.next(), try r.next())
            let (rMedian, rP90, rCount): (Double?, Double?, Int) = (try r.next(), try r.next(), try r.next())
            func spread(_ median: Double?, _ p90: Double?, _ count: Int) -> TicketMetrics.Spread? {
                guard let median, let p90, count > 0 else { return nil }
                return TicketMetrics.Spread(median: median, p90: p90, count: count)
            }
            return Row(
                key: key, isTotal: isTotal, opened: opened, resolved: resolved, firstResponse: spread(fMedian, fP90, fCount),
                resolution: spread(rMedian, rP90, rCount), backlog: try r.next(), csatAverage: try r.next(),
                csatCount: try r.next(), reopened: try r.next())
        }
    }
}
