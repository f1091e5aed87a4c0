public import Database
public import Domain
public import Foundation

/// What the support pages read beyond ``TicketRepository``: the queue in the order support works it (urgent first,
/// then the longest waiting), a name search over the tickets' customers, the products and sources in use for the
/// filters, and the timeline events of one ticket.
public enum TicketQueueRepository {
    public enum Order: String, Sendable, CaseIterable {
        /// Urgent, high, normal, low; within a priority the oldest opened first — the ticket waiting longest.
        case urgency
        /// Newest opened first, as a customer's history reads.
        case newest
    }

    public struct Filter: Sendable {
        public var base: TicketRepository.Filter
        /// Folded as ``CustomerSearch/normalise(_:)`` folds it; matched against the customer's names and reading.
        public var customerSearch: String?
        public var source: String?

        public init(base: TicketRepository.Filter, customerSearch: String? = nil, source: String? = nil) {
            (self.base, self.customerSearch, self.source) = (base, customerSearch, source)
        }
    }

    static let rank: SQLQuery = "CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END"
    static let cursorRank: SQLQuery = "CASE k.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END"

    /// Tickets of customers `reach` (of `customers.read`) sees, in `order`, one keyset page after `cursor` (the last
    /// id of the previous page).
    public static func list(
        _ tx: TenantTransaction, filter q: Filter, order: Order, visibleTo reach: Reach, after cursor: UUID?, limit: Int
    ) async throws -> Page<TicketRepository.Listed> {
        let f = q.base
        let keyset: SQLQuery
        let ordering: SQLQuery
        switch order {
        case .urgency:
            keyset = """
                (\(rank), t.opened_at, t.id) > (SELECT \(cursorRank), k.opened_at, k.id FROM ticket k WHERE k.org_id = \(tx.org) AND k.id = \(cursor))
                """
            ordering = "ORDER BY \(rank), t.opened_at, t.id"
        case .newest:
            keyset = "(t.opened_at, t.id) < (SELECT k.opened_at, k.id FROM ticket k WHERE k.org_id = \(tx.org) AND k.id = \(cursor))"
            ordering = "ORDER BY t.opened_at DESC, t.id DESC"
        }
        let search: SQLQuery = q.customerSearch.map { "AND strpos(c.search_text, \($0)) > 0" } ?? ""
        let rows = try await tx.query(
            """
            SELECT \(TicketRepository.columns), c.name FROM ticket t JOIN customer c ON c.org_id = t.org_id AND c.id = t.customer_id
            WHERE t.org_id = \(tx.org)
              AND \(f.condition)
              AND (\(q.source)::text IS NULL OR t.source = \(q.source))
              \(search)
              AND \(CustomerVisibility.condition(reach, customer: "c"))
              AND (\(cursor)::uuid IS NULL OR \(keyset))
            \(ordering) LIMIT \(limit + 1)
            """)
        return Page(fetched: try rows.map(TicketRepository.decodeListed), limit: limit, id: \.ticket.id)
    }

    /// The products and the sources on the tickets of customers `reach` sees, for the filters' choices.
    public static func choices(_ tx: TenantTransaction, visibleTo reach: Reach) async throws -> (products: [String], sources: [String]) {
        let rows = try await tx.query(
            """
            SELECT DISTINCT 'p', t.product FROM ticket t JOIN customer c ON c.org_id = t.org_id AND c.id = t.customer_id
            WHERE t.org_id = \(tx.org) AND t.product IS NOT NULL AND \(CustomerVisibility.condition(reach, customer: "c"))
            UNION
            SELECT DISTINCT 's', t.source FROM ticket t JOIN customer c ON c.org_id = t.org_id AND c.id = t.customer_id
            WHERE t.org_id = \(tx.org) AND \(CustomerVisibility.condition(reach, customer: "c"))
            """)
        var products: [String] = [], sources: [String] = []
        for row in rows {
            let kind = try row.decode(String.self, at: 0)
            let value = try row.decode(String.self, at: 1)
            if kind == "p" { products.append(value) } else { sources.append(value) }
        }
        return (products.sorted().prefix(200).map { $0 }, sources.sorted().prefix(50).map { $0 })
    }

    /// What the timeline holds about one ticket (opened, resolved, reopened, its expansion signal), oldest first.
    public static func events(_ tx: TenantTransaction, customer: UUID, ticket: UUID) async throws -> [TimelineEntry] {
        try await tx.query(
            """
            SELECT \(TimelineRepository.columns) FROM timeline_entry e
            WHERE e.org_id = \(tx.org) AND e.customer_id = \(customer) AND e.subject_type = 'ticket' AND e.subject_id = \(ticket)
            ORDER BY e.occurred_at, e.created_at, e.id LIMIT 200
            """
        ).map(TimelineRepository.decode)
    }
}
