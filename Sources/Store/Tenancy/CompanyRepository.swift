public import Database
public import Domain
public import Foundation

public enum CompanyRepository {
    static let conflicts = ["company_org_id_name_key": ("name", "a company with this name exists")]

    static func decode(_ row: Row) throws -> Company {
        let (id, name, created, updated, version) = try row.decode((UUID, String, Date, Date, Int).self)
        return Company(id: id, name: name, createdAt: created, updatedAt: updated, version: version)
    }

    public static func insert(_ tx: TenantTransaction, id: UUID, name: String) async throws -> Company {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO company (org_id, id, name) VALUES (\(tx.org), \(id), \(name))
                RETURNING id, name, created_at, updated_at, version
                """)
            return try decode(rows[0])
        } catch { throw DomainError.from(error, conflicts: conflicts) }
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Company? {
        try await tx.query(
            "SELECT id, name, created_at, updated_at, version FROM company WHERE org_id = \(tx.org) AND id = \(id)"
        ).first.map(decode)
    }

    public static func list(_ tx: TenantTransaction, after cursor: UUID?, limit: Int) async throws -> Page<Company> {
        let rows = try await tx.query(
            """
            SELECT id, name, created_at, updated_at, version FROM company
            WHERE org_id = \(tx.org)
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// Renames; `nil` when the company is gone or its version moved on (the caller tells which).
    public static func rename(_ tx: TenantTransaction, id: UUID, name: String, expectedVersion: Int?) async throws
        -> Company?
    {
        do {
            return try await tx.query(
                """
                UPDATE company SET name = \(name), updated_at = banso_now(), version = version + 1
                WHERE org_id = \(tx.org) AND id = \(id) AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion))
                RETURNING id, name, created_at, updated_at, version
                """
            ).first.map(decode)
        } catch { throw DomainError.from(error, conflicts: conflicts) }
    }

    /// Deletes a company that has no teams left.
    public static func delete(_ tx: TenantTransaction, id: UUID) async throws -> Bool {
        let teams = try await tx.query("SELECT count(*) FROM team WHERE org_id = \(tx.org) AND company_id = \(id)").scalar(Int.self) ?? 0
        guard teams == 0 else {
            throw DomainError(.conflict, "the company still has \(teams) team(s); move or delete them first")
        }
        return try await tx.execute("DELETE FROM company WHERE org_id = \(tx.org) AND id = \(id)") == 1
    }
}
