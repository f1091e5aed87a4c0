public import Database
public import Domain
public import Foundation

/// Check-up questionnaires. The questions are stored as JSON: read and written whole, with the template.
public enum CheckUpTemplateRepository {
    static let columns: SQLQuery = "id, name, questions, archived_at, created_at, updated_at, version"

    static func decode(_ row: Row) throws -> CheckUpTemplate {
        var r = RowReader(row)
        let id: UUID = try r.next(), name: String = try r.next(), questions: JSON<[CheckUpQuestion]> = try r.next()
        return CheckUpTemplate(
            id: id, name: name, questions: questions.value, archivedAt: try r.next(), createdAt: try r.next(), updatedAt: try r.next(),
            version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ t: CheckUpTemplate) async throws -> CheckUpTemplate {
        let rows = try await tx.query(
            """
            INSERT INTO check_up_template (org_id, id, name, questions)
            VALUES (\(tx.org), \(t.id), \(t.name), \(JSON(t.questions)))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Saves `t` if its version is still `t.version`; `nil` when someone else changed it first.
    public static func update(_ tx: TenantTransaction, _ t: CheckUpTemplate) async throws -> CheckUpTemplate? {
        try await tx.query(
            """
            UPDATE check_up_template SET name = \(t.name), questions = \(JSON(t.questions)), archived_at = \(t.archivedAt),
                updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(t.id) AND version = \(t.version)
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> CheckUpTemplate? {
        try await tx.query(
            """
            SELECT \(columns) FROM check_up_template WHERE org_id = \(tx.org) AND id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// The org's live templates (archived ones when asked), in id order.
    public static func list(_ tx: TenantTransaction, archived: Bool, after cursor: UUID?, limit: Int) async throws -> Page<CheckUpTemplate> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM check_up_template
            WHERE org_id = \(tx.org) AND (archived_at IS NOT NULL) = \(archived)
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// The most recently created live template: what a check-up sent by hand uses when nothing else names one.
    public static func latestLive(_ tx: TenantTransaction) async throws -> CheckUpTemplate? {
        try await tx.query(
            "SELECT \(columns) FROM check_up_template WHERE org_id = \(tx.org) AND archived_at IS NULL ORDER BY id DESC LIMIT 1"
        ).first.map(decode)
    }
}
