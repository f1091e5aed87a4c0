public import Database
public import Domain
public import Foundation

/// Organisations. Creating one runs in the new org's own tenant transaction: the policies admit the row because
/// its id is the transaction's org.
public enum OrganizationRepository {
    static let columns: SQLQuery = "id, slug, name, time_zone, fiscal_year_start_month, locale, created_at, updated_at, version"

    static func decode(_ row: Row) throws -> Organization {
        let (id, slug, name, timeZone, month, locale, created, updated, version) = try row.decode(
            (UUID, String, String, String, Int, String, Date, Date, Int).self)
        return Organization(
            id: id, slug: slug, name: name, timeZone: timeZone, fiscalYearStartMonth: month,
            locale: Organization.Locale(rawValue: locale) ?? .ja, createdAt: created, updatedAt: updated, version: version)
    }

    public static func insert(_ tx: some QueryRunner, _ org: Organization) async throws -> Organization {
        do {
            let row = try await tx.query(
                """
                INSERT INTO org (id, slug, name, time_zone, fiscal_year_start_month, locale)
                VALUES (\(org.id), \(org.slug), \(org.name), \(org.timeZone), \(org.fiscalYearStartMonth), \(org.locale.rawValue))
                RETURNING \(columns)
                """)
            return try decode(row[0])
        } catch {
            throw DomainError.from(error, conflicts: ["org_slug_key": ("slug", "the slug is taken")])
        }
    }

    /// The transaction's own organisation.
    public static func current(_ tx: TenantTransaction) async throws -> Organization? {
        try await get(tx, id: tx.org)
    }

    public static func get(_ tx: some QueryRunner, id: UUID) async throws -> Organization? {
        try await tx.query("SELECT \(columns) FROM org WHERE id = \(id)").first.map(decode)
    }

    /// For sign-in, inside system work: the org that answers to a slug.
    public static func find(_ tx: some QueryRunner, slug: String) async throws -> Organization? {
        try await tx.query("SELECT \(columns) FROM org WHERE slug = \(slug)").first.map(decode)
    }

    public static func update(_ tx: some QueryRunner, _ org: Organization, expectedVersion: Int?) async throws -> Organization? {
        let rows = try await tx.query(
            """
            UPDATE org SET name = \(org.name), time_zone = \(org.timeZone),
                fiscal_year_start_month = \(org.fiscalYearStartMonth), locale = \(org.locale.rawValue),
                updated_at = banso_now(), version = version + 1
            WHERE id = \(org.id) AND (\(expectedVersion)::int IS NULL OR version = \(expectedVersion))
            RETURNING \(columns)
            """)
        return try rows.first.map(decode)
    }
}
