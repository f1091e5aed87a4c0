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

extension CustomerRepository {
    /// A row of the list: the customer and its owner's name.
    public struct Listed: Sendable {
        public var customer: Customer
        public var ownerName: String?
    }

    /// The customers `reach` (of `customers.read`) sees — or that its member owns or sells to — as
    /// `CustomerAccessRules.canRead` judges one, filtered and ordered as `query` says, one keyset page after
    /// `cursor` (the last id of the previous page, whose sort values the next page continues from). One statement;
    /// only the filters asked for are in it, so the planner sees plain conditions the indexes serve
    /// (customer_company_grade_idx for a company's grades in kana order).
    public static func list(
        _ tx: TenantTransaction, query: CustomerListQuery, me: UUID, visibleTo reach: Reach, today: LocalDate,
        after cursor: UUID?, limit: Int
    ) async throws -> Page<Listed> {
        var conditions: [SQLQuery] = [query.archived ? "c.archived_at IS NOT NULL" : "c.archived_at IS NULL"]
        if !reach.everywhere {
            conditions.append(CustomerVisibility.condition(reach, customer: "c"))
        }
        if let company = query.companyID { conditions.append("c.company_id = \(company)") }
        if let team = query.teamID { conditions.append("c.team_id = \(team)") }
        if let owner = query.owner?.resolved(me: me) { conditions.append("c.owner_id = \(owner)") }
        if let sales = query.salesOwner?.resolved(me: me) { conditions.append("c.sales_owner_id = \(sales)") }
        if !query.phases.isEmpty { conditions.append("c.phase = ANY(\(query.phases.map(\.rawValue)))") }
        switch (query.grades.isEmpty, query.ungraded) {
        case (true, false): break
        case (false, false): conditions.append("c.health_grade = ANY(\(query.grades.map(\.rawValue)))")
        case (true, true): conditions.append("c.health_grade IS NULL")
        case (false, true): conditions.append("(c.health_grade = ANY(\(query.grades.map(\.rawValue))) OR c.health_grade IS NULL)")
        }
        if let segment = query.segment { conditions.append("c.segment = \(segment)") }
        if let tag = query.tag { conditions.append("c.tags @> ARRAY[\(tag)]::text[]") }
        if let search = query.search { conditions.append("strpos(c.search_text, \(search)) > 0") }
        if let days = query.renewalWithinDays {
            let until = LocalDate(daysSinceEpoch: today.daysSinceEpoch + days)
            conditions.append(
                """
                EXISTS (SELECT 1 FROM contract k WHERE k.org_id = c.org_id AND k.customer_id = c.id AND k.status = 'active'
                    AND (k.end_date BETWEEN \(today) AND \(until) OR \(noticeDeadline("k")) BETWEEN \(today) AND \(until)))
                """)
        }
        let order: SQLQuery
        var from: SQLQuery = "customer c"
        switch query.sort {
        case .kana: order = "c.sort_key, c.id"
        case .name: order = "c.name, c.id"
        case .grade: order = "coalesce(c.health_grade, '') DESC, c.sort_key, c.id"
        case .health: order = "coalesce(c.health_total, 'Infinity'::float8), c.sort_key, c.id"
        case .updated: order = "c.updated_at DESC, c.id DESC"
        }
        if let cursor {
            from = """
                customer c JOIN (SELECT id, sort_key, name, coalesce(health_grade, '') AS grade,
                    coalesce(health_total, 'Infinity'::float8) AS total, updated_at
                    FROM customer WHERE org_id = \(tx.org) AND id = \(cursor)) cur ON true
                """
            switch query.sort {
            case .kana: conditions.append("(c.sort_key, c.id) > (cur.sort_key, cur.id)")
            case .name: conditions.append("(c.name, c.id) > (cur.name, cur.id)")
            case .grade:
                conditions.append(
                    "(coalesce(c.health_grade, '') < cur.grade OR (coalesce(c.health_grade, '') = cur.grade AND (c.sort_key, c.id) > (cur.sort_key, cur.id)))")
            case .health:
                conditions.append("(coalesce(c.health_total, 'Infinity'::float8), c.sort_key, c.id) > (cur.total, cur.sort_key, cur.id)")
            case .updated: conditions.append("(c.updated_at, c.id) < (cur.updated_at, cur.id)")
            }
        }
        var whereClause: SQLQuery = "c.org_id = \(tx.org)"
        for condition in conditions { whereClause = "\(whereClause) AND \(condition)" }
        let rows = try await tx.query(
            """
            SELECT \(prefixedColumns), m.display_name
            FROM \(from) LEFT JOIN member m ON m.org_id = c.org_id AND m.id = c.owner_id
            WHERE \(whereClause)
            ORDER BY \(order) LIMIT \(limit + 1)
            """)
        let listed = try rows.map { row in
            Listed(customer: try decode(row), ownerName: try row.decode(String?.self, at: 25))
        }
        return Page(fetched: listed, limit: limit, id: \.customer.id)
    }

    /// ``columns`` of the table aliased `c`.
    static let prefixedColumns: SQLQuery = """
        c.id, c.external_id, c.name, c.name_en, c.name_kana, c.company_id, c.team_id, c.owner_id, c.sales_owner_id,
        c.segment, c.phase, c.phase_since, c.risk_reasons, c.churn_reason, c.custom, c.tags, c.health_grade,
        c.health_total, c.health_scored_at, c.last_touch_at, c.archived_at, c.merged_into, c.created_at, c.updated_at,
        c.version
        """

