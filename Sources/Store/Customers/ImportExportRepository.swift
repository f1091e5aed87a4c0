public import Database
public import Domain
public import Foundation

/// The rows of a CSV export, read through a cursor in batches inside one transaction — never the whole result in
/// memory — as the cells of the import's columns (so an export imports back cleanly). Only rows `reach` reads.
public enum ImportExportRepository {
    /// The custom field keys customers export as extra columns, in their order.
    public static func customFieldKeys(_ tx: TenantTransaction) async throws -> [String] {
        try await tx.query(
            "SELECT key FROM customer_field WHERE org_id = \(tx.org) AND archived_at IS NULL ORDER BY position, key"
        ).decodeColumn(String.self)
    }

    /// Opens a cursor over the export of `kind`: each row is one text array of cells in the kind's column order.
    public static func open(
        _ tx: TenantTransaction, kind: ImportKind, visibleTo reach: Reach, customFields: [String]
    ) async throws {
        let visible = CustomerVisibility.condition(reach, customer: "c")
        let utc: SQLQuery = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'"
        let select: SQLQuery
        switch kind {
        case .customers:
            select = """
                SELECT ARRAY[c.external_id, c.name, c.name_en, c.name_kana, co.name, tm.name, ow.email::text, so.email::text,
                    c.segment, c.phase, c.churn_reason, array_to_string(c.tags, ';')]
                    || ARRAY(SELECT c.custom ->> k FROM unnest(\(customFields)::text[]) WITH ORDINALITY AS f(k, n) ORDER BY n)
                FROM customer c
                JOIN company co ON co.org_id = c.org_id AND co.id = c.company_id
                LEFT JOIN team tm ON tm.org_id = c.org_id AND tm.id = c.team_id
                LEFT JOIN member ow ON ow.org_id = c.org_id AND ow.id = c.owner_id
                LEFT JOIN member so ON so.org_id = c.org_id AND so.id = c.sales_owner_id
                WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL AND \(visible)
                ORDER BY c.sort_key, c.id
                """
        case .contacts:
            select = """
                SELECT ARRAY[x.external_id, c.external_id, c.id::text, x.name, x.email, x.phone, x.role, x.decision_maker::text]
                FROM contact x JOIN customer c ON c.org_id = x.org_id AND c.id = x.customer_id
                WHERE x.org_id = \(tx.org) AND x.erased_at IS NULL AND \(visible)
                ORDER BY x.id
                """
        case .contracts:
            select = """
                SELECT ARRAY[x.external_id, c.external_id, c.id::text, x.name, x.arr_minor::text, x.currency, x.start_date::text,
                    x.end_date::text, x.auto_renews::text, x.notice_days::text, x.notice_months::text, x.status]
                FROM contract x JOIN customer c ON c.org_id = x.org_id AND c.id = x.customer_id
                WHERE x.org_id = \(tx.org) AND \(visible)
                ORDER BY x.id
                """
        case .revenue:
            select = """
                SELECT ARRAY[c.external_id, c.id::text, to_char(x.month, 'YYYY-MM'), x.amount_minor::text, x.currency]
                FROM revenue_snapshot x JOIN customer c ON c.org_id = x.org_id AND c.id = x.customer_id
                WHERE x.org_id = \(tx.org) AND \(visible)
                ORDER BY x.customer_id, x.month, x.currency
                """
        case .usage:
            select = """
                SELECT ARRAY[c.external_id, c.id::text, x.metric, x.day::text, x.value::text]
                FROM usage_metric x JOIN customer c ON c.org_id = x.org_id AND c.id = x.customer_id
                WHERE x.org_id = \(tx.org) AND \(visible)
                ORDER BY x.customer_id, x.metric, x.day
                """
        case .nps:
            select = """
                SELECT ARRAY[x.external_id, c.external_id, c.id::text, x.score::text, x.responded_on::text, x.comment,
                    x.respondent, x.channel]
                FROM nps_response x JOIN customer c ON c.org_id = x.org_id AND c.id = x.customer_id
                WHERE x.org_id = \(tx.org) AND \(visible)
                ORDER BY x.id
                """
        case .tickets:
            select = """
                SELECT ARRAY[c.external_id, c.id::text, x.source, x.external_id, x.title, x.priority, x.product, x.status,
                    to_char(x.opened_at AT TIME ZONE 'UTC', \(utc)), to_char(x.first_response_at AT TIME ZONE 'UTC', \(utc)),
                    to_char(x.resolved_at AT TIME ZONE 'UTC', \(utc)), x.reopen_count::text, x.csat::text]
                FROM ticket x JOIN customer c ON c.org_id = x.org_id AND c.id = x.customer_id
                WHERE x.org_id = \(tx.org) AND \(visible)
                ORDER BY x.id
                """
        }
        try await tx.execute("DECLARE banso_export NO SCROLL CURSOR FOR " + select)
    }

    /// The next `count` rows of the open cursor; fewer at the end.
    public static func fetch(_ tx: TenantTransaction, count: Int) async throws -> [[String?]] {
        try await tx.query(SQLQuery(unsafeSQL: "FETCH FORWARD \(count) FROM banso_export")).decodeColumn([String?].self)
    }
}
