public import Database
public import Domain
public import Foundation

/// Companies' adoptions of process versions: history, never rewritten.
public enum ProcessAdoptionRepository {
    static let columns: SQLQuery = "a.id, a.company_id, a.process_id, a.version_id, v.number, a.adopted_on, a.adopted_by"

    static func decode(_ row: Row) throws -> ProcessAdoption {
        var r = RowReader(row)
        return ProcessAdoption(
            id: try r.next(), companyID: try r.next(), processID: try r.next(), versionID: try r.next(), versionNumber: try r.next(),
            adoptedOn: try r.next(), adoptedBy: try r.next())
    }

    @discardableResult
    public static func insert(_ tx: TenantTransaction, _ a: ProcessAdoption) async throws -> ProcessAdoption {
        try await tx.execute(
            """
            INSERT INTO process_adoption (org_id, id, company_id, process_id, version_id, adopted_on, adopted_by)
            VALUES (\(tx.org), \(a.id), \(a.companyID), \(a.processID), \(a.versionID), \(a.adoptedOn), \(a.adoptedBy))
            """)
        return a
    }

    /// The company's adoptions in the order they took effect (by day, then as made): what
    /// ``ProcessAdoption/current(companyID:on:among:)`` reads.
    public static func history(_ tx: TenantTransaction, company: UUID) async throws -> [ProcessAdoption] {
        try await tx.query(
            """
            SELECT \(columns) FROM process_adoption a
            JOIN process_version v ON v.org_id = a.org_id AND v.id = a.version_id
            WHERE a.org_id = \(tx.org) AND a.company_id = \(company)
            ORDER BY a.adopted_on, a.id
            """
        ).map(decode)
    }

    /// Every company's adoption in effect on `day`.
    public static func current(_ tx: TenantTransaction, on day: LocalDate) async throws -> [UUID: ProcessAdoption] {
        let rows = try await tx.query(
            """
            SELECT DISTINCT ON (a.company_id) \(columns) FROM process_adoption a
            JOIN process_version v ON v.org_id = a.org_id AND v.id = a.version_id
            WHERE a.org_id = \(tx.org) AND a.adopted_on <= \(day)
            ORDER BY a.company_id, a.adopted_on DESC, a.id DESC
            """)
        return Dictionary(try rows.map(decode).map { ($0.companyID, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
