public import Database
public import Domain
public import Foundation

/// Customer accounts. The row keeps the latest health grade and the sort key (the kana reading), so the list
/// filters and sorts without joins; owner and phase changes are also written to their history tables.
public enum CustomerRepository {
    static let columns: SQLQuery = """
        id, external_id, name, name_en, name_kana, company_id, team_id, owner_id, sales_owner_id, segment, phase,
        phase_since, risk_reasons, churn_reason, custom, tags, health_grade, health_total, health_scored_at,
        last_touch_at, archived_at, merged_into, created_at, updated_at, version
        """

    static func decode(_ row: Row) throws -> Customer {
        var r = RowReader(row)
        return Customer(
            id: try r.next(), externalID: try r.next(), name: try r.next(), nameEn: try r.next(), nameKana: try r.next(),
            companyID: try r.next(), teamID: try r.next(), ownerID: try r.next(), salesOwnerID: try r.next(),
            segment: try r.next(), phase: try r.next(), phaseSince: try r.next(), riskReasons: try r.next(),
            churnReason: try r.next(), custom: try r.next(JSON<[String: CustomFieldValue]>.self).value, tags: try r.next(),
            healthGrade: try r.next(), healthTotal: try r.next(), healthScoredAt: try r.next(), lastTouchAt: try r.next(),
            archivedAt: try r.next(), mergedInto: try r.next(), createdAt: try r.next(), updatedAt: try r.next(),
            version: try r.next())
    }

    /// Inserts a customer with the first entries of its owner and phase histories.
    public static func insert(_ tx: TenantTransaction, _ c: Customer, by author: UUID?) async throws -> Customer {
        let rows = try await tx.query(
            """
            INSERT INTO customer (org_id, id, external_id, name, name_en, name_kana, sort_key, company_id, team_id, owner_id,
                sales_owner_id, segment, phase, phase_since, risk_reasons, churn_reason, custom, tags)
            VALUES (\(tx.org), \(c.id), \(c.externalID), \(c.name), \(c.nameEn), \(c.nameKana), \(c.sortKey), \(c.companyID),
                \(c.teamID), \(c.ownerID), \(c.salesOwnerID), \(c.segment), \(c.phase), \(c.phaseSince), \(c.riskReasons),
                \(c.churnReason), \(JSON(c.custom)), \(c.tags))
            RETURNING \(columns)
            """)
        _ = try await tx.execute(
            """
            INSERT INTO customer_owner_history (org_id, id, customer_id, owner_id, from_date, changed_by)
            VALUES (\(tx.org), \(UUID.v7()), \(c.id), \(c.ownerID), \(c.phaseSince), \(author))
            """)
        _ = try await tx.execute(
            """
            INSERT INTO customer_phase_history (org_id, id, customer_id, phase, from_date, risk_reasons, churn_reason, changed_by)
            VALUES (\(tx.org), \(UUID.v7()), \(c.id), \(c.phase), \(c.phaseSince), \(c.riskReasons), \(c.churnReason), \(author))
            """)
        return try decode(rows[0])
    }

    /// The customer, locked for update when `lock` (a use case about to change it).
    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> Customer? {
        let locking: SQLQuery = lock ? "FOR UPDATE" : ""
        return try await tx.query("SELECT \(columns) FROM customer WHERE org_id = \(tx.org) AND id = \(id) \(locking)")
            .first.map(decode)
    }
}
