public import Database
public import Domain
public import Foundation

/// Who owned a customer when, and which lifecycle phases it went through. Rows are closed, never deleted: GRR/NRR
/// per CSM attribute a customer to its owner at a window's start, and "how long did onboarding take" reads the
/// phases.
public enum CustomerHistoryRepository {
    public struct OwnerPeriod: Sendable {
        public var id: UUID
        public var ownerID: UUID?
        public var ownerName: String?
        public var fromDate: LocalDate
        public var toDate: LocalDate?
        public var changedBy: UUID?
        public var changedByName: String?
        public var transferID: UUID?
    }

    public struct PhasePeriod: Sendable {
        public var id: UUID
        public var phase: LifecyclePhase
        public var fromDate: LocalDate
        public var toDate: LocalDate?
        public var riskReasons: [LifecycleRisk]
        public var churnReason: String?
        public var changedBy: UUID?
        public var changedByName: String?
    }

    /// Moves the customers' owner history to `owner` from `today`, in one statement for any number of customers:
    /// each open period that began before today ends yesterday and a new one opens today; a period that began today
    /// (or is dated ahead) is corrected in place rather than left a day long.
    public static func changeOwners(
        _ tx: TenantTransaction, customers: [UUID], to owner: UUID?, on today: LocalDate, by author: UUID?, transfer: UUID?
    ) async throws {
        guard !customers.isEmpty else { return }
        let yesterday = LocalDate(daysSinceEpoch: today.daysSinceEpoch - 1)
        let newIDs = customers.map { _ in UUID.v7() }
        _ = try await tx.execute(
            """
            WITH closed AS (
                UPDATE customer_owner_history SET to_date = \(yesterday)
                WHERE org_id = \(tx.org) AND customer_id = ANY(\(customers)) AND to_date IS NULL AND from_date < \(today)
                RETURNING customer_id
            ), corrected AS (
                UPDATE customer_owner_history SET owner_id = \(owner), changed_by = \(author), transfer_id = \(transfer)
                WHERE org_id = \(tx.org) AND customer_id = ANY(\(customers)) AND to_date IS NULL AND from_date >= \(today)
                RETURNING customer_id
            )
            INSERT INTO customer_owner_history (org_id, id, customer_id, owner_id, from_date, changed_by, transfer_id)
            SELECT \(tx.org), x.new_id, x.id, \(owner), \(today), \(author), \(transfer)
            FROM unnest(\(customers)::uuid[], \(newIDs)::uuid[]) AS x(id, new_id)
            WHERE x.id NOT IN (SELECT customer_id FROM corrected)
            """)
    }

    /// Ends the open phase period the day before `since` and opens `phase` from `since`; a period that began on
    /// `since` is replaced in place (a correction made the same day).
    public static func changePhase(
        _ tx: TenantTransaction, customer: UUID, to phase: LifecyclePhase, since: LocalDate, risks: [LifecycleRisk],
        churnReason: String?, by author: UUID?
    ) async throws {
        let dayBefore = LocalDate(daysSinceEpoch: since.daysSinceEpoch - 1)
        _ = try await tx.execute(
            """
            WITH closed AS (
                UPDATE customer_phase_history SET to_date = \(dayBefore)
                WHERE org_id = \(tx.org) AND customer_id = \(customer) AND to_date IS NULL AND from_date < \(since)
                RETURNING id
            ), corrected AS (
                UPDATE customer_phase_history SET phase = \(phase), risk_reasons = \(risks), churn_reason = \(churnReason),
                    changed_by = \(author)
                WHERE org_id = \(tx.org) AND customer_id = \(customer) AND to_date IS NULL AND from_date >= \(since)
                RETURNING id
            )
            INSERT INTO customer_phase_history (org_id, id, customer_id, phase, from_date, risk_reasons, churn_reason, changed_by)
            SELECT \(tx.org), \(UUID.v7()), \(customer), \(phase), \(since), \(risks), \(churnReason), \(author)
            WHERE NOT EXISTS (SELECT 1 FROM corrected)
            """)
    }

    /// Keeps the open phase period's risks in step with the customer's (an edit of the risks, not a new phase).
    public static func updateOpenPhaseRisks(_ tx: TenantTransaction, customer: UUID, risks: [LifecycleRisk]) async throws {
        _ = try await tx.execute(
            """
            UPDATE customer_phase_history SET risk_reasons = \(risks)
            WHERE org_id = \(tx.org) AND customer_id = \(customer) AND to_date IS NULL
            """)
    }

    /// The owner periods, latest first, with names.
    public static func owners(_ tx: TenantTransaction, customer: UUID) async throws -> [OwnerPeriod] {
        let rows = try await tx.query(
            """
            SELECT h.id, h.owner_id, o.display_name, h.from_date, h.to_date, h.changed_by, a.display_name, h.transfer_id
            FROM customer_owner_history h
            LEFT JOIN member o ON o.org_id = h.org_id AND o.id = h.owner_id
            LEFT JOIN member a ON a.org_id = h.org_id AND a.id = h.changed_by
            WHERE h.org_id = \(tx.org) AND h.customer_id = \(customer)
            ORDER BY h.from_date DESC, h.created_at DESC
            """)
        return try rows.map { row in
            var r = RowReader(row)
            return OwnerPeriod(
                id: try r.next(), ownerID: try r.next(), ownerName: try r.next(), fromDate: try r.next(), toDate: try r.next(),
                changedBy: try r.next(), changedByName: try r.next(), transferID: try r.next())
        }
    }

    /// The phase periods, latest first, with names.
    public static func phases(_ tx: TenantTransaction, customer: UUID) async throws -> [PhasePeriod] {
        let rows = try await tx.query(
            """
            SELECT h.id, h.phase, h.from_date, h.to_date, h.risk_reasons, h.churn_reason, h.changed_by, a.display_name
            FROM customer_phase_history h
            LEFT JOIN member a ON a.org_id = h.org_id AND a.id = h.changed_by
            WHERE h.org_id = \(tx.org) AND h.customer_id = \(customer)
            ORDER BY h.from_date DESC, h.created_at DESC
            """)
        return try rows.map { row in
            var r = RowReader(row)
            return PhasePeriod(
                id: try r.next(), phase: try r.next(), fromDate: try r.next(), toDate: try r.next(), riskReasons: try r.next(),
                churnReason: try r.next(), changedBy: try r.next(), changedByName: try r.next())
        }
    }
}
