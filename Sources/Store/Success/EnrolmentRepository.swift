public import Database
public import Domain
public import Foundation

extension Enrolment.State: TextColumn {}

/// Enrolments: a customer in a success program. The presentation and result are stored as JSON (read and written
/// whole, with the enrolment); a customer has at most one active enrolment (a unique index).
public enum EnrolmentRepository {
    /// What a list filters on; `nil` leaves a filter out.
    public struct Filter: Sendable {
        public var customerID: UUID?
        public var csmID: UUID?
        public var state: Enrolment.State?

        public init(customerID: UUID? = nil, csmID: UUID? = nil, state: Enrolment.State? = nil) {
            (self.customerID, self.csmID, self.state) = (customerID, csmID, state)
        }
    }

    static let columns: SQLQuery = """
        e.id, e.customer_id, e.template_id, e.start_date, e.months, e.monthly_budget_minutes, e.csm_id, e.participant_ids,
        e.state, e.presentation, e.result, e.created_at, e.updated_at, e.version
        """

    static func decode(_ row: Row) throws -> Enrolment {
        var r = RowReader(row)
        let id: UUID = try r.next(), customer: UUID = try r.next(), template: UUID = try r.next(), start: LocalDate = try r.next()
        let months: Int = try r.next(), budget: Int = try r.next(), csm: UUID = try r.next(), participants: [UUID] = try r.next()
        let state: Enrolment.State = try r.next()
        let presentation: JSON<SuccessPresentation>? = try r.next(), result: JSON<ProgramResult>? = try r.next()
        return Enrolment(
            id: id, customerID: customer, templateID: template, startDate: start, months: months, monthlyBudgetMinutes: budget,
            csmID: csm, participantIDs: participants, state: state, presentation: presentation?.value, result: result?.value,
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    static let conflicts = ["enrolment_active_idx": ("customer_id", "the customer is already in a running program")]

    public static func insert(_ tx: TenantTransaction, _ e: Enrolment) async throws -> Enrolment {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO enrolment AS e (org_id, id, customer_id, template_id, start_date, months, monthly_budget_minutes, csm_id,
                    participant_ids, state)
                VALUES (\(tx.org), \(e.id), \(e.customerID), \(e.templateID), \(e.startDate), \(e.months), \(e.monthlyBudgetMinutes),
                    \(e.csmID), \(e.participantIDs)::uuid[], \(e.state))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    /// Saves `e` if the stored version is still `e.version`; `nil` when someone else changed it first.
    public static func update(_ tx: TenantTransaction, _ e: Enrolment) async throws -> Enrolment? {
        do {
            let rows = try await tx.query(
                """
                UPDATE enrolment AS e SET csm_id = \(e.csmID), participant_ids = \(e.participantIDs)::uuid[], state = \(e.state),
                    presentation = \(e.presentation.map(JSON.init)), result = \(e.result.map(JSON.init)),
                    updated_at = banso_now(), version = e.version + 1
                WHERE e.org_id = \(tx.org) AND e.id = \(e.id) AND e.version = \(e.version)
                RETURNING \(columns)
                """)
            return try rows.first.map(decode)
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> Enrolment? {
        try await tx.query(
            """
            SELECT \(columns) FROM enrolment e WHERE e.org_id = \(tx.org) AND e.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// The enrolments of customers `visibleTo` reads (``CustomerVisibility``), filtered, in id order.
    public static func list(
        _ tx: TenantTransaction, _ filter: Filter, visibleTo reach: Reach, after cursor: UUID?, limit: Int
    ) async throws -> Page<Enrolment> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM enrolment e
            JOIN customer c ON c.org_id = e.org_id AND c.id = e.customer_id
            WHERE e.org_id = \(tx.org) AND \(CustomerVisibility.condition(reach, customer: "c"))
              AND (\(filter.customerID)::uuid IS NULL OR e.customer_id = \(filter.customerID))
              AND (\(filter.csmID)::uuid IS NULL OR e.csm_id = \(filter.csmID))
              AND (\(filter.state?.rawValue)::text IS NULL OR e.state = \(filter.state?.rawValue))
            \(Keyset(after: cursor, limit: limit).clause("e.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// Of `ids`, those that are live (not erased) contacts of `customer`.
    public static func contacts(_ tx: TenantTransaction, customer: UUID, among ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        return Set(try await tx.query(
            """
            SELECT id FROM contact
            WHERE org_id = \(tx.org) AND customer_id = \(customer) AND id = ANY(\(ids)::uuid[]) AND erased_at IS NULL
            """
        ).map { try $0.decode(UUID.self, at: 0) })
    }

    /// Contacts' names by id (an erased contact's is ``Contact/erasedName``).
    public static func contactNames(_ tx: TenantTransaction, _ ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for row in try await tx.query("SELECT id, name FROM contact WHERE org_id = \(tx.org) AND id = ANY(\(ids)::uuid[])") {
            let (id, name) = try row.decode((UUID, String).self)
            names[id] = name
        }
        return names
    }

    /// Records that `key` was sent for the enrolment; `false` when it had been already — the once-only gate of
    /// reminders and of the manager's over-budget flag, safe against two requests at once.
    public static func markSent(_ tx: TenantTransaction, enrolment: UUID, key: String) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO program_reminder_sent (org_id, enrolment_id, reminder_key) VALUES (\(tx.org), \(enrolment), \(key))
            ON CONFLICT DO NOTHING
            """) == 1
    }

    /// The keys already sent for the enrolment.
    public static func sentKeys(_ tx: TenantTransaction, enrolment: UUID) async throws -> Set<String> {
        Set(try await tx.query(
            "SELECT reminder_key FROM program_reminder_sent WHERE org_id = \(tx.org) AND enrolment_id = \(enrolment)"
        ).map { try $0.decode(String.self, at: 0) })
    }
}
