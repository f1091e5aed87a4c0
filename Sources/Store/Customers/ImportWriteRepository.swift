public import Database
public import Domain
public import Foundation

/// The set-based writes of a CSV import: each batch of rows (500–1,000) is one multi-row upsert over arrays
/// (`INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE`), by the kind's key, with no round trip per row.
/// The use case has checked every row (values and permissions) before it calls these.
public enum ImportWriteRepository {
    /// How many rows the upsert inserted and updated.
    public struct Counts: Sendable, Equatable {
        public var inserted = 0
        public var updated = 0
        public init(inserted: Int = 0, updated: Int = 0) { (self.inserted, self.updated) = (inserted, updated) }
        public static func + (a: Counts, b: Counts) -> Counts { Counts(inserted: a.inserted + b.inserted, updated: a.updated + b.updated) }
    }

    /// The customers with these external ids, locked for the import's transaction (it decides on what they are).
    public static func customers(_ tx: TenantTransaction, externalIDs: [String]) async throws -> [String: Customer] {
        guard !externalIDs.isEmpty else { return [:] }
        let rows = try await tx.query(
            """
            SELECT \(CustomerRepository.columns) FROM customer
            WHERE org_id = \(tx.org) AND external_id = ANY(\(externalIDs)) FOR UPDATE
            """)
        var found: [String: Customer] = [:]
        for row in rows {
            let customer = try CustomerRepository.decode(row)
            if let key = customer.externalID { found[key] = customer }
        }
        return found
    }

    /// The customers rows name, by external id or id (archived and merged ones too: the use case refuses them).
    public static func customers(_ tx: TenantTransaction, externalIDs: [String], ids: [UUID]) async throws -> [Customer] {
        guard !externalIDs.isEmpty || !ids.isEmpty else { return [] }
        return try await tx.query(
            """
            SELECT \(CustomerRepository.columns) FROM customer
            WHERE org_id = \(tx.org) AND (external_id = ANY(\(externalIDs)) OR id = ANY(\(ids)))
            """
        ).map(CustomerRepository.decode)
    }

    /// The customer each existing row of `table` with these keys belongs to (a row that moves to another customer
    /// is checked against both). Tickets are keyed by `source|external_id`.
    public static func owningCustomers(_ tx: TenantTransaction, kind: ImportKind, keys: [String]) async throws -> [String: UUID] {
        guard !keys.isEmpty else { return [:] }
        let query: SQLQuery
        switch kind {
        case .contacts:
            query = "SELECT external_id, customer_id FROM contact WHERE org_id = \(tx.org) AND external_id = ANY(\(keys))"
        case .contracts:
            query = "SELECT external_id, customer_id FROM contract WHERE org_id = \(tx.org) AND external_id = ANY(\(keys))"
        case .nps:
            query = "SELECT external_id, customer_id FROM nps_response WHERE org_id = \(tx.org) AND external_id = ANY(\(keys))"
        case .tickets:
            // One probe of the unique index (org_id, source, external_id) per key (LATERAL … LIMIT 1 keeps the
            // planner from hashing the whole table): a filter on `source || '|' || external_id` read every ticket
            // of the org — and every version this import's transaction had written — for each batch, so the
            // import slowed as it went. A source never holds `|` (it is [a-z][a-z0-9_]*).
            var sources: [String] = [], externals: [String] = []
            sources.reserveCapacity(keys.count)
            externals.reserveCapacity(keys.count)
            for key in keys {
                guard let bar = key.firstIndex(of: "|") else { continue }
                sources.append(String(key[..<bar]))
                externals.append(String(key[key.index(after: bar)...]))
            }
            query = """
                SELECT k.source || '|' || k.external_id, t.customer_id
                FROM unnest(\(sources)::text[], \(externals)::text[]) AS k(source, external_id)
                CROSS JOIN LATERAL (
                    SELECT customer_id FROM ticket
                    WHERE org_id = \(tx.org) AND source = k.source AND external_id = k.external_id LIMIT 1) AS t
                """
        default: return [:]
        }
        var found: [String: UUID] = [:]
        for row in try await tx.query(query) {
            let (key, customer) = try row.decode((String, UUID).self)
            found[key] = customer
        }
        return found
    }

