public import Database
public import Foundation

/// A member's named list filters ("my C and D customers renewing this quarter"): the list's query string, kept as
/// given after it was checked by reading it as the list's filters.
public enum SavedViewRepository {
    public struct View: Sendable, Codable {
        public var id: UUID
        public var page: String
        public var name: String
        public var query: String
        public var createdAt: Date

        public init(id: UUID, page: String, name: String, query: String, createdAt: Date) {
            (self.id, self.page, self.name, self.query, self.createdAt) = (id, page, name, query, createdAt)
        }
    }

    static let columns: SQLQuery = "id, page, name, query, created_at"

    static func decode(_ row: Row) throws -> View {
        var r = RowReader(row)
        return View(id: try r.next(), page: try r.next(), name: try r.next(), query: try r.next(), createdAt: try r.next())
    }

    /// The member's views of `page` (every page when nil), by name.
    public static func list(_ tx: TenantTransaction, member: UUID, page: String?) async throws -> [View] {
        try await tx.query(
            """
            SELECT \(columns) FROM saved_view
            WHERE org_id = \(tx.org) AND member_id = \(member) AND (\(page)::text IS NULL OR page = \(page))
            ORDER BY page, name, id
            """
        ).map(decode)
    }

    public static func count(_ tx: TenantTransaction, member: UUID, page: String) async throws -> Int {
        let rows = try await tx.query(
            "SELECT count(*)::bigint FROM saved_view WHERE org_id = \(tx.org) AND member_id = \(member) AND page = \(page)")
        return Int(try rows[0].decode(Int64.self, at: 0))
    }

    public static func named(_ tx: TenantTransaction, member: UUID, page: String, name: String) async throws -> Bool {
        try await !tx.query(
            "SELECT 1 FROM saved_view WHERE org_id = \(tx.org) AND member_id = \(member) AND page = \(page) AND name = \(name)"
        ).isEmpty
    }

    public static func insert(_ tx: TenantTransaction, member: UUID, _ v: View) async throws -> View {
        let rows = try await tx.query(
            """
            INSERT INTO saved_view (org_id, id, member_id, page, name, query)
            VALUES (\(tx.org), \(v.id), \(member), \(v.page), \(v.name), \(v.query))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Deletes the member's own view; false when they have none of that id.
    public static func delete(_ tx: TenantTransaction, member: UUID, id: UUID) async throws -> View? {
        try await tx.query(
            "DELETE FROM saved_view WHERE org_id = \(tx.org) AND member_id = \(member) AND id = \(id) RETURNING \(columns)"
        ).first.map(decode)
    }
}
