public import Database
public import Foundation

/// The record of each transfer (人事異動): who handed what to whom.
public enum WorkTransferRepository {
    public struct Record: Sendable {
        public var id: UUID
        public var fromMemberID: UUID
        public var toMemberID: UUID
        public var byMemberID: UUID
        public var goalIDs: [UUID]
        public var checkInIDs: [UUID]
        public var accountabilityIDs: [UUID]
        /// The customers the leaver owned, now the receiver's.
        public var customerIDs: [UUID]
        public var note: String?
        public var createdAt: Date

        public init(
            id: UUID, fromMemberID: UUID, toMemberID: UUID, byMemberID: UUID, goalIDs: [UUID], checkInIDs: [UUID],
            accountabilityIDs: [UUID], note: String?, createdAt: Date, customerIDs: [UUID] = []
        ) {
            self.id = id
            self.fromMemberID = fromMemberID
            self.toMemberID = toMemberID
            self.byMemberID = byMemberID
            self.goalIDs = goalIDs
            self.checkInIDs = checkInIDs
            self.accountabilityIDs = accountabilityIDs
            self.customerIDs = customerIDs
            self.note = note
            self.createdAt = createdAt
        }
    }

    static let columns: SQLQuery =
        "id, from_member, to_member, by_member, goal_ids, check_in_ids, accountability_ids, note, created_at, customer_ids"

    static func decode(_ row: Row) throws -> Record {
        var r = RowReader(row)
        return Record(
            id: try r.next(), fromMemberID: try r.next(), toMemberID: try r.next(), byMemberID: try r.next(),
            goalIDs: try r.next(), checkInIDs: try r.next(), accountabilityIDs: try r.next(), note: try r.next(),
            createdAt: try r.next(), customerIDs: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ t: Record) async throws -> Record {
        let rows = try await tx.query(
            """
            INSERT INTO work_transfer (org_id, id, from_member, to_member, by_member, goal_ids, check_in_ids,
                accountability_ids, note, customer_ids)
            VALUES (\(tx.org), \(t.id), \(t.fromMemberID), \(t.toMemberID), \(t.byMemberID), \(t.goalIDs), \(t.checkInIDs),
                \(t.accountabilityIDs), \(t.note), \(t.customerIDs))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Record? {
        try await tx.query("SELECT \(columns) FROM work_transfer WHERE org_id = \(tx.org) AND id = \(id)").first.map(decode)
    }

    public static func list(_ tx: TenantTransaction, member: UUID?, after cursor: UUID?, limit: Int) async throws
        -> Page<Record>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM work_transfer
            WHERE org_id = \(tx.org) AND (\(member)::uuid IS NULL OR from_member = \(member) OR to_member = \(member))
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }
}
