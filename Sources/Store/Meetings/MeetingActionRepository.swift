public import Database
public import Domain
public import Foundation

/// Action items recorded at an occurrence. Each is also an accountability (subject `meeting_action`), whose state
/// says whether the action is done — its latest one, so a reassignment moves the action to the new owner — and the
/// row keeps where it was decided and what it carried over from.
public enum MeetingActionRepository {
    public struct Action: Sendable, Hashable {
        public var id: UUID
        public var meetingID: UUID
        public var title: String
        public var ownerID: UUID
        public var ownerName: String
        public var dueDate: LocalDate?
        public var accountabilityID: UUID?
        /// The accountability's state (`nil` if it has none).
        public var state: Accountability.State?
        public var carriedFrom: UUID?
        public var createdBy: UUID
        public var createdAt: Date

        public var isOpen: Bool { state.map { !$0.isClosed && $0 != .declined } ?? true }
    }

    static let columns: SQLQuery = """
        x.id, x.meeting_id, x.title, coalesce(acc.assignee_id, x.owner_id), mb.display_name, coalesce(acc.due_date, x.due_date),
        coalesce(acc.id, x.accountability_id), acc.state, x.carried_from,
        x.created_by, x.created_at
        """
    static let from: SQLQuery = """
        meeting_action x
        LEFT JOIN LATERAL (
            SELECT a.id, a.state, a.assignee_id, a.due_date FROM accountability a
            WHERE a.org_id = x.org_id AND a.subject_type = 'meeting_action' AND a.subject_id = x.id
            ORDER BY a.created_at DESC, a.id DESC LIMIT 1
        ) acc ON true
        JOIN member mb ON mb.org_id = x.org_id AND mb.id = coalesce(acc.assignee_id, x.owner_id)
        """

    static func decode(_ row: Row) throws -> Action {
        var r = RowReader(row)
        let id: UUID = try r.next(), meeting: UUID = try r.next(), title: String = try r.next(), owner: UUID = try r.next()
        let ownerName: String = try r.next(), due: LocalDate? = try r.next(), accountability: UUID? = try r.next()
        let state: String? = try r.next()
        return Action(
            id: id, meetingID: meeting, title: title, ownerID: owner, ownerName: ownerName, dueDate: due, accountabilityID: accountability,
            state: state.flatMap(Accountability.State.init(rawValue:)), carriedFrom: try r.next(), createdBy: try r.next(),
            createdAt: try r.next())
    }

    public static func insert(
        _ tx: TenantTransaction, id: UUID, meeting: UUID, title: String, owner: UUID, dueDate: LocalDate?, accountability: UUID?,
        carriedFrom: UUID?, by author: UUID, at: Date
    ) async throws -> Action {
        try await tx.execute(
            """
            INSERT INTO meeting_action (org_id, id, meeting_id, title, owner_id, due_date, accountability_id, carried_from, created_by, created_at)
            VALUES (\(tx.org), \(id), \(meeting), \(title), \(owner), \(dueDate), \(accountability), \(carriedFrom), \(author), \(at))
            """)
        return try await get(tx, id: id)!
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Action? {
        try await tx.query("SELECT \(columns) FROM \(from) WHERE x.org_id = \(tx.org) AND x.id = \(id)").first.map(decode)
    }

    public static func list(_ tx: TenantTransaction, meeting: UUID) async throws -> [Action] {
        try await tx.query(
            "SELECT \(columns) FROM \(from) WHERE x.org_id = \(tx.org) AND x.meeting_id = \(meeting) ORDER BY x.created_at, x.id"
        ).map(decode)
    }
}
