public import Database
public import Domain
public import Foundation

extension Ticket.Priority: TextColumn {}
extension Ticket.Status: TextColumn {}

/// Support tickets. Lists join the customer so that a page holds only tickets of customers the reader may see
/// (``CustomerVisibility``), newest opened first.
public enum TicketRepository {
    static let columns: SQLQuery = """
        t.id, t.customer_id, t.source, t.external_id, t.title, t.priority, t.product, t.status, t.opened_at,
        t.first_response_at, t.resolved_at, t.reopen_count, t.csat, t.phase_at_open, t.expansion_signal,
        t.expansion_note, t.handoff_id, t.problem_id, t.created_at, t.updated_at, t.version
        """

    static func decode(_ row: Row) throws -> Ticket {
        var r = RowReader(row)
        return Ticket(
            id: try r.next(), customerID: try r.next(), source: try r.next(), externalID: try r.next(), title: try r.next(),
            priority: try r.next(), product: try r.next(), status: try r.next(), openedAt: try r.next(),
            firstResponseAt: try r.next(), resolvedAt: try r.next(), reopenCount: try r.next(), csat: try r.next(),
            phaseAtOpen: try r.next(), expansionSignal: try r.next(), expansionNote: try r.next(), handoffID: try r.next(),
            problemID: try r.next(), createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    static let conflicts = ["ticket_org_id_source_external_id_key": ("external_id", "a ticket with this source and external id already exists")]

    public static func insert(_ tx: TenantTransaction, _ t: Ticket) async throws -> Ticket {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO ticket AS t (org_id, id, customer_id, source, external_id, title, priority, product, status, opened_at,
                    first_response_at, resolved_at, reopen_count, csat, phase_at_open, expansion_signal, expansion_note,
                    handoff_id, problem_id)
                VALUES (\(tx.org), \(t.id), \(t.customerID), \(t.source), \(t.externalID), \(t.title), \(t.priority),
                    \(t.product), \(t.status), \(t.openedAt), \(t.firstResponseAt), \(t.resolvedAt), \(t.reopenCount),
                    \(t.csat), \(t.phaseAtOpen), \(t.expansionSignal), \(t.expansionNote), \(t.handoffID), \(t.problemID))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> Ticket? {
        let locking: SQLQuery = lock ? "FOR UPDATE" : ""
        return try await tx.query("SELECT \(columns) FROM ticket t WHERE t.org_id = \(tx.org) AND t.id = \(id) \(locking)")
            .first.map(decode)
    }

    /// Writes the ticket's editable fields; nil when `expectedVersion` no longer matches.
    public static func update(_ tx: TenantTransaction, _ t: Ticket, expectedVersion: Int?) async throws -> Ticket? {
        try await tx.query(
            """
            UPDATE ticket t SET title = \(t.title), priority = \(t.priority), product = \(t.product), status = \(t.status),
                opened_at = \(t.openedAt), first_response_at = \(t.firstResponseAt), resolved_at = \(t.resolvedAt),
                reopen_count = \(t.reopenCount), csat = \(t.csat), phase_at_open = \(t.phaseAtOpen),
                expansion_signal = \(t.expansionSignal), expansion_note = \(t.expansionNote), handoff_id = \(t.handoffID),
                problem_id = \(t.problemID), updated_at = banso_now(), version = version + 1
            WHERE t.org_id = \(tx.org) AND t.id = \(t.id) AND (\(expectedVersion)::int IS NULL OR t.version = \(expectedVersion))
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// The customer's lifecycle phase at `instant`: the phase history's entry in force on that day (in the org's
    /// time zone), else the customer's current phase. Nil when there is no such customer.
    public static func phase(_ tx: TenantTransaction, customer: UUID, at instant: Date) async throws -> LifecyclePhase? {
        try await tx.query(
            """
            SELECT coalesce((
                SELECT h.phase FROM customer_phase_history h
                WHERE h.org_id = c.org_id AND h.customer_id = c.id AND h.from_date <= (\(instant)::timestamptz AT TIME ZONE o.time_zone)::date
                ORDER BY h.from_date DESC, h.created_at DESC, h.id DESC LIMIT 1), c.phase)
            FROM customer c JOIN org o ON o.id = c.org_id
            WHERE c.org_id = \(tx.org) AND c.id = \(customer)
            """
        ).first.map { try $0.decode(LifecyclePhase.self, at: 0) }
    }

    public struct Filter: Sendable {
        public var customerID: UUID?
        public var statuses: [Ticket.Status]?
        public var priorities: [Ticket.Priority]?
        public var product: String?
        /// True: open or pending only; false: resolved or closed only.
        public var open: Bool?
        public var problemID: UUID?
        public var expansionSignal: Bool?
        public var companyID: UUID?
        public var teamID: UUID?

        public init(
            customerID: UUID? = nil, statuses: [Ticket.Status]? = nil, priorities: [Ticket.Priority]? = nil,
            product: String? = nil, open: Bool? = nil, problemID: UUID? = nil, expansionSignal: Bool? = nil,
            companyID: UUID? = nil, teamID: UUID? = nil
        ) {
            (self.customerID, self.statuses, self.priorities, self.product) = (customerID, statuses, priorities, product)
            (self.open, self.problemID, self.expansionSignal) = (open, problemID, expansionSignal)
            (self.companyID, self.teamID) = (companyID, teamID)
        }

        /// The filter as a condition on `ticket t` joined to `customer c`: every list of tickets applies it.
        var condition: SQLQuery {
            let statuses = self.statuses?.map(\.rawValue)
            let priorities = self.priorities?.map(\.rawValue)
            return """
                (\(customerID)::uuid IS NULL OR t.customer_id = \(customerID))
                AND (\(statuses)::text[] IS NULL OR t.status = ANY(\(statuses)))
                AND (\(priorities)::text[] IS NULL OR t.priority = ANY(\(priorities)))
                AND (\(product)::text IS NULL OR t.product = \(product))
                AND (\(open)::boolean IS NULL OR (t.status IN ('open', 'pending')) = \(open))
                AND (\(problemID)::uuid IS NULL OR t.problem_id = \(problemID))
                AND (\(expansionSignal)::boolean IS NULL OR t.expansion_signal = \(expansionSignal))
                AND (\(companyID)::uuid IS NULL OR c.company_id = \(companyID))
                AND (\(teamID)::uuid IS NULL OR c.team_id = \(teamID))
                """
        }
    }

    /// A ticket in a list, with its customer's name.
    public struct Listed: Sendable {
        public var ticket: Ticket
        public var customerName: String
    }

    /// A row of ``columns`` followed by the customer's name.
    static func decodeListed(_ row: Row) throws -> Listed {
        Listed(ticket: try decode(row), customerName: try row.decode(String.self, at: 21))
    }

    /// Tickets of customers `reach` (of `customers.read`) sees, newest opened first; the cursor is the last id of
    /// the previous page.
    public static func list(
        _ tx: TenantTransaction, filter f: Filter, visibleTo reach: Reach, after cursor: UUID?, limit: Int
    ) async throws -> Page<Listed> {
        let rows = try await tx.query(
            """
            SELECT \(columns), c.name FROM ticket t JOIN customer c ON c.org_id = t.org_id AND c.id = t.customer_id
            WHERE t.org_id = \(tx.org)
              AND \(f.condition)
              AND \(CustomerVisibility.condition(reach, customer: "c"))
              AND (\(cursor)::uuid IS NULL
                   OR (t.opened_at, t.id) < (SELECT k.opened_at, k.id FROM ticket k WHERE k.org_id = \(tx.org) AND k.id = \(cursor)))
            ORDER BY t.opened_at DESC, t.id DESC LIMIT \(limit + 1)
            """)
        return Page(fetched: try rows.map(decodeListed), limit: limit, id: \.ticket.id)
    }
}
