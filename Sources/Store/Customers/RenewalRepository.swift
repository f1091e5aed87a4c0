public import Database
public import Domain
public import Foundation

/// The upcoming renewals view: active contracts whose notice deadline (解約予告期限; the end date when the
/// contract does not renew by itself) falls in a window, with what the renewal conversation needs — the customer,
/// its health, open urgent/high tickets and its latest NPS answer. One statement; the deadline is computed in SQL
/// the way ``RenewalSchedule/noticeDeadline`` computes it (a month-end end date keeps its deadline on a month end).
public enum RenewalRepository {
    public struct Upcoming: Sendable {
        public var contract: Contract
        public var customerName: String
        public var companyID: UUID
        public var teamID: UUID?
        public var ownerID: UUID?
        public var ownerName: String?
        public var phase: LifecyclePhase
        public var healthGrade: HealthGrade?
        public var healthTotal: Double?
        public var openCriticalTickets: Int
        public var latestNPS: Int?
        public var latestNPSOn: LocalDate?
    }

    public struct Filter: Sendable {
        public var companyID: UUID?
        public var teamID: UUID?
        public var ownerID: UUID?
        public init(companyID: UUID? = nil, teamID: UUID? = nil, ownerID: UUID? = nil) {
            (self.companyID, self.teamID, self.ownerID) = (companyID, teamID, ownerID)
        }
    }

    /// The deadline of contract `k` in SQL, as RenewalSchedule has it.
    static let deadline: SQLQuery = """
        (CASE
            WHEN NOT k.auto_renews THEN k.end_date
            WHEN coalesce(k.notice_months, 0) > 0 THEN
                CASE WHEN k.end_date = (date_trunc('month', k.end_date) + interval '1 month - 1 day')::date
                     THEN (date_trunc('month', k.end_date) - make_interval(months => k.notice_months)
                           + interval '1 month - 1 day')::date
                     ELSE (k.end_date - make_interval(months => k.notice_months))::date END
            WHEN coalesce(k.notice_days, 0) > 0 THEN k.end_date - k.notice_days
            ELSE k.end_date
        END)
        """

    /// Active contracts of customers `reach` (of `customers.read`) sees whose deadline is from `from` through
    /// `through`, soonest first.
    public static func upcoming(
        _ tx: TenantTransaction, from: LocalDate, through: LocalDate, filter: Filter, visibleTo reach: Reach
    ) async throws -> [Upcoming] {
        let rows = try await tx.query(
            """
            SELECT k.id, k.customer_id, k.external_id, k.name, k.arr_minor, k.currency, k.start_date, k.end_date, k.auto_renews,
                k.notice_days, k.notice_months, k.status, k.renewal_outcome, k.created_at, k.updated_at, k.version,
                c.name, c.company_id, c.team_id, c.owner_id, m.display_name, c.phase, c.health_grade, c.health_total,
                (SELECT count(*) FROM ticket t WHERE t.org_id = c.org_id AND t.customer_id = c.id
                    AND t.status IN ('open', 'pending') AND t.priority IN ('urgent', 'high')),
                n.score, n.responded_on
            FROM contract k
            JOIN customer c ON c.org_id = k.org_id AND c.id = k.customer_id
            LEFT JOIN member m ON m.org_id = c.org_id AND m.id = c.owner_id
            LEFT JOIN LATERAL (
                SELECT r.score, r.responded_on FROM nps_response r
                WHERE r.org_id = c.org_id AND r.customer_id = c.id ORDER BY r.responded_on DESC, r.id DESC LIMIT 1
            ) n ON true
            WHERE k.org_id = \(tx.org) AND k.status = 'active'
              AND k.end_date >= \(from) AND k.end_date <= \(through.adding(days: 800))
              AND \(deadline) BETWEEN \(from) AND \(through)
              AND c.archived_at IS NULL AND c.merged_into IS NULL
              AND (\(filter.companyID)::uuid IS NULL OR c.company_id = \(filter.companyID))
              AND (\(filter.teamID)::uuid IS NULL OR c.team_id = \(filter.teamID))
              AND (\(filter.ownerID)::uuid IS NULL OR c.owner_id = \(filter.ownerID))
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            ORDER BY \(deadline), k.id
            LIMIT 2000
            """)
        return try rows.map { row in
            let contract = try ContractRepository.decode(row)
            var r = RowReader(row, from: 16)
            return Upcoming(
                contract: contract, customerName: try r.next(), companyID: try r.next(), teamID: try r.next(), ownerID: try r.next(),
                ownerName: try r.next(), phase: try r.next(), healthGrade: try r.next(), healthTotal: try r.next(),
                openCriticalTickets: try r.next(), latestNPS: try r.next(), latestNPSOn: try r.next())
        }
    }
}