    /// Inserts or updates customers by external id. `rows` are the customers as they will be (their ids: the
    /// existing id, or a new one); an id that meets another id's row on conflict means the customer was created
    /// meanwhile — the statement then writes fewer rows than given, which throws `.conflict`. Owner and phase
    /// histories get a row for each new customer and each change.
    public static func upsertCustomers(
        _ tx: TenantTransaction, _ rows: [Customer], previous: [UUID: Customer], today: LocalDate, by author: UUID
    ) async throws -> Counts {
        guard !rows.isEmpty else { return Counts() }
        let result = try await tx.query(
            """
            INSERT INTO customer (org_id, id, external_id, name, name_en, name_kana, sort_key, company_id, team_id, owner_id,
                sales_owner_id, segment, phase, phase_since, churn_reason, custom, tags)
            SELECT \(tx.org), n.id, n.external_id, n.name, n.name_en, n.name_kana, n.sort_key, n.company_id, n.team_id,
                n.owner_id, n.sales_owner_id, n.segment, n.phase, n.phase_since, n.churn_reason, n.custom::jsonb,
                CASE WHEN n.tags = '' THEN '{}'::text[] ELSE string_to_array(n.tags, E'\\x1f') END
            FROM unnest(\(rows.map(\.id))::uuid[], \(rows.map(\.externalID))::text[], \(rows.map(\.name))::text[],
                \(rows.map(\.nameEn))::text[], \(rows.map(\.nameKana))::text[], \(rows.map(\.sortKey))::text[],
                \(rows.map(\.companyID))::uuid[], \(rows.map(\.teamID))::uuid[], \(rows.map(\.ownerID))::uuid[],
                \(rows.map(\.salesOwnerID))::uuid[], \(rows.map(\.segment))::text[], \(rows.map(\.phase.rawValue))::text[],
                \(rows.map(\.phaseSince))::date[], \(rows.map(\.churnReason))::text[],
                \(try rows.map { try JSON($0.custom).databaseText() ?? "{}" })::text[],
                \(rows.map { $0.tags.joined(separator: "\u{1F}") })::text[])
                AS n(id, external_id, name, name_en, name_kana, sort_key, company_id, team_id, owner_id, sales_owner_id,
                     segment, phase, phase_since, churn_reason, custom, tags)
            ON CONFLICT (org_id, external_id) DO UPDATE SET
                name = EXCLUDED.name, name_en = EXCLUDED.name_en, name_kana = EXCLUDED.name_kana, sort_key = EXCLUDED.sort_key,
                company_id = EXCLUDED.company_id, team_id = EXCLUDED.team_id, owner_id = EXCLUDED.owner_id,
                sales_owner_id = EXCLUDED.sales_owner_id, segment = EXCLUDED.segment, phase = EXCLUDED.phase,
                phase_since = EXCLUDED.phase_since, churn_reason = EXCLUDED.churn_reason, custom = EXCLUDED.custom,
                tags = EXCLUDED.tags, updated_at = banso_now(), version = customer.version + 1
            WHERE customer.id = EXCLUDED.id
            RETURNING (xmax = 0)
            """)
        guard result.count == rows.count else {
            throw DomainError(.conflict, "customers were changed while the file was imported; import it again")
        }
        let inserted = try result.decodeColumn(Bool.self).filter { $0 }.count
        let ownerChanges = rows.filter { previous[$0.id] == nil || previous[$0.id]?.ownerID != $0.ownerID }
        let phaseChanges = rows.filter { previous[$0.id] == nil || previous[$0.id]?.phase != $0.phase }
        var statements: [SQLQuery] = []
        // The history follows the convention of CustomerHistoryRepository: the open period ends the day before the new
        // one starts, and one that starts on or after that day is corrected in place, so no day has two owners or
        // two phases.
        if !ownerChanges.isEmpty {
            let starts = ownerChanges.map { previous[$0.id] == nil ? $0.phaseSince : today }
            statements.append(
                """
                WITH n AS (
                    SELECT * FROM unnest(\(ownerChanges.map { _ in UUID.v7() })::uuid[], \(ownerChanges.map(\.id))::uuid[],
                        \(ownerChanges.map(\.ownerID))::uuid[], \(starts)::date[]) AS n(id, customer_id, owner_id, from_date)
                ), corrected AS (
                    UPDATE customer_owner_history h SET owner_id = n.owner_id, from_date = n.from_date, changed_by = \(author),
                        transfer_id = NULL
                    FROM n WHERE h.org_id = \(tx.org) AND h.customer_id = n.customer_id AND h.to_date IS NULL AND h.from_date >= n.from_date
                    RETURNING h.customer_id
                ), closed AS (
                    UPDATE customer_owner_history h SET to_date = n.from_date - 1
                    FROM n WHERE h.org_id = \(tx.org) AND h.customer_id = n.customer_id AND h.to_date IS NULL AND h.from_date < n.from_date
                    RETURNING h.customer_id
                )
                INSERT INTO customer_owner_history (org_id, id, customer_id, owner_id, from_date, changed_by)
                SELECT \(tx.org), n.id, n.customer_id, n.owner_id, n.from_date, \(author)
                FROM n WHERE n.customer_id NOT IN (SELECT customer_id FROM corrected)
                """)
        }
        if !phaseChanges.isEmpty {
            statements.append(
                """
                WITH n AS (
                    SELECT * FROM unnest(\(phaseChanges.map { _ in UUID.v7() })::uuid[], \(phaseChanges.map(\.id))::uuid[],
                        \(phaseChanges.map(\.phase.rawValue))::text[], \(phaseChanges.map(\.phaseSince))::date[],
                        \(phaseChanges.map(\.churnReason))::text[]) AS n(id, customer_id, phase, from_date, churn_reason)
                ), corrected AS (
                    UPDATE customer_phase_history h SET phase = n.phase, from_date = n.from_date, churn_reason = n.churn_reason,
                        risk_reasons = '{}', changed_by = \(author)
                    FROM n WHERE h.org_id = \(tx.org) AND h.customer_id = n.customer_id AND h.to_date IS NULL AND h.from_date >= n.from_date
                    RETURNING h.customer_id
                ), closed AS (
                    UPDATE customer_phase_history h SET to_date = n.from_date - 1
                    FROM n WHERE h.org_id = \(tx.org) AND h.customer_id = n.customer_id AND h.to_date IS NULL AND h.from_date < n.from_date
                    RETURNING h.customer_id
                )
                INSERT INTO customer_phase_history (org_id, id, customer_id, phase, from_date, churn_reason, changed_by)
                SELECT \(tx.org), n.id, n.customer_id, n.phase, n.from_date, n.churn_reason, \(author)
                FROM n WHERE n.customer_id NOT IN (SELECT customer_id FROM corrected)
                """)
        }
        if !statements.isEmpty { _ = try await tx.batch(statements) }
        return Counts(inserted: inserted, updated: rows.count - inserted)
    }

