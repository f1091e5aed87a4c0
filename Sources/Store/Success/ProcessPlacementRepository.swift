public import Database
public import Domain
public import Foundation

/// Customers placed on process versions and the steps they completed. A new placement ends the current one, which
/// stays as history with its completions.
public enum ProcessPlacementRepository {
    /// One placement as stored.
    public struct Placement: Sendable {
        public var id: UUID
        public var progress: ProcessProgress
        public var placedBy: UUID?
        /// `nil` while it is the customer's current placement.
        public var endedOn: LocalDate?
        /// Who completed each step (by step id).
        public var completedBy: [UUID: UUID]
        public var revision: Int
    }

    /// A completion as the placement's query aggregates it.
    private struct StoredCompletion: Codable, Sendable {
        var step: UUID
        var on: LocalDate
        var by: UUID?
    }

    static let columns: SQLQuery = """
        cp.id, cp.customer_id, cp.process_id, cp.version_id, cp.placed_on, cp.placed_by, cp.ended_on, cp.version,
        coalesce((SELECT jsonb_agg(jsonb_build_object('step', s.step_id, 'on', s.completed_on, 'by', s.completed_by) ORDER BY s.position)
                  FROM customer_process_step s WHERE s.org_id = cp.org_id AND s.customer_process_id = cp.id), '[]'::jsonb)
        """

    static func decode(_ row: Row) throws -> Placement {
        var r = RowReader(row)
        let id: UUID = try r.next(), customer: UUID = try r.next(), process: UUID = try r.next(), version: UUID = try r.next()
        let placedOn: LocalDate = try r.next(), placedBy: UUID? = try r.next(), endedOn: LocalDate? = try r.next()
        let revision: Int = try r.next()
        let completions = try r.next(JSON<[StoredCompletion]>.self).value
        let progress = ProcessProgress(
            customerID: customer, processID: process, versionID: version, placedOn: placedOn,
            completions: completions.map { ProcessProgress.Completion(stepID: $0.step, completedOn: $0.on) })
        var by: [UUID: UUID] = [:]
        for completion in completions { if let member = completion.by { by[completion.step] = member } }
        return Placement(id: id, progress: progress, placedBy: placedBy, endedOn: endedOn, completedBy: by, revision: revision)
    }

    /// The customer's current placement (locked: a completion or a new placement writes after reading it).
    public static func current(_ tx: TenantTransaction, customer: UUID, lock: Bool = false) async throws -> Placement? {
        try await tx.query(
            """
            SELECT \(columns) FROM customer_process cp
            WHERE cp.org_id = \(tx.org) AND cp.customer_id = \(customer) AND cp.ended_on IS NULL
            \(lock ? "FOR UPDATE OF cp" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// Every placement of the customer, latest first (at most a handful in a customer's life; capped all the same).
    public static func history(_ tx: TenantTransaction, customer: UUID, limit: Int = 100) async throws -> [Placement] {
        try await tx.query(
            """
            SELECT \(columns) FROM customer_process cp
            WHERE cp.org_id = \(tx.org) AND cp.customer_id = \(customer)
            ORDER BY cp.placed_on DESC, cp.id DESC LIMIT \(limit)
            """
        ).map(decode)
    }

    /// Ends the current placement on `day` and writes the new one, in the caller's transaction.
    public static func place(_ tx: TenantTransaction, id: UUID, _ progress: ProcessProgress, by member: UUID) async throws -> Placement {
        try await tx.execute(
            """
            UPDATE customer_process SET ended_on = \(progress.placedOn), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND customer_id = \(progress.customerID) AND ended_on IS NULL
            """)
        let rows = try await tx.query(
            """
            INSERT INTO customer_process AS cp (org_id, id, customer_id, process_id, version_id, placed_on, placed_by)
            VALUES (\(tx.org), \(id), \(progress.customerID), \(progress.processID), \(progress.versionID), \(progress.placedOn), \(member))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Records a completed step; `position` is its place in the version.
    public static func complete(
        _ tx: TenantTransaction, placement: UUID, step: UUID, position: Int, on day: LocalDate, by member: UUID
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO customer_process_step (org_id, customer_process_id, step_id, position, completed_on, completed_by)
            VALUES (\(tx.org), \(placement), \(step), \(position), \(day), \(member))
            """)
        try await tx.execute(
            "UPDATE customer_process SET updated_at = banso_now(), version = version + 1 WHERE org_id = \(tx.org) AND id = \(placement)")
    }

    /// Every placement on `version` (current and past) of the customers `reach` reads: the lead times' data.
    public static func progresses(_ tx: TenantTransaction, version: UUID, visibleTo reach: Reach) async throws -> [ProcessProgress] {
        try await tx.query(
            """
            SELECT \(columns) FROM customer_process cp
            JOIN customer c ON c.org_id = cp.org_id AND c.id = cp.customer_id
            WHERE cp.org_id = \(tx.org) AND cp.version_id = \(version) AND c.merged_into IS NULL
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            """
        ).map { try decode($0).progress }
    }

    /// The current placements on `process` of live customers `reach` reads, with the customers' names: the stalls'
    /// data.
    public static func currentOn(_ tx: TenantTransaction, process: UUID, visibleTo reach: Reach) async throws
        -> [(progress: ProcessProgress, customerName: String)]
    {
        let rows = try await tx.query(
            """
            SELECT \(columns), c.name FROM customer_process cp
            JOIN customer c ON c.org_id = cp.org_id AND c.id = cp.customer_id
            WHERE cp.org_id = \(tx.org) AND cp.process_id = \(process) AND cp.ended_on IS NULL
              AND c.archived_at IS NULL AND c.merged_into IS NULL
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            """)
        return try rows.map { row in (try decode(row).progress, try row.decode(String.self, at: 9)) }
    }
}
