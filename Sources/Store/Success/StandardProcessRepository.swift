public import Database
public import Domain
public import Foundation

/// Standard processes (playbooks) themselves; their steps live in ``ProcessVersionRepository``.
public enum StandardProcessRepository {
    static let conflicts = [
        "standard_process_name_idx": ("name", "another process has this name"),
        "standard_process_org_standard_idx": ("is_org_standard", "another process is the organisation's standard"),
    ]

    static let columns: SQLQuery = "p.id, p.name, p.summary, p.is_org_standard, p.archived_at, p.created_at, p.updated_at, p.version"

    static func decode(_ row: Row) throws -> StandardProcess {
        var r = RowReader(row)
        return StandardProcess(
            id: try r.next(), name: try r.next(), summary: try r.next(), isOrgStandard: try r.next(), archivedAt: try r.next(),
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ p: StandardProcess, by member: UUID) async throws -> StandardProcess {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO standard_process AS p (org_id, id, name, summary, is_org_standard, created_by)
                VALUES (\(tx.org), \(p.id), \(p.name), \(p.summary), \(p.isOrgStandard), \(member))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch { throw DomainError.from(error, conflicts: conflicts) }
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> StandardProcess? {
        try await tx.query(
            """
            SELECT \(columns) FROM standard_process p WHERE p.org_id = \(tx.org) AND p.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// The org's standard process, if one is marked.
    public static func orgStandard(_ tx: TenantTransaction) async throws -> StandardProcess? {
        try await tx.query("SELECT \(columns) FROM standard_process p WHERE p.org_id = \(tx.org) AND p.is_org_standard").first.map(decode)
    }

    /// Saves `p` if its version is still `p.version`; `nil` when someone else changed it first.
    public static func update(_ tx: TenantTransaction, _ p: StandardProcess) async throws -> StandardProcess? {
        do {
            return try await tx.query(
                """
                UPDATE standard_process AS p SET name = \(p.name), summary = \(p.summary), is_org_standard = \(p.isOrgStandard),
                    archived_at = \(p.archivedAt), updated_at = banso_now(), version = p.version + 1
                WHERE p.org_id = \(tx.org) AND p.id = \(p.id) AND p.version = \(p.version)
                RETURNING \(columns)
                """
            ).first.map(decode)
        } catch { throw DomainError.from(error, conflicts: conflicts) }
    }

    /// Unmarks the org's standard (all but `except`), so another can be marked in the same transaction.
    public static func clearStandard(_ tx: TenantTransaction, except id: UUID) async throws {
        try await tx.execute(
            """
            UPDATE standard_process SET is_org_standard = false, updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND is_org_standard AND id <> \(id)
            """)
    }

    /// The org's processes (archived ones only when asked), a keyset page in id order.
    public static func list(_ tx: TenantTransaction, archived: Bool, after cursor: UUID?, limit: Int) async throws -> Page<StandardProcess> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM standard_process p
            WHERE p.org_id = \(tx.org) AND (p.archived_at IS NOT NULL) = \(archived)
            \(Keyset(after: cursor, limit: limit).clause("p.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// Processes by id (names for reports), archived ones too.
    public static func names(_ tx: TenantTransaction, ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await tx.query("SELECT id, name FROM standard_process WHERE org_id = \(tx.org) AND id = ANY(\(ids))")
        return Dictionary(try rows.decode((UUID, String).self).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    }

    /// How many companies currently run the process and how many customers are currently on it: archiving one in
    /// use would leave them on a process nobody can see in the list.
    public static func inUse(_ tx: TenantTransaction, id: UUID) async throws -> (companies: Int, customers: Int) {
        let rows = try await tx.query(
            """
            SELECT
                (SELECT count(*)::int FROM (
                    SELECT DISTINCT ON (a.company_id) a.process_id FROM process_adoption a
                    WHERE a.org_id = \(tx.org) AND a.adopted_on <= (banso_now() AT TIME ZONE (SELECT time_zone FROM org WHERE id = \(tx.org)))::date
                    ORDER BY a.company_id, a.adopted_on DESC, a.id DESC
                ) cur WHERE cur.process_id = \(id)),
                (SELECT count(*)::int FROM customer_process cp
                 WHERE cp.org_id = \(tx.org) AND cp.process_id = \(id) AND cp.ended_on IS NULL)
            """)
        let (companies, customers) = try rows[0].decode((Int, Int).self)
        return (companies, customers)
    }
}
