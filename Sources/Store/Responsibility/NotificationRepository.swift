public import Database
public import Domain
public import Foundation

/// The in-app inbox.
public enum NotificationRepository {
    public struct Item: Sendable {
        public var id: UUID
        public var kind: String
        public var title: String
        public var body: String
        public var subjectType: String?
        public var subjectID: UUID?
        public var createdAt: Date
        public var readAt: Date?
    }

    static let columns: SQLQuery = "id, kind, title, body, subject_type, subject_id, created_at, read_at"

    static func decode(_ row: Row) throws -> Item {
        var r = RowReader(row)
        return Item(
            id: try r.next(), kind: try r.next(), title: try r.next(), body: try r.next(), subjectType: try r.next(),
            subjectID: try r.next(), createdAt: try r.next(), readAt: try r.next())
    }

    /// Puts a message in a member's inbox.
    public static func deliver(
        _ tx: Transaction, org: UUID, to member: UUID, _ message: NotificationMessage, subjectType: String?, subjectID: UUID?
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO notification (org_id, id, member_id, kind, title, body, subject_type, subject_id)
            VALUES (\(org), \(UUID.v7()), \(member), \(message.kind.rawValue), \(message.title), \(message.body),
                \(subjectType), \(subjectID))
            """)
    }

    /// Newest first; `before` is the cursor (ids are time-ordered).
    public static func list(_ tx: Transaction, org: UUID, member: UUID, unreadOnly: Bool, before cursor: UUID?, limit: Int)
        async throws -> Page<Item>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM notification
            WHERE org_id = \(org) AND member_id = \(member) AND (NOT \(unreadOnly) OR read_at IS NULL)
              AND (\(cursor)::uuid IS NULL OR id < \(cursor))
            ORDER BY id DESC LIMIT \(limit + 1)
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    public static func unreadCount(_ tx: Transaction, org: UUID, member: UUID) async throws -> Int {
        try await tx.query(
            "SELECT count(*) FROM notification WHERE org_id = \(org) AND member_id = \(member) AND read_at IS NULL"
        ).scalar(Int.self) ?? 0
    }

    /// Marks one of the member's notifications read; `false` if it is not theirs.
    public static func markRead(_ tx: Transaction, org: UUID, member: UUID, id: UUID) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE notification SET read_at = coalesce(read_at, now())
            WHERE org_id = \(org) AND member_id = \(member) AND id = \(id)
            """) == 1
    }

    public static func markAllRead(_ tx: Transaction, org: UUID, member: UUID) async throws -> Int {
        try await tx.execute(
            "UPDATE notification SET read_at = now() WHERE org_id = \(org) AND member_id = \(member) AND read_at IS NULL")
    }
}