    static func counts(_ result: QueryResult) throws -> Counts {
        let flags = try result.decodeColumn(Bool.self)
        let inserted = flags.filter { $0 }.count
        return Counts(inserted: inserted, updated: flags.count - inserted)
    }

    /// Contacts by external id; an erased contact (個人情報保護法) is never written again — its rows are reported by
    /// the use case before this runs.
    public static func upsertContacts(_ tx: TenantTransaction, _ rows: [(ContactImportRecord, UUID)]) async throws -> Counts {
        guard !rows.isEmpty else { return Counts() }
        let r = rows.map(\.0)
        return try counts(await tx.query(
            """
            INSERT INTO contact (org_id, id, customer_id, external_id, name, email, phone, role, decision_maker)
            SELECT \(tx.org), n.id, n.customer_id, n.external_id, n.name, n.email, n.phone, n.role, n.decision_maker
            FROM unnest(\(rows.map { _ in UUID.v7() })::uuid[], \(rows.map(\.1))::uuid[], \(r.map(\.externalID))::text[],
                \(r.map(\.name))::text[], \(r.map(\.email))::text[], \(r.map(\.phone))::text[], \(r.map(\.role))::text[],
                \(r.map(\.decisionMaker))::boolean[])
                AS n(id, customer_id, external_id, name, email, phone, role, decision_maker)
            ON CONFLICT (org_id, external_id) DO UPDATE SET
                customer_id = EXCLUDED.customer_id, name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone,
                role = EXCLUDED.role, decision_maker = EXCLUDED.decision_maker, updated_at = banso_now(),
                version = contact.version + 1
            RETURNING (xmax = 0)
            """))
    }

