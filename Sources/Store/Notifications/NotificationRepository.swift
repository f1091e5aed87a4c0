public import Database
public import Domain
public import Foundation

/// The in-app inbox.
public enum NotificationRepository {
    public struct Item: Sendable {
        public var id: UUID
        public var kind: String
        public var title: String
        public var body: String
        public var subjectType: String?
        public var subjectID: UUID?
        public var createdAt: Date
        public var readAt: Date?
    }

    static let columns: SQLQuery = "id, kind, title, body, subject_type, subject_id, created_at, read_at"

    static func decode(_ row: Row) throws -> Item {
        var r = RowReader(row)
        return Item(
            id: try r.next(), kind: try r.next(), title: try r.next(), body: try r.next(), subjectType: try r.next(),
            subjectID: try r.next(), createdAt: try r.next(), readAt: try r.next())
    }

    /// Tells a member, as their preferences allow (DESIGN §5): into the inbox now, held for their next digest, or
    /// recorded as muted. Escalations always go through. A delivered notification is also queued for e-mail, in the
    /// same transaction, if the member takes e-mail. `now` is the deciding instant (the database's clock if nil).
    @discardableResult
    public static func deliver(
        _ tx: TenantTransaction, to member: UUID, _ message: NotificationMessage, subjectType: String?, subjectID: UUID?,
        now: Date? = nil
    ) async throws -> NotificationPolicy.Decision {
        var instant = now ?? Date.distantPast
        if now == nil { instant = try await JobRepository.databaseNow(tx) }
        guard let reader = try await NotificationPreferenceRepository.reader(tx, member: member) else {
            throw DomainError(.notFound, "no such member", field: "member_id")
        }
        var nudges = 0
        if message.kind.urgency == .nudge, reader.weeklyCap != nil {
            // Reminders run side by side; without this, each would count the others' nudges as not yet sent and
            // together overshoot the cap. Held to the transaction's end, so the next counts this one.
            try await tx.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(member)::text, 0))")
            let since = NotificationPolicy.weekStart(of: instant, in: reader.zone)
            nudges = try await tx.query(
                """
                SELECT count(*) FROM notification
                WHERE org_id = \(tx.org) AND member_id = \(member) AND urgency = 'nudge' AND state = 'delivered'
                  AND delivered_at >= \(since) AND delivered_at <= \(instant)
                """
            ).scalar(Int.self) ?? 0
        }
        let decision = NotificationPolicy.decide(
            message.kind, preferences: reader.preferences, zone: reader.zone, now: instant, nudgesThisWeek: nudges,
            weeklyCap: reader.weeklyCap)
        let id = UUID.v7()
        let state: String
        var holdReason: String?
        switch decision {
        case .deliver: state = "delivered"
        case .mute: state = "muted"
        case .hold(let reason):
            state = "held"
            holdReason = reason.rawValue
        }
        try await insert(
            tx, id: id, member: member, message, subjectType: subjectType, subjectID: subjectID, state: state,
            holdReason: holdReason, at: instant)
        if decision == .deliver, reader.preferences.email, reader.active {
            try await MailOutboxRepository.enqueue(
                tx, notification: id, subject: message.title, to: reader.email, name: reader.displayName, locale: reader.locale,
                now: instant)
        }
        return decision
    }

    static func insert(
        _ tx: TenantTransaction, id: UUID, member: UUID, _ message: NotificationMessage, subjectType: String?,
        subjectID: UUID?, state: String, holdReason: String?, at instant: Date
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO notification (org_id, id, member_id, kind, title, body, subject_type, subject_id, urgency, state,
                hold_reason, created_at, delivered_at)
            VALUES (\(tx.org), \(id), \(member), \(message.kind.rawValue), \(message.title), \(message.body),
                \(subjectType), \(subjectID), \(message.kind.urgency.rawValue), \(state), \(holdReason), \(instant),
                CASE WHEN \(state) = 'delivered' THEN \(instant)::timestamptz END)
            """)
    }

    /// Releases what was held for a member into one digest: the held notifications become `digested` (and visible
    /// in the inbox), and the digest itself is delivered — never held, it is the remedy — and e-mailed if they take
    /// e-mail. Returns the digest's id, or nil if nothing was held.
    public static func releaseDigest(
        _ tx: TenantTransaction, member: UUID, reader: NotificationPreferenceRepository.Reader, now instant: Date
    ) async throws -> UUID? {
        let digestID = UUID.v7()
        let released = try await tx.query(
            """
            WITH released AS (
                UPDATE notification SET state = 'digested', digest_id = \(digestID), delivered_at = \(instant)
                WHERE org_id = \(tx.org) AND member_id = \(member) AND state = 'held'
                RETURNING id, title, body
            )
            SELECT title, body FROM released ORDER BY id
            """
        ).map { row -> (title: String, body: String) in
            var r = RowReader(row)
            return (try r.next(), try r.next())
        }
        guard !released.isEmpty else { return nil }
        let digest = NotificationMessage.digest(released, locale: reader.locale)
        try await insert(
            tx, id: digestID, member: member, digest, subjectType: nil, subjectID: nil, state: "delivered", holdReason: nil,
            at: instant)
        if reader.preferences.email {
            try await MailOutboxRepository.enqueue(
                tx, notification: digestID, subject: digest.title, to: reader.email, name: reader.displayName,
                locale: reader.locale, now: instant)
        }
        return digestID
    }

    /// One notification with its reader, for the e-mail job.
    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> (item: Item, member: UUID, state: String)? {
        let rows = try await tx.query(
            "SELECT \(columns), member_id, state FROM notification WHERE org_id = \(tx.org) AND id = \(id)")
        guard let row = rows.first else { return nil }
        return (try decode(row), try row.decode(UUID.self, at: 8), try row.decode(String.self, at: 9))
    }

    /// Newest first; `before` is the cursor (ids are time-ordered).
    public static func list(_ tx: TenantTransaction, member: UUID, unreadOnly: Bool, before cursor: UUID?, limit: Int)
        async throws -> Page<Item>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM notification
            WHERE org_id = \(tx.org) AND member_id = \(member) AND state IN ('delivered', 'digested')
              AND (NOT \(unreadOnly) OR read_at IS NULL)
            \(Keyset(after: cursor, limit: limit, newestFirst: true).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    public static func unreadCount(_ tx: TenantTransaction, member: UUID) async throws -> Int {
        try await tx.query(
            """
            SELECT count(*) FROM notification
            WHERE org_id = \(tx.org) AND member_id = \(member) AND read_at IS NULL AND state IN ('delivered', 'digested')
            """
        ).scalar(Int.self) ?? 0
    }

    /// Marks one of the member's notifications read; `false` if it is not theirs.
    public static func markRead(_ tx: TenantTransaction, member: UUID, id: UUID) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE notification SET read_at = coalesce(read_at, banso_now())
            WHERE org_id = \(tx.org) AND member_id = \(member) AND id = \(id)
            """) == 1
    }

    public static func markAllRead(_ tx: TenantTransaction, member: UUID) async throws -> Int {
        try await tx.execute(
            "UPDATE notification SET read_at = banso_now() WHERE org_id = \(tx.org) AND member_id = \(member) AND read_at IS NULL AND state IN ('delivered', 'digested')")
    }
}