    /// A contract's cancellation-notice deadline (解約予告期限) in SQL, as `RenewalSchedule.noticeDeadline` computes it:
    /// the end date for a contract that does not auto-renew; else the end date less the notice in days, or in
    /// months with the month-end rule (a contract ending on a month's last day has its deadline on a month's last
    /// day). `alias` is trusted SQL (a table alias).
    static func noticeDeadline(_ alias: SQLQuery) -> SQLQuery {
        """
        (CASE
            WHEN NOT \(alias).auto_renews THEN \(alias).end_date
            WHEN coalesce(\(alias).notice_months, 0) > 0 THEN
                CASE WHEN \(alias).end_date = (date_trunc('month', \(alias).end_date) + interval '1 month - 1 day')::date
                     THEN (date_trunc('month', \(alias).end_date) - make_interval(months => \(alias).notice_months - 1))::date - 1
                     ELSE (\(alias).end_date - make_interval(months => \(alias).notice_months))::date END
            ELSE \(alias).end_date - coalesce(\(alias).notice_days, 0)
        END)
        """
    }

    /// Writes every field a use case may change, and moves the version on.
    public static func update(_ tx: TenantTransaction, _ c: Customer) async throws -> Customer {
        let rows = try await tx.query(
            """
            UPDATE customer SET external_id = \(c.externalID), name = \(c.name), name_en = \(c.nameEn),
                name_kana = \(c.nameKana), sort_key = \(c.sortKey), company_id = \(c.companyID), team_id = \(c.teamID),
                owner_id = \(c.ownerID), sales_owner_id = \(c.salesOwnerID), segment = \(c.segment), phase = \(c.phase),
                phase_since = \(c.phaseSince), risk_reasons = \(c.riskReasons), churn_reason = \(c.churnReason),
                custom = \(JSON(c.custom)), tags = \(c.tags), archived_at = \(c.archivedAt), merged_into = \(c.mergedInto),
                updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(c.id)
            RETURNING \(columns)
            """)
        guard let row = rows.first else { throw DomainError(.notFound, "customer not found") }
        return try decode(row)
    }

    /// The customer holding `externalID`, other than `except`.
    public static func holder(_ tx: TenantTransaction, externalID: String, except: UUID?) async throws -> UUID? {
        try await tx.query(
            """
            SELECT id FROM customer WHERE org_id = \(tx.org) AND external_id = \(externalID)
              AND (\(except)::uuid IS NULL OR id <> \(except))
            """
        ).first.map { try $0.decode(UUID.self, at: 0) }
    }

    /// The tags in use among the customers `reach` sees (not archived), with how many carry each, most used first.
    public static func tags(_ tx: TenantTransaction, visibleTo reach: Reach, limit: Int) async throws
        -> [(tag: String, count: Int)]
    {
        let rows = try await tx.query(
            """
            SELECT t.tag, count(*)::bigint FROM customer c CROSS JOIN LATERAL unnest(c.tags) AS t(tag)
            WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT \(limit)
            """)
        return try rows.map { row in
            let (tag, count) = try row.decode((String, Int64).self)
            return (tag, Int(count))
        }
    }

    /// The live customers a member owns, locked (a transfer moves them).
    public static func owned(_ tx: TenantTransaction, by member: UUID) async throws -> [Customer] {
        try await tx.query(
            """
            SELECT \(columns) FROM customer
            WHERE org_id = \(tx.org) AND owner_id = \(member) AND archived_at IS NULL
            ORDER BY id FOR UPDATE
            """
        ).map(decode)
    }

    /// Gives the customers to another owner in one statement (their owner history is written by
    /// ``CustomerHistoryRepository/changeOwners(_:customers:to:on:by:transfer:)``).
    public static func setOwner(_ tx: TenantTransaction, customers: [UUID], to owner: UUID?) async throws {
        guard !customers.isEmpty else { return }
        _ = try await tx.execute(
            """
            UPDATE customer SET owner_id = \(owner), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = ANY(\(customers))
            """)
    }

    /// Names of members, by id (for answers that show who owns or changed what).
    public static func memberNames(_ tx: TenantTransaction, _ ids: [UUID]) async throws -> [UUID: String] {
        let wanted = Array(Set(ids))
        guard !wanted.isEmpty else { return [:] }
        let rows = try await tx.query(
            "SELECT id, display_name FROM member WHERE org_id = \(tx.org) AND id = ANY(\(wanted))")
        return Dictionary(try rows.map { try $0.decode((UUID, String).self) }, uniquingKeysWith: { a, _ in a })
    }

    /// Names of customers, by id, in one statement (for lists that name the customer of each row); `english`: the
    /// English name where the customer has one.
    public static func names(_ tx: TenantTransaction, _ ids: [UUID], english: Bool = false) async throws -> [UUID: String] {
        let wanted = Array(Set(ids))
        guard !wanted.isEmpty else { return [:] }
        let rows = try await tx.query(
            """
            SELECT id, CASE WHEN \(english) AND coalesce(name_en, '') <> '' THEN name_en ELSE name END
            FROM customer WHERE org_id = \(tx.org) AND id = ANY(\(wanted))
            """)
        return Dictionary(try rows.map { try $0.decode((UUID, String).self) }, uniquingKeysWith: { a, _ in a })
    }
}
