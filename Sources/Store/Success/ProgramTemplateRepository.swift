public import Database
public import Domain
public import Foundation

/// Success-program templates. The planned sessions are stored as JSON: they are read and written whole, with the
/// template.
public enum ProgramTemplateRepository {
    static let columns: SQLQuery = """
        t.id, t.name, t.months, t.monthly_budget_minutes, t.sessions, t.archived_at, t.created_at, t.updated_at, t.version
        """

    static func decode(_ row: Row) throws -> ProgramTemplate {
        var r = RowReader(row)
        let id: UUID = try r.next(), name: String = try r.next(), months: Int = try r.next(), budget: Int = try r.next()
        let sessions: JSON<[ProgramTemplate.PlannedSession]> = try r.next()
        return ProgramTemplate(
            id: id, name: name, months: months, monthlyBudgetMinutes: budget, sessions: sessions.value, archivedAt: try r.next(),
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    static let conflicts = ["program_template_name_idx": ("name", "a live template already has this name")]

    public static func insert(_ tx: TenantTransaction, _ t: ProgramTemplate) async throws -> ProgramTemplate {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO program_template AS t (org_id, id, name, months, monthly_budget_minutes, sessions)
                VALUES (\(tx.org), \(t.id), \(t.name), \(t.months), \(t.monthlyBudgetMinutes), \(JSON(t.sessions)))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    /// Saves `t` if the stored version is still `t.version`; `nil` when someone else changed it first.
    public static func update(_ tx: TenantTransaction, _ t: ProgramTemplate) async throws -> ProgramTemplate? {
        do {
            let rows = try await tx.query(
                """
                UPDATE program_template AS t SET name = \(t.name), months = \(t.months),
                    monthly_budget_minutes = \(t.monthlyBudgetMinutes), sessions = \(JSON(t.sessions)), archived_at = \(t.archivedAt),
                    updated_at = banso_now(), version = t.version + 1
                WHERE t.org_id = \(tx.org) AND t.id = \(t.id) AND t.version = \(t.version)
                RETURNING \(columns)
                """)
            return try rows.first.map(decode)
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> ProgramTemplate? {
        try await tx.query(
            """
            SELECT \(columns) FROM program_template t WHERE t.org_id = \(tx.org) AND t.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// The org's templates (archived ones only when asked), in id order.
    public static func list(_ tx: TenantTransaction, archived: Bool, after cursor: UUID?, limit: Int) async throws -> Page<ProgramTemplate> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM program_template t
            WHERE t.org_id = \(tx.org) AND (t.archived_at IS NOT NULL) = \(archived)
            \(Keyset(after: cursor, limit: limit).clause("t.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }
}
