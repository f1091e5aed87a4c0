public import Database
public import Domain
public import Foundation

/// Monthly revenue: the snapshots a CRM or billing system reported (they win for their month) and the contracts
/// the other months are derived from. The retention inputs are fetched set-based — the customers in scope, their
/// snapshots of the months asked for, and the contracts covering those months: three statements whatever the
/// number of customers — and combined in Domain (``ContractRevenue/monthly(contracts:snapshots:months:)``).
public enum RevenueRepository {
    /// A stored snapshot.
    public struct Snapshot: Sendable, Equatable, Codable {
        public var customerID: UUID
        public var month: YearMonth
        public var amount: Money
        public var source: String
        public var createdAt: Date
    }

    /// Sets a customer's revenue of `month` in the amount's currency (source `api`).
    public static func put(_ tx: TenantTransaction, customer: UUID, month: YearMonth, amount: Money) async throws -> Snapshot {
        let rows = try await tx.query(
            """
            INSERT INTO revenue_snapshot (org_id, customer_id, month, currency, amount_minor, source)
            VALUES (\(tx.org), \(customer), \(month.firstDay), \(amount.currency.rawValue), \(amount.minorUnits), 'api')
            ON CONFLICT (org_id, customer_id, month, currency)
            DO UPDATE SET amount_minor = EXCLUDED.amount_minor, source = 'api', created_at = banso_now()
            RETURNING customer_id, month, currency, amount_minor, source, created_at
            """)
        return try decodeSnapshot(rows[0])
    }

    /// Removes a customer's snapshots of `month` (of one currency when given); answers how many there were.
    public static func delete(_ tx: TenantTransaction, customer: UUID, month: YearMonth, currency: CurrencyCode?) async throws -> [Snapshot] {
        try await tx.query(
            """
            DELETE FROM revenue_snapshot
            WHERE org_id = \(tx.org) AND customer_id = \(customer) AND month = \(month.firstDay)
              AND (\(currency?.rawValue)::text IS NULL OR currency = \(currency?.rawValue))
            RETURNING customer_id, month, currency, amount_minor, source, created_at
            """
        ).map(decodeSnapshot)
    }

    static func decodeSnapshot(_ row: Row) throws -> Snapshot {
        let (customer, month, currency, minor, source, created) = try row.decode((UUID, LocalDate, String, Int64, String, Date).self)
        return Snapshot(
            customerID: customer, month: YearMonth(month), amount: Money(minorUnits: minor, currency: try CurrencyCode(currency)),
            source: source, createdAt: created)
    }

    /// One customer's snapshots and contracts from `first` through `last`.
    public static func customerInputs(_ tx: TenantTransaction, customer: UUID, from first: YearMonth, through last: YearMonth)
        async throws -> (snapshots: [MonthlyRevenue], contracts: [ContractRevenue.Contract])
    {
        let snapshots = try await tx.query(
            """
            SELECT customer_id, month, currency, amount_minor FROM revenue_snapshot
            WHERE org_id = \(tx.org) AND customer_id = \(customer) AND month BETWEEN \(first.firstDay) AND \(last.firstDay)
            """
        ).map(decodeRevenue)
        let contracts = try await tx.query(
            """
            SELECT customer_id, arr_minor, currency, start_date, end_date FROM contract
            WHERE org_id = \(tx.org) AND customer_id = \(customer) AND start_date <= \(last.lastDay) AND end_date >= \(first.firstDay)
            """
        ).map(decodeContract)
        return (snapshots, contracts)
    }

    static func decodeRevenue(_ row: Row) throws -> MonthlyRevenue {
        let (customer, month, currency, minor) = try row.decode((UUID, LocalDate, String, Int64).self)
        return MonthlyRevenue(customerID: customer, month: YearMonth(month), amount: Money(minorUnits: minor, currency: try CurrencyCode(currency)))
    }

