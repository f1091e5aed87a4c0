public import Database
public import Domain
public import Foundation

/// The periods customers stood at light or deep success (reached, and lost if a measure fell back), and the
/// customers the attainment report counts.
public enum SuccessAttainmentRepository {
    public struct Period: Sendable, Equatable {
        public var id: UUID
        public var customerID: UUID
        public var tier: SuccessTier
        public var definitionID: UUID
        public var reachedOn: LocalDate
        public var lostOn: LocalDate?
    }

    static let columns: SQLQuery = "r.id, r.customer_id, r.tier, r.definition_id, r.reached_on, r.lost_on"

    static func decode(_ row: Row) throws -> Period {
        var r = RowReader(row)
        let id: UUID = try r.next(), customer: UUID = try r.next(), tier: String = try r.next()
        return Period(
            id: id, customerID: customer, tier: SuccessTier(rawValue: tier) ?? .light, definitionID: try r.next(),
            reachedOn: try r.next(), lostOn: try r.next())
    }

    /// The customer's periods, latest first (open ones are those without `lostOn`).
    public static func periods(_ tx: TenantTransaction, customer: UUID) async throws -> [Period] {
        try await tx.query(
            """
            SELECT \(columns) FROM customer_success_reached r
            WHERE r.org_id = \(tx.org) AND r.customer_id = \(customer)
            ORDER BY r.reached_on DESC, r.id DESC LIMIT 100
            """
        ).map(decode)
    }

    /// The open periods of several customers.
    public static func open(_ tx: TenantTransaction, customers: [UUID]) async throws -> [Period] {
        guard !customers.isEmpty else { return [] }
        return try await tx.query(
            """
            SELECT \(columns) FROM customer_success_reached r
            WHERE r.org_id = \(tx.org) AND r.customer_id = ANY(\(customers)) AND r.lost_on IS NULL
            """
        ).map(decode)
    }

    /// Opens a period; `nil` when one is already open for the tier (another transaction recorded it first).
    public static func reach(_ tx: TenantTransaction, customer: UUID, tier: SuccessTier, definition: UUID, on: LocalDate) async throws -> Period? {
        try await tx.query(
            """
            INSERT INTO customer_success_reached AS r (org_id, id, customer_id, tier, definition_id, reached_on)
            VALUES (\(tx.org), \(UUID.v7()), \(customer), \(tier.rawValue), \(definition), \(on))
            ON CONFLICT (org_id, customer_id, tier) WHERE lost_on IS NULL DO NOTHING
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// Closes an open period on `on` (never before the day it was reached).
    public static func lose(_ tx: TenantTransaction, id: UUID, on: LocalDate) async throws -> Period? {
        try await tx.query(
            """
            UPDATE customer_success_reached r SET lost_on = greatest(r.reached_on, \(on)::date), updated_at = banso_now()
            WHERE r.org_id = \(tx.org) AND r.id = \(id) AND r.lost_on IS NULL
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// A customer the report counts: live (not archived, not merged away), visible to the reader.
    public struct Counted: Sendable {
        public var id: UUID
        public var companyID: UUID
        /// The start of its first contract.
        public var contractStart: LocalDate?
    }

    /// The live customers `reach` (of `customers.read`) sees, optionally of one company, with their first contract's
    /// start.
    public static func customers(_ tx: TenantTransaction, visibleTo reach: Reach, companyID: UUID?) async throws -> [Counted] {
        try await tx.query(
            """
            SELECT c.id, c.company_id,
                (SELECT min(k.start_date) FROM contract k WHERE k.org_id = c.org_id AND k.customer_id = c.id)
            FROM customer c
            WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL AND c.merged_into IS NULL
              AND (\(companyID)::uuid IS NULL OR c.company_id = \(companyID))
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            ORDER BY c.id
            """
        ).map { row in
            let (id, company, start) = try row.decode((UUID, UUID, LocalDate?).self)
            return Counted(id: id, companyID: company, contractStart: start)
        }
    }
}
