public import Database
public import Domain
public import Foundation

/// Renewal alerts: the active contracts whose 90/60/30-day alerts may be due, what an alert says about the customer
/// (open urgent/high tickets, NPS, health), and one row per alert sent so nothing is sent twice.
public enum RenewalAlertRepository {
    /// An active contract with the customer facts an alert needs.
    public struct Candidate: Sendable {
        public var contractID: UUID
        public var contractName: String?
        public var endDate: LocalDate
        public var autoRenews: Bool
        public var noticeDays: Int?
        public var noticeMonths: Int?
        public var customerID: UUID
        public var customerName: String
        public var ownerID: UUID?
        public var salesOwnerID: UUID?
        public var companyID: UUID
        public var teamID: UUID?
        public var healthGrade: HealthGrade?
        public var healthTotal: Double?

        public var notice: NoticePeriod? {
            if let noticeMonths { return .months(noticeMonths) }
            if let noticeDays { return .days(noticeDays) }
            return nil
        }
    }

    /// Active contracts of live customers ending from `endFrom` through `endThrough` (contract_end_idx).
    public static func candidates(_ tx: TenantTransaction, endFrom: LocalDate, endThrough: LocalDate) async throws -> [Candidate] {
        try await tx.query(
            """
            SELECT k.id, k.name, k.end_date, k.auto_renews, k.notice_days, k.notice_months, c.id, c.name, c.owner_id,
                c.sales_owner_id, c.company_id, c.team_id, c.health_grade, c.health_total
            FROM contract k
            JOIN customer c ON c.org_id = k.org_id AND c.id = k.customer_id
            WHERE k.org_id = \(tx.org) AND k.status = 'active' AND k.end_date >= \(endFrom) AND k.end_date <= \(endThrough)
              AND c.archived_at IS NULL AND c.merged_into IS NULL
            ORDER BY k.end_date, k.id
            """
        ).map { row in
            var r = RowReader(row)
            return Candidate(
                contractID: try r.next(), contractName: try r.next(), endDate: try r.next(), autoRenews: try r.next(),
                noticeDays: try r.next(), noticeMonths: try r.next(), customerID: try r.next(), customerName: try r.next(),
                ownerID: try r.next(), salesOwnerID: try r.next(), companyID: try r.next(), teamID: try r.next(),
                healthGrade: try r.next(), healthTotal: try r.next())
        }
    }

    /// Records an alert as sent; `false` when it was already (a rerun, or another worker got there first) — the
    /// caller sends only on `true`, and the row and the notices commit together.
    public static func record(_ tx: TenantTransaction, contract: UUID, deadline: LocalDate, daysBefore: Int, at: Date) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO renewal_alert (org_id, contract_id, deadline, days_before, sent_at)
            VALUES (\(tx.org), \(contract), \(deadline), \(daysBefore), \(at))
            ON CONFLICT DO NOTHING
            """) == 1
    }

    /// The alerts already sent for these contracts, as "contract/deadline/days".
    public static func sent(_ tx: TenantTransaction, contracts: [UUID]) async throws -> Set<String> {
        guard !contracts.isEmpty else { return [] }
        let rows = try await tx.query(
            "SELECT contract_id, deadline, days_before FROM renewal_alert WHERE org_id = \(tx.org) AND contract_id = ANY(\(contracts))")
        return Set(try rows.decode((UUID, LocalDate, Int).self).map { key($0.0, $0.1, $0.2) })
    }

    public static func key(_ contract: UUID, _ deadline: LocalDate, _ daysBefore: Int) -> String {
        "\(contract.uuidString.lowercased())/\(deadline)/\(daysBefore)"
    }

    /// The local day of the schedule's last fire before `nominal` (its `YYYY-MM-DDTHH:MM` local time): where a
    /// catch-up run starts. `nil` when it never fired before.
    public static func lastRun(_ tx: TenantTransaction, schedule: UUID, before nominal: String) async throws -> LocalDate? {
        let rows = try await tx.query(
            """
            SELECT max(nominal) FROM schedule_fire
            WHERE org_id = \(tx.org) AND schedule_id = \(schedule) AND outcome = 'fired' AND nominal < \(nominal)
            """)
        let last: String? = try rows.first?.decode(at: 0)
        return last.flatMap { LocalDate(iso: String($0.prefix(10))) }
    }

    /// What an alert tells about a customer.
    public struct Context: Sendable {
        /// NPS of the last 12 months (−100…100) and the number of answers; `nil` without answers.
        public var nps: Double?
        public var npsResponses: Int = 0
        /// The latest answer (0–10).
        public var latestAnswer: Int?
        /// Titles of the open urgent/high tickets, urgent first then oldest, at most 5.
        public var ticketTitles: [String] = []
        public var ticketCount: Int = 0

        public init() {}
    }

    /// The alert context of each customer, in two set-based statements sent together.
    public static func contexts(_ tx: TenantTransaction, customers: [UUID], today: LocalDate) async throws -> [UUID: Context] {
        guard !customers.isEmpty else { return [:] }
        let results = try await tx.batch([
            """
            SELECT customer_id,
                (100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*))::float8,
                count(*)::int,
                (array_agg(score::int ORDER BY responded_on DESC, created_at DESC))[1]
            FROM nps_response
            WHERE org_id = \(tx.org) AND customer_id = ANY(\(customers))
              AND responded_on > \(today.adding(months: -12)) AND responded_on <= \(today)
            GROUP BY customer_id
            """,
            """
            SELECT customer_id, title, total FROM (
                SELECT customer_id, title, count(*) OVER (PARTITION BY customer_id)::int AS total,
                    row_number() OVER (PARTITION BY customer_id ORDER BY (priority = 'urgent') DESC, opened_at, id) AS n
                FROM ticket
                WHERE org_id = \(tx.org) AND customer_id = ANY(\(customers)) AND status IN ('open', 'pending')
                  AND priority IN ('urgent', 'high')
            ) t WHERE n <= 5 ORDER BY customer_id, n
            """,
        ])
        var contexts: [UUID: Context] = [:]
        for (customer, nps, count, latest) in try results[0].decode((UUID, Double, Int, Int?).self) {
            contexts[customer, default: Context()].nps = nps
            contexts[customer, default: Context()].npsResponses = count
            contexts[customer, default: Context()].latestAnswer = latest
        }
        for (customer, title, total) in try results[1].decode((UUID, String, Int).self) {
            contexts[customer, default: Context()].ticketTitles.append(title)
            contexts[customer, default: Context()].ticketCount = total
        }
        return contexts
    }
}