    static func decodeContract(_ row: Row) throws -> ContractRevenue.Contract {
        let (customer, minor, currency, start, end) = try row.decode((UUID, Int64, String, LocalDate, LocalDate).self)
        return ContractRevenue.Contract(
            customerID: customer, arr: Money(minorUnits: minor, currency: try CurrencyCode(currency)), start: start, end: end)
    }

    /// Which customers a retention figure is over. `reach` (of `contracts.read`) keeps only the customers whose
    /// values the caller may see; `nil` is every customer of the org (a bound KPI's figure, computed for the goal).
    public struct Scope: Sendable {
        public var companyID: UUID?
        public var teamID: UUID?
        public var segment: String?
        /// Customers this member owns now (a member-scoped KPI).
        public var currentOwnerID: UUID?
        public var reach: Reach?

        public init(companyID: UUID? = nil, teamID: UUID? = nil, segment: String? = nil, currentOwnerID: UUID? = nil, reach: Reach? = nil) {
            (self.companyID, self.teamID, self.segment, self.currentOwnerID, self.reach) = (companyID, teamID, segment, currentOwnerID, reach)
        }

        func condition(_ tx: TenantTransaction) -> SQLQuery {
            let reachCondition: SQLQuery = reach.map { $0.condition(team: "c.team_id", company: "c.company_id") } ?? "true"
            return """
                c.org_id = \(tx.org)
                AND (\(companyID)::uuid IS NULL OR c.company_id = \(companyID))
                AND (\(teamID)::uuid IS NULL OR c.team_id = \(teamID))
                AND (\(segment)::text IS NULL OR c.segment = \(segment))
                AND (\(currentOwnerID)::uuid IS NULL OR c.owner_id = \(currentOwnerID))
                AND c.merged_into IS NULL
                AND \(reachCondition)
                """
        }
    }

    /// A customer in a retention scope, with its owner on `ownerOn` (owner history; the current owner when the
    /// history does not reach back that far).
    public struct ScopedCustomer: Sendable {
        public var id: UUID
        public var name: String
        public var companyID: UUID
        public var teamID: UUID?
        public var segment: String?
        public var ownerAtStart: UUID?
    }