    public static func upsertContracts(_ tx: TenantTransaction, _ rows: [(ContractImportRecord, UUID)]) async throws -> Counts {
        guard !rows.isEmpty else { return Counts() }
        let r = rows.map(\.0)
        return try counts(await tx.query(
            """
            INSERT INTO contract (org_id, id, customer_id, external_id, name, arr_minor, currency, start_date, end_date,
                auto_renews, notice_days, notice_months, status)
            SELECT \(tx.org), n.id, n.customer_id, n.external_id, n.name, n.arr_minor, n.currency, n.start_date, n.end_date,
                n.auto_renews, n.notice_days, n.notice_months, n.status
            FROM unnest(\(rows.map { _ in UUID.v7() })::uuid[], \(rows.map(\.1))::uuid[], \(r.map(\.externalID))::text[],
                \(r.map(\.name))::text[], \(r.map(\.arrMinor))::bigint[], \(r.map(\.currency))::text[],
                \(r.map(\.startDate))::date[], \(r.map(\.endDate))::date[], \(r.map(\.autoRenews))::boolean[],
                \(r.map(\.noticeDays))::int[], \(r.map(\.noticeMonths))::int[], \(r.map(\.status))::text[])
                AS n(id, customer_id, external_id, name, arr_minor, currency, start_date, end_date, auto_renews, notice_days,
                     notice_months, status)
            ON CONFLICT (org_id, external_id) DO UPDATE SET
                customer_id = EXCLUDED.customer_id, name = EXCLUDED.name, arr_minor = EXCLUDED.arr_minor,
                currency = EXCLUDED.currency, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
                auto_renews = EXCLUDED.auto_renews, notice_days = EXCLUDED.notice_days, notice_months = EXCLUDED.notice_months,
                status = EXCLUDED.status, updated_at = banso_now(), version = contract.version + 1
            RETURNING (xmax = 0)
            """))
    }

    public static func upsertRevenue(_ tx: TenantTransaction, _ rows: [(RevenueImportRecord, UUID)]) async throws -> Counts {
        guard !rows.isEmpty else { return Counts() }
        let r = rows.map(\.0)
        return try counts(await tx.query(
            """
            INSERT INTO revenue_snapshot (org_id, customer_id, month, currency, amount_minor, source)
            SELECT \(tx.org), n.customer_id, n.month, n.currency, n.amount_minor, 'import'
            FROM unnest(\(rows.map(\.1))::uuid[], \(r.map(\.month))::date[], \(r.map(\.currency))::text[],
                \(r.map(\.amountMinor))::bigint[]) AS n(customer_id, month, currency, amount_minor)
            ON CONFLICT (org_id, customer_id, month, currency) DO UPDATE SET
                amount_minor = EXCLUDED.amount_minor, source = 'import'
            RETURNING (xmax = 0)
            """))
    }

    public static func upsertUsage(_ tx: TenantTransaction, _ rows: [(UsageImportRecord, UUID)]) async throws -> Counts {
        guard !rows.isEmpty else { return Counts() }
        let r = rows.map(\.0)
        return try counts(await tx.query(
            """
            INSERT INTO usage_metric (org_id, customer_id, metric, day, value)
            SELECT \(tx.org), n.customer_id, n.metric, n.day, n.value
            FROM unnest(\(rows.map(\.1))::uuid[], \(r.map(\.metric))::text[], \(r.map(\.day))::date[],
                \(r.map(\.value))::float8[]) AS n(customer_id, metric, day, value)
            ON CONFLICT (org_id, customer_id, metric, day) DO UPDATE SET value = EXCLUDED.value
            RETURNING (xmax = 0)
            """))
    }

