public import Database
public import Domain
public import Foundation

extension ProblemRecord.Status: TextColumn {}

/// Problem records (8D) with the tickets linked to them and the customers they affect: those of the tickets and
/// those added by hand.
public enum ProblemRepository {
    static let columns: SQLQuery = """
        p.id, p.title, p.description, p.containment, p.root_cause, p.corrective_action, p.preventive_action, p.owner_id,
        p.status, p.company_id, p.created_by, p.closed_at, p.created_at, p.updated_at, p.version
        """

    static func decode(_ row: Row) throws -> ProblemRecord {
        var r = RowReader(row)
        return ProblemRecord(
            id: try r.next(), title: try r.next(), description: try r.next(), containment: try r.next(),
            rootCause: try r.next(), correctiveAction: try r.next(), preventiveAction: try r.next(), ownerID: try r.next(),
            status: try r.next(), companyID: try r.next(), createdByID: try r.next(), closedAt: try r.next(),
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    /// What a problem's counts say: its tickets, the unresolved among them, and the customers it affects.
    public struct Counts: Sendable, Equatable {
        public var tickets: Int
        public var openTickets: Int
        public var customers: Int
    }

    public struct Listed: Sendable {
        public var problem: ProblemRecord
        public var counts: Counts
    }

    /// The counts as lateral joins on `p` (one index probe each), then the columns of ``Counts``.
    static let counting: SQLQuery = """
        LEFT JOIN LATERAL (
            SELECT count(*) AS tickets, count(*) FILTER (WHERE t.status IN ('open', 'pending')) AS open_tickets
            FROM ticket t WHERE t.org_id = p.org_id AND t.problem_id = p.id) s ON true
        LEFT JOIN LATERAL (
            SELECT count(*) AS customers FROM (
                SELECT t.customer_id FROM ticket t WHERE t.org_id = p.org_id AND t.problem_id = p.id
                UNION
                SELECT pc.customer_id FROM problem_customer pc WHERE pc.org_id = p.org_id AND pc.problem_id = p.id) u) a ON true
        """

    static func decodeListed(_ row: Row) throws -> Listed {
        var r = RowReader(row, from: 15)
        return Listed(
            problem: try decode(row), counts: Counts(tickets: try r.next(), openTickets: try r.next(), customers: try r.next()))
    }

    public static func insert(_ tx: TenantTransaction, _ p: ProblemRecord) async throws -> ProblemRecord {
        let rows = try await tx.query(
            """
            INSERT INTO problem_record AS p (org_id, id, title, description, containment, root_cause, corrective_action,
                preventive_action, owner_id, status, company_id, created_by, closed_at)
            VALUES (\(tx.org), \(p.id), \(p.title), \(p.description), \(p.containment), \(p.rootCause), \(p.correctiveAction),
                \(p.preventiveAction), \(p.ownerID), \(p.status), \(p.companyID), \(p.createdByID), \(p.closedAt))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> ProblemRecord? {
        let locking: SQLQuery = lock ? "FOR UPDATE" : ""
        return try await tx.query("SELECT \(columns) FROM problem_record p WHERE p.org_id = \(tx.org) AND p.id = \(id) \(locking)")
            .first.map(decode)
    }

    public static func update(_ tx: TenantTransaction, _ p: ProblemRecord, expectedVersion: Int?) async throws -> ProblemRecord? {
        try await tx.query(
            """
            UPDATE problem_record p SET title = \(p.title), description = \(p.description), containment = \(p.containment),
                root_cause = \(p.rootCause), corrective_action = \(p.correctiveAction), preventive_action = \(p.preventiveAction),
                owner_id = \(p.ownerID), status = \(p.status), company_id = \(p.companyID), closed_at = \(p.closedAt),
                updated_at = banso_now(), version = version + 1
            WHERE p.org_id = \(tx.org) AND p.id = \(p.id) AND (\(expectedVersion)::int IS NULL OR p.version = \(expectedVersion))
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// Moves the version on after a change of the problem's links, so an `If-Match` taken before it is stale.
    public static func touch(_ tx: TenantTransaction, id: UUID) async throws -> ProblemRecord {
        let rows = try await tx.query(
            """
            UPDATE problem_record p SET updated_at = banso_now(), version = version + 1
            WHERE p.org_id = \(tx.org) AND p.id = \(id) RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public static func counts(_ tx: TenantTransaction, id: UUID) async throws -> Counts {
        let rows = try await tx.query(
            "SELECT \(columns), s.tickets, s.open_tickets, a.customers FROM problem_record p \(counting) WHERE p.org_id = \(tx.org) AND p.id = \(id)")
        return try decodeListed(rows[0]).counts
    }

    public struct Filter: Sendable {
        public var statuses: [ProblemRecord.Status]?
        public var companyID: UUID?
        public var ownerID: UUID?
        public var customerID: UUID?

        public init(statuses: [ProblemRecord.Status]? = nil, companyID: UUID? = nil, ownerID: UUID? = nil, customerID: UUID? = nil) {
            (self.statuses, self.companyID, self.ownerID, self.customerID) = (statuses, companyID, ownerID, customerID)
        }
    }

    /// Problems `reach` (of `customers.read`, read "within": a team's reader sees its company's problems and the
    /// org's) sees, newest first.
    public static func list(
        _ tx: TenantTransaction, filter f: Filter, visibleTo reach: Reach, after cursor: UUID?, limit: Int
    ) async throws -> Page<Listed> {
        let statuses = f.statuses?.map(\.rawValue)
        let rows = try await tx.query(
            """
            SELECT \(columns), s.tickets, s.open_tickets, a.customers FROM problem_record p \(counting)
            WHERE p.org_id = \(tx.org)
              AND (\(statuses)::text[] IS NULL OR p.status = ANY(\(statuses)))
              AND (\(f.companyID)::uuid IS NULL OR p.company_id = \(f.companyID))
              AND (\(f.ownerID)::uuid IS NULL OR p.owner_id = \(f.ownerID))
              AND (\(f.customerID)::uuid IS NULL
                   OR EXISTS (SELECT 1 FROM ticket t WHERE t.org_id = p.org_id AND t.problem_id = p.id AND t.customer_id = \(f.customerID))
                   OR EXISTS (SELECT 1 FROM problem_customer pc WHERE pc.org_id = p.org_id AND pc.problem_id = p.id
                              AND pc.customer_id = \(f.customerID)))
              AND (p.owner_id = \(reach.memberID) OR \(reach.condition(team: "NULL::uuid", company: "p.company_id", within: true)))
            \(Keyset(after: cursor, limit: limit, newestFirst: true).clause("p.id"))
            """)
        return Page(fetched: try rows.map(decodeListed), limit: limit, id: \.problem.id)
    }

    /// A customer a problem affects, as far as the reader may see it.
    public struct AffectedCustomer: Sendable {
        public var id: UUID
        public var name: String
        /// Through one of the problem's tickets.
        public var viaTickets: Bool
        /// Added to the problem by hand.
        public var explicit: Bool
        public var tickets: Int
        public var openTickets: Int
    }

    /// The affected customers `reach` sees: those of the linked tickets ∪ those added by hand, in 五十音 order.
    public static func affectedCustomers(_ tx: TenantTransaction, problem: UUID, visibleTo reach: Reach) async throws -> [AffectedCustomer] {
        try await tx.query(
            """
            SELECT c.id, c.name, bool_or(u.via_ticket), bool_or(NOT u.via_ticket),
                count(u.ticket_id), count(u.ticket_id) FILTER (WHERE u.open)
            FROM (
                SELECT t.customer_id, true AS via_ticket, t.id AS ticket_id, t.status IN ('open', 'pending') AS open
                FROM ticket t WHERE t.org_id = \(tx.org) AND t.problem_id = \(problem)
                UNION ALL
                SELECT pc.customer_id, false, NULL::uuid, false
                FROM problem_customer pc WHERE pc.org_id = \(tx.org) AND pc.problem_id = \(problem)
            ) u
            JOIN customer c ON c.org_id = \(tx.org) AND c.id = u.customer_id
            WHERE \(CustomerVisibility.condition(reach, customer: "c"))
            GROUP BY c.id, c.name, c.sort_key
            ORDER BY c.sort_key, c.id
            """
        ).map { row in
            var r = RowReader(row)
            return AffectedCustomer(
                id: try r.next(), name: try r.next(), viaTickets: try r.next(), explicit: try r.next(), tickets: try r.next(),
                openTickets: try r.next())
        }
    }

    /// Links the ticket to the problem (a ticket belongs to one problem at most); the ticket's version moves on.
    public static func link(_ tx: TenantTransaction, ticket: UUID, to problem: UUID?) async throws {
        _ = try await tx.execute(
            """
            UPDATE ticket SET problem_id = \(problem), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(ticket)
            """)
    }

    /// Adds the customer to the problem by hand; false when it was already there.
    public static func addCustomer(_ tx: TenantTransaction, problem: UUID, customer: UUID, by author: UUID) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO problem_customer (org_id, problem_id, customer_id, added_by)
            VALUES (\(tx.org), \(problem), \(customer), \(author)) ON CONFLICT DO NOTHING
            """) > 0
    }

    /// Removes a customer added by hand; false when it was not.
    public static func removeCustomer(_ tx: TenantTransaction, problem: UUID, customer: UUID) async throws -> Bool {
        try await tx.execute(
            "DELETE FROM problem_customer WHERE org_id = \(tx.org) AND problem_id = \(problem) AND customer_id = \(customer)") > 0
    }

    /// Whether a ticket or customer of the problem lives outside `company` (before the problem moves into it).
    public static func touchesOtherCompanies(_ tx: TenantTransaction, problem: UUID, company: UUID) async throws -> Bool {
        try await tx.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM ticket t JOIN customer c ON c.org_id = t.org_id AND c.id = t.customer_id
                WHERE t.org_id = \(tx.org) AND t.problem_id = \(problem) AND c.company_id <> \(company)
            ) OR EXISTS (
                SELECT 1 FROM problem_customer pc JOIN customer c ON c.org_id = pc.org_id AND c.id = pc.customer_id
                WHERE pc.org_id = \(tx.org) AND pc.problem_id = \(problem) AND c.company_id <> \(company)
            )
            """
        )[0].decode(Bool.self, at: 0)
    }
}