    /// The inputs of GRR/NRR over `months`: the customers in scope, their snapshots of those months and the
    /// contracts covering any of them. One statement: the customers in scope are read once (a materialized CTE)
    /// and the snapshots and contracts joined to them, told apart by a `kind` column — one round trip, one scan of
    /// the customers and their row-security check instead of three. Each customer's owner on `ownerOn` (owner
    /// history) is looked up only when asked: `nil` leaves ``ScopedCustomer/ownerAtStart`` nil, for callers that
    /// neither group by CSM nor filter by one. `withCustomers: false` leaves the customers out of the answer (the
    /// snapshots and contracts are still only those of the customers in scope), for an org-wide figure that needs
    /// neither their names nor where they sit.
    public static func retentionInputs(
        _ tx: TenantTransaction, scope: Scope, months: [YearMonth], ownerOn: LocalDate?, withCustomers: Bool = true
    ) async throws -> (customers: [ScopedCustomer], snapshots: [MonthlyRevenue], contracts: [ContractRevenue.Contract])
    {
        guard let first = months.min(), let last = months.max() else { return ([], [], []) }
        let owner: SQLQuery = ownerOn.map { day in
            """
            coalesce((SELECT h.owner_id FROM customer_owner_history h
                      WHERE h.org_id = c.org_id AND h.customer_id = c.id AND h.from_date <= \(day)
                      ORDER BY h.from_date DESC, h.created_at DESC LIMIT 1), c.owner_id)
            """
        } ?? "NULL::uuid"
        let monthDays = Array(Set(months)).sorted().map { $0.firstDay.description }
        let rows = try await tx.query(
            """
            WITH c AS MATERIALIZED (
                SELECT c.id, c.name, c.company_id, c.team_id, c.segment, \(owner) AS owner_at_start
                FROM customer c WHERE \(scope.condition(tx))
            )
            SELECT 0 AS kind, c.id, c.name, c.company_id, c.team_id, c.segment, c.owner_at_start,
                NULL::date, NULL::date, NULL::text, NULL::bigint
            FROM c WHERE \(withCustomers)
            UNION ALL
            SELECT 1, s.customer_id, NULL, NULL, NULL, NULL, NULL, s.month, NULL, s.currency, s.amount_minor
            FROM revenue_snapshot s JOIN c ON c.id = s.customer_id
            WHERE s.org_id = \(tx.org) AND s.month = ANY(\(monthDays)::date[])
            UNION ALL
            SELECT 2, k.customer_id, NULL, NULL, NULL, NULL, NULL, k.start_date, k.end_date, k.currency, k.arr_minor
            FROM contract k JOIN c ON c.id = k.customer_id
            WHERE k.org_id = \(tx.org) AND k.start_date <= \(last.lastDay) AND k.end_date >= \(first.firstDay)
            """)
        var customers: [ScopedCustomer] = []
        var snapshots: [MonthlyRevenue] = []
        var contracts: [ContractRevenue.Contract] = []
        var currencies: [String: CurrencyCode] = [:]
        func currency(_ code: String) throws -> CurrencyCode {
            if let known = currencies[code] { return known }
            let parsed = try CurrencyCode(code)
            currencies[code] = parsed
            return parsed
        }
        for row in rows {
            let id = try row.decode(UUID.self, at: 1)
            switch try row.decode(Int.self, at: 0) {
            case 0:
                customers.append(ScopedCustomer(
                    id: id, name: try row.decode(String.self, at: 2), companyID: try row.decode(UUID.self, at: 3),
                    teamID: try row.decode(UUID?.self, at: 4), segment: try row.decode(String?.self, at: 5),
                    ownerAtStart: try row.decode(UUID?.self, at: 6)))
            case 1:
                snapshots.append(MonthlyRevenue(
                    customerID: id, month: YearMonth(try row.decode(LocalDate.self, at: 7)),
                    amount: Money(minorUnits: try row.decode(Int64.self, at: 10), currency: try currency(try row.decode(String.self, at: 9)))))
            default:
                contracts.append(ContractRevenue.Contract(
                    customerID: id,
                    arr: Money(minorUnits: try row.decode(Int64.self, at: 10), currency: try currency(try row.decode(String.self, at: 9))),
                    start: try row.decode(LocalDate.self, at: 7), end: try row.decode(LocalDate.self, at: 8)))
            }
        }
        return (customers, snapshots, contracts)
    }
}

extension RevenueRepository {
    /// Names of companies, teams and members among `ids`, for a report's group labels (one statement).
    public static func names(_ tx: TenantTransaction, ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for row in try await tx.query(
            """
            SELECT id, name FROM company WHERE org_id = \(tx.org) AND id = ANY(\(ids))
            UNION ALL SELECT id, name FROM team WHERE org_id = \(tx.org) AND id = ANY(\(ids))
            UNION ALL SELECT id, display_name FROM member WHERE org_id = \(tx.org) AND id = ANY(\(ids))
            """)
        {
            let (id, name) = try row.decode((UUID, String).self)
            names[id] = name
        }
        return names
    }

    /// Each customer of `scope`'s owner on `day` (owner history; the current owner when it does not reach back).
    public static func owners(_ tx: TenantTransaction, scope: Scope, on day: LocalDate) async throws -> [UUID: UUID] {
        var owners: [UUID: UUID] = [:]
        for row in try await tx.query(
            """
            SELECT c.id, coalesce((SELECT h.owner_id FROM customer_owner_history h
                          WHERE h.org_id = c.org_id AND h.customer_id = c.id AND h.from_date <= \(day)
                          ORDER BY h.from_date DESC, h.created_at DESC LIMIT 1), c.owner_id)
            FROM customer c WHERE \(scope.condition(tx))
            """)
        {
            let (id, owner) = try row.decode((UUID, UUID?).self)
            if let owner { owners[id] = owner }
        }
        return owners
    }
}