    /// NPS responses: by external id when the row has one; a row without one is always a new response.
    public static func upsertNPS(_ tx: TenantTransaction, _ rows: [(NPSImportRecord, UUID)]) async throws -> Counts {
        guard !rows.isEmpty else { return Counts() }
        let r = rows.map(\.0)
        return try counts(await tx.query(
            """
            INSERT INTO nps_response (org_id, id, customer_id, external_id, score, comment, respondent, responded_on, channel)
            SELECT \(tx.org), n.id, n.customer_id, n.external_id, n.score, n.comment, n.respondent, n.responded_on, n.channel
            FROM unnest(\(rows.map { _ in UUID.v7() })::uuid[], \(rows.map(\.1))::uuid[], \(r.map(\.externalID))::text[],
                \(r.map(\.score))::smallint[], \(r.map(\.comment))::text[], \(r.map(\.respondent))::text[],
                \(r.map(\.date))::date[], \(r.map(\.channel))::text[])
                AS n(id, customer_id, external_id, score, comment, respondent, responded_on, channel)
            ON CONFLICT (org_id, external_id) DO UPDATE SET
                customer_id = EXCLUDED.customer_id, score = EXCLUDED.score, comment = EXCLUDED.comment,
                respondent = EXCLUDED.respondent, responded_on = EXCLUDED.responded_on, channel = EXCLUDED.channel
            RETURNING (xmax = 0)
            """))
    }

    /// Tickets by (source, external id); a new ticket records the customer's lifecycle phase when it opened (from
    /// the phase history, else the current phase). `existing`: the `source|external_id` keys the caller found in
    /// the table in this transaction — their rows update, so they get no new id (a v7 id costs 16 `getrandom`
    /// calls today; 100,000 of them were a fifth of a large import's time). Should one have been deleted
    /// meanwhile, its row is inserted with a random (v4) id rather than failing the import.
    public static func upsertTickets(
        _ tx: TenantTransaction, _ rows: [(TicketImportRecord, UUID)], existing: Set<String> = []
    ) async throws -> Counts {
        guard !rows.isEmpty else { return Counts() }
        let r = rows.map(\.0)
        let ids: [UUID?] = r.map { existing.contains($0.source + "|" + $0.externalID) ? nil : UUID.v7() }
        return try counts(await tx.query(
            """
            INSERT INTO ticket (org_id, id, customer_id, source, external_id, title, priority, product, status, opened_at,
                first_response_at, resolved_at, reopen_count, csat, phase_at_open)
            SELECT \(tx.org), coalesce(n.id, gen_random_uuid()), n.customer_id, n.source, n.external_id, n.title,
                n.priority, n.product, n.status, n.opened_at, n.first_response_at, n.resolved_at, n.reopen_count, n.csat,
                coalesce((SELECT h.phase FROM customer_phase_history h
                          WHERE h.org_id = \(tx.org) AND h.customer_id = n.customer_id AND h.from_date <= n.opened_at::date
                          ORDER BY h.from_date DESC LIMIT 1), c.phase)
            FROM unnest(\(ids)::uuid[], \(rows.map(\.1))::uuid[], \(r.map(\.source))::text[],
                \(r.map(\.externalID))::text[], \(r.map(\.title))::text[], \(r.map(\.priority))::text[],
                \(r.map(\.product))::text[], \(r.map(\.status))::text[], \(r.map(\.openedAt))::timestamptz[],
                \(r.map(\.firstResponseAt))::timestamptz[], \(r.map(\.resolvedAt))::timestamptz[],
                \(r.map(\.reopenCount))::int[], \(r.map(\.csat))::smallint[])
                AS n(id, customer_id, source, external_id, title, priority, product, status, opened_at, first_response_at,
                     resolved_at, reopen_count, csat)
            JOIN customer c ON c.org_id = \(tx.org) AND c.id = n.customer_id
            ON CONFLICT (org_id, source, external_id) DO UPDATE SET
                customer_id = EXCLUDED.customer_id, title = EXCLUDED.title, priority = EXCLUDED.priority,
                product = EXCLUDED.product, status = EXCLUDED.status, opened_at = EXCLUDED.opened_at,
                first_response_at = EXCLUDED.first_response_at, resolved_at = EXCLUDED.resolved_at,
                reopen_count = EXCLUDED.reopen_count, csat = EXCLUDED.csat, updated_at = banso_now(),
                version = ticket.version + 1
            RETURNING (xmax = 0)
            """))
    }

    /// Contacts among `externalIDs` whose personal data was erased.
    public static func erasedContacts(_ tx: TenantTransaction, externalIDs: [String]) async throws -> Set<String> {
        guard !externalIDs.isEmpty else { return [] }
        return Set(try await tx.query(
            """
            SELECT external_id FROM contact
            WHERE org_id = \(tx.org) AND external_id = ANY(\(externalIDs)) AND erased_at IS NOT NULL
            """).decodeColumn(String.self))
    }
}
