public import Database
public import Domain
public import Foundation

extension TimelineEntry.Kind: TextColumn {}
extension TimelineEntry.SuccessTag: TextColumn {}

/// A customer's timeline. Every insert and update stores the entry's search grams and normalised text
/// (``SearchGrams``), so search finds it: the grams, held by a GIN index, narrow the rows to those containing every
/// gram of the query — which serves a two-character query such as 解約, as trigram indexes cannot — and `strpos` on
/// the normalised text confirms them (the grams are present but perhaps not in sequence).
public enum TimelineRepository {
    static let columns: SQLQuery = """
        e.id, e.customer_id, e.kind, e.success_tag, e.author_id, e.occurred_at, e.title, e.body, e.subject_type,
        e.subject_id, e.created_at, e.updated_at, e.version
        """

    static func decode(_ row: Row) throws -> TimelineEntry {
        var r = RowReader(row)
        return TimelineEntry(
            id: try r.next(), customerID: try r.next(), kind: try r.next(), successTag: try r.next(), authorID: try r.next(),
            occurredAt: try r.next(), title: try r.next(), body: try r.next(), subjectType: try r.next(),
            subjectID: try r.next(), createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    /// Kinds that are a touch (``TimelineEntry/Kind/isTouch``), for SQL.
    static var touchKinds: [String] { TimelineEntry.Kind.allCases.filter(\.isTouch).map(\.rawValue) }

    /// An entry the system writes (a phase change, an owner change, an NPS answer, a ticket event, a health change):
    /// no author unless a person's action caused it. System entries are not touches, so the customer's last touch
    /// stays where it is.
    @discardableResult
    public static func insertSystem(
        _ tx: TenantTransaction, customer: UUID, kind: String, title: String, body: String? = nil, author: UUID? = nil,
        at: Date, subjectType: String? = nil, subjectID: UUID? = nil
    ) async throws -> UUID {
        try await insertSystem(
            tx, customers: [customer], kind: kind, title: title, body: body, author: author, at: at, subjectType: subjectType,
            subjectID: subjectID)[0]
    }

    /// The same system entry on each of `customers`, in one statement however many there are (a transfer's owner
    /// change on every customer it moves); the ids written, in the customers' order.
    @discardableResult
    public static func insertSystem(
        _ tx: TenantTransaction, customers: [UUID], kind: String, title: String, body: String? = nil, author: UUID? = nil,
        at: Date, subjectType: String? = nil, subjectID: UUID? = nil
    ) async throws -> [UUID] {
        guard !customers.isEmpty else { return [] }
        let ids = customers.map { _ in UUID.v7() }
        // The table counts characters as PostgreSQL does (code points).
        let title = String(String.UnicodeScalarView(title.unicodeScalars.prefix(500)))
        let body = body.map { String(String.UnicodeScalarView($0.unicodeScalars.prefix(20_000))) }
        // One text for every row, so its grams are worked out once.
        let text = title + " " + (body ?? "")
        _ = try await tx.execute(
            """
            INSERT INTO timeline_entry (org_id, id, customer_id, kind, author_id, occurred_at, title, body, subject_type,
                subject_id, search_grams, search_text)
            SELECT \(tx.org), n.id, n.customer_id, \(kind), \(author), \(at), \(title), \(body),
                \(subjectType), \(subjectID), \(SearchGrams.grams(of: text)), \(SearchGrams.normalise(text))
            FROM unnest(\(ids)::uuid[], \(customers)::uuid[]) AS n(id, customer_id)
            """)
        return ids
    }

    /// An entry a person writes; a touch at or before `now` moves the customer's last touch forward — in the same
    /// statement, so the two cannot disagree.
    public static func insert(_ tx: TenantTransaction, _ e: TimelineEntry, now: Date) async throws -> TimelineEntry {
        let rows = try await tx.query(
            """
            WITH inserted AS (
                INSERT INTO timeline_entry AS e (org_id, id, customer_id, kind, success_tag, author_id, occurred_at, title,
                    body, subject_type, subject_id, search_grams, search_text)
                VALUES (\(tx.org), \(e.id), \(e.customerID), \(e.kind), \(e.successTag), \(e.authorID), \(e.occurredAt),
                    \(e.title), \(e.body), \(e.subjectType), \(e.subjectID), \(SearchGrams.grams(of: e.title + " " + (e.body ?? ""))),
                    \(e.searchText))
                RETURNING \(columns)
            ), touched AS (
                UPDATE customer SET last_touch_at = \(e.occurredAt)
                WHERE org_id = \(tx.org) AND id = \(e.customerID) AND \(e.kind.isTouch) AND \(e.occurredAt) <= \(now)::timestamptz
                  AND (last_touch_at IS NULL OR last_touch_at < \(e.occurredAt))
            )
            SELECT * FROM inserted
            """)
        return try decode(rows[0])
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> TimelineEntry? {
        let locking: SQLQuery = lock ? "FOR UPDATE" : ""
        return try await tx.query("SELECT \(columns) FROM timeline_entry e WHERE e.org_id = \(tx.org) AND e.id = \(id) \(locking)")
            .first.map(decode)
    }

    /// Writes an edited entry with its new grams; nil when `expectedVersion` no longer matches.
    public static func update(_ tx: TenantTransaction, _ e: TimelineEntry, expectedVersion: Int?) async throws -> TimelineEntry? {
        try await tx.query(
            """
            UPDATE timeline_entry e SET kind = \(e.kind), success_tag = \(e.successTag), occurred_at = \(e.occurredAt),
                title = \(e.title), body = \(e.body), search_grams = \(SearchGrams.grams(of: e.title + " " + (e.body ?? ""))),
                search_text = \(e.searchText), updated_at = banso_now(), version = version + 1
            WHERE e.org_id = \(tx.org) AND e.id = \(e.id) AND (\(expectedVersion)::int IS NULL OR e.version = \(expectedVersion))
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// The entry of `kind` that stands for `subjectID` (a program session's, an enrolment's presentation), if any.
    public static func entry(_ tx: TenantTransaction, subjectType: String, subjectID: UUID, kind: String?) async throws -> TimelineEntry? {
        try await tx.query(
            """
            SELECT \(columns) FROM timeline_entry e
            WHERE e.org_id = \(tx.org) AND e.subject_type = \(subjectType) AND e.subject_id = \(subjectID)
              AND (\(kind)::text IS NULL OR e.kind = \(kind))
            ORDER BY e.id LIMIT 1
            """
        ).first.map(decode)
    }

    public static func delete(_ tx: TenantTransaction, id: UUID) async throws {
        _ = try await tx.execute("DELETE FROM timeline_entry WHERE org_id = \(tx.org) AND id = \(id)")
    }

    /// After a touch was edited or deleted: when the customer's last touch was that entry's old time, it becomes the
    /// latest touch the timeline still holds (none: it stays, since it may have come from elsewhere, such as an
    /// import); a later touch always wins.
    public static func refreshLastTouch(_ tx: TenantTransaction, customer: UUID, was old: Date, now: Date) async throws {
        _ = try await tx.execute(
            """
            UPDATE customer c SET last_touch_at = coalesce(latest.at, c.last_touch_at)
            FROM (SELECT max(e.occurred_at) AS at FROM timeline_entry e
                  WHERE e.org_id = \(tx.org) AND e.customer_id = \(customer) AND e.kind = ANY(\(touchKinds))
                    AND e.occurred_at <= \(now)::timestamptz) latest
            WHERE c.org_id = \(tx.org) AND c.id = \(customer)
              AND (c.last_touch_at = \(old)::timestamptz OR c.last_touch_at < latest.at OR c.last_touch_at IS NULL)
            """)
    }

    public struct Filter: Sendable {
        public var customerID: UUID?
        public var kinds: [TimelineEntry.Kind]?
        public var tag: TimelineEntry.SuccessTag?
        /// The words searched for, as typed; blank means no search.
        public var query: String?

        public init(customerID: UUID? = nil, kinds: [TimelineEntry.Kind]? = nil, tag: TimelineEntry.SuccessTag? = nil, query: String? = nil) {
            (self.customerID, self.kinds, self.tag, self.query) = (customerID, kinds, tag, query)
        }
    }

    /// An entry in a list, with its customer's name (search answers span customers).
    public struct Listed: Sendable {
        public var entry: TimelineEntry
        public var customerName: String
    }

    /// Entries of customers `reach` (of `customers.read`) sees, latest first (occurred_at, then id); the cursor is
    /// the last id of the previous page. A query keeps the entries whose grams hold all of the query's and whose
    /// normalised text contains the normalised query.
    public static func list(
        _ tx: TenantTransaction, filter f: Filter, visibleTo reach: Reach, after cursor: UUID?, limit: Int
    ) async throws -> Page<Listed> {
        let kinds = f.kinds?.map(\.rawValue)
        let needle = f.query.map(SearchGrams.normalise).flatMap { $0.isEmpty ? nil : $0 }
        // Written only when searching, so the planner sees the gram condition the GIN index serves.
        let search: SQLQuery = needle.map { "AND e.search_grams @> \(SearchGrams.queryGrams($0))::text[] AND strpos(e.search_text, \($0)) > 0" } ?? ""
        let rows = try await tx.query(
            """
            SELECT \(columns), c.name FROM timeline_entry e JOIN customer c ON c.org_id = e.org_id AND c.id = e.customer_id
            WHERE e.org_id = \(tx.org)
              AND (\(f.customerID)::uuid IS NULL OR e.customer_id = \(f.customerID))
              AND (\(kinds)::text[] IS NULL OR e.kind = ANY(\(kinds)))
              AND (\(f.tag)::text IS NULL OR e.success_tag = \(f.tag))
              \(search)
              AND \(CustomerVisibility.condition(reach, customer: "c"))
              AND (\(cursor)::uuid IS NULL
                   OR (e.occurred_at, e.id) < (SELECT k.occurred_at, k.id FROM timeline_entry k WHERE k.org_id = \(tx.org) AND k.id = \(cursor)))
            ORDER BY e.occurred_at DESC, e.id DESC LIMIT \(limit + 1)
            """)
        let listed = try rows.map { row in Listed(entry: try decode(row), customerName: try row.decode(String.self, at: 13)) }
        return Page(fetched: listed, limit: limit, id: \.entry.id)
    }
}
