public import Database
public import Domain
public import Foundation

/// Success definitions (light/deep) of the org and its companies. Aims and measures are stored as JSON: they are
/// read and written whole, with the definition.
public enum SuccessDefinitionRepository {
    static let columns: SQLQuery = """
        d.id, d.tier, d.company_id, d.definition, d.audience, d.aims, d.measures, d.responsible_team_id, d.method,
        d.archived_at, d.created_at, d.updated_at, d.version
        """

    static let conflicts = [
        "success_definition_live_idx": ("tier", "a live definition of this tier already exists for this scope; edit or archive it first")
    ]

    static func decode(_ row: Row) throws -> SuccessDefinition {
        var r = RowReader(row)
        let id: UUID = try r.next(), tier: String = try r.next(), company: UUID? = try r.next()
        let definition: String = try r.next(), audience: String = try r.next()
        let aims: JSON<[String]> = try r.next(), measures: JSON<[SuccessMeasure]> = try r.next()
        return SuccessDefinition(
            id: id, tier: SuccessTier(rawValue: tier) ?? .light, companyID: company, definition: definition, audience: audience,
            aims: aims.value, measures: measures.value, responsibleTeamID: try r.next(), method: try r.next(),
            archivedAt: try r.next(), createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ d: SuccessDefinition, by member: UUID?) async throws -> SuccessDefinition {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO success_definition AS d (org_id, id, tier, company_id, definition, audience, aims, measures,
                    responsible_team_id, method, created_by)
                VALUES (\(tx.org), \(d.id), \(d.tier.rawValue), \(d.companyID), \(d.definition), \(d.audience), \(JSON(d.aims)),
                    \(JSON(d.measures)), \(d.responsibleTeamID), \(d.method), \(member))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    /// Saves `d` over the stored definition if its version is still `d.version`; `nil` when someone changed it first.
    public static func update(_ tx: TenantTransaction, _ d: SuccessDefinition) async throws -> SuccessDefinition? {
        do {
            let rows = try await tx.query(
                """
                UPDATE success_definition AS d SET definition = \(d.definition), audience = \(d.audience), aims = \(JSON(d.aims)),
                    measures = \(JSON(d.measures)), responsible_team_id = \(d.responsibleTeamID), method = \(d.method),
                    archived_at = \(d.archivedAt), updated_at = banso_now(), version = d.version + 1
                WHERE d.org_id = \(tx.org) AND d.id = \(d.id) AND d.version = \(d.version)
                RETURNING \(columns)
                """)
            return try rows.first.map(decode)
        } catch {
            throw DomainError.from(error, conflicts: conflicts)
        }
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> SuccessDefinition? {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM success_definition d WHERE d.org_id = \(tx.org) AND d.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """)
        return try rows.first.map(decode)
    }

    /// Every live definition of the org (at most two per company and two org-wide): what decides which one applies
    /// to a customer.
    public static func live(_ tx: TenantTransaction) async throws -> [SuccessDefinition] {
        try await tx.query(
            "SELECT \(columns) FROM success_definition d WHERE d.org_id = \(tx.org) AND d.archived_at IS NULL ORDER BY d.id"
        ).map(decode)
    }

    public struct Filter: Sendable {
        public var tier: SuccessTier?
        public var companyID: UUID?
        /// Only the org-wide ones.
        public var orgWide: Bool
        public var archived: Bool

        public init(tier: SuccessTier? = nil, companyID: UUID? = nil, orgWide: Bool = false, archived: Bool = false) {
            (self.tier, self.companyID, self.orgWide, self.archived) = (tier, companyID, orgWide, archived)
        }
    }

    /// The definitions a reader of customers somewhere within their scope sees — org-wide ones for anyone who reads
    /// customers at all — in id order.
    public static func list(_ tx: TenantTransaction, _ f: Filter, visibleTo reach: Reach, page: Keyset) async throws -> Page<SuccessDefinition> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM success_definition d
            WHERE d.org_id = \(tx.org) AND (d.archived_at IS NOT NULL) = \(f.archived)
              AND (\(f.tier?.rawValue)::text IS NULL OR d.tier = \(f.tier?.rawValue))
              AND (\(f.companyID)::uuid IS NULL OR d.company_id = \(f.companyID))
              AND (NOT \(f.orgWide) OR d.company_id IS NULL)
              AND \(reach.condition(team: "NULL::uuid", company: "d.company_id", within: true))
            \(page.clause("d.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: page.limit, id: \.id)
    }
}
