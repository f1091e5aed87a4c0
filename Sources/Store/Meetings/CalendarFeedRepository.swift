public import Database
public import Domain
public import Foundation

/// A secret calendar feed as stored: never its token, only the token's SHA-256.
public struct CalendarFeedRecord: Sendable, Equatable {
    public var id: UUID
    public var memberID: UUID
    /// `nil`: the member's own feed (the meetings they take part in); else one body's.
    public var bodyID: UUID?
    public var bodyName: String?
    /// When this URL was issued: a rotation issues a new feed, so this is the age of the link in use.
    public var createdAt: Date
    public var revokedAt: Date?
}

/// Where a live feed token points, found by system work before the org is known.
public struct CalendarFeedTarget: Sendable, Equatable {
    public var orgID: UUID
    public var id: UUID
}

/// Calendar feeds (iCalendar subscriptions): one live feed per member and body (or per member alone), each behind a
/// random token kept here only as SHA-256. Rotating revokes the old row and issues a new one, so a revoked token can
/// never come back to life.
public enum CalendarFeedRepository {
    static let columns: SQLQuery = "f.id, f.member_id, f.body_id, b.name, f.created_at, f.revoked_at"
    /// Joined to the feed rows (`f`) for the body's name.
    static let bodyName: SQLQuery = "LEFT JOIN meeting_body b ON b.org_id = f.org_id AND b.id = f.body_id"

    static func decode(_ row: Row) throws -> CalendarFeedRecord {
        let (id, member, body, name, created, revoked) = try row.decode((UUID, UUID, UUID?, String?, Date, Date?).self)
        return CalendarFeedRecord(id: id, memberID: member, bodyID: body, bodyName: name, createdAt: created, revokedAt: revoked)
    }

    /// Issues a feed for `member` (and `body`); the live one it replaces, if any, is revoked first and answered, so
    /// its URL dies in the same transaction. Two issues at once for the same feed: the second is a conflict.
    public static func issue(_ tx: TenantTransaction, id: UUID, member: UUID, body: UUID?, tokenHash: [UInt8]) async throws
        -> (feed: CalendarFeedRecord, replaced: CalendarFeedRecord?)
    {
        // Two statements, not one: a unique index is checked as each row is written, and within one statement the
        // insert could meet the old row before the update has revoked it.
        let replaced = try await tx.query(
            """
            WITH f AS (
                UPDATE calendar_feed SET revoked_at = banso_now()
                WHERE org_id = \(tx.org) AND member_id = \(member) AND body_id IS NOT DISTINCT FROM \(body)::uuid
                  AND revoked_at IS NULL
                RETURNING org_id, id, member_id, body_id, created_at, revoked_at
            )
            SELECT \(columns) FROM f \(bodyName)
            """
        ).first.map(decode)
        do {
            let rows = try await tx.query(
                """
                WITH f AS (
                    INSERT INTO calendar_feed (org_id, id, member_id, body_id, token_hash)
                    VALUES (\(tx.org), \(id), \(member), \(body), \(tokenHash))
                    RETURNING org_id, id, member_id, body_id, created_at, revoked_at
                )
                SELECT \(columns) FROM f \(bodyName)
                """)
            return (try decode(rows[0]), replaced)
        } catch {
            throw DomainError.from(
                error, conflicts: ["calendar_feed_live_idx": ("body_id", "this calendar feed was issued by another request at the same moment; try again")])
        }
    }

    /// The member's live feeds, in id order.
    public static func list(_ tx: TenantTransaction, member: UUID, after cursor: UUID?, limit: Int) async throws -> Page<CalendarFeedRecord> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM calendar_feed f \(bodyName)
            WHERE f.org_id = \(tx.org) AND f.member_id = \(member) AND f.revoked_at IS NULL
            \(Keyset(after: cursor, limit: limit).clause("f.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// A live feed; locked until the transaction ends when asked, so a rotation and a revocation do not cross.
    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> CalendarFeedRecord? {
        try await tx.query(
            """
            SELECT \(columns) FROM calendar_feed f \(bodyName)
            WHERE f.org_id = \(tx.org) AND f.id = \(id) AND f.revoked_at IS NULL
            \(lock ? "FOR UPDATE OF f" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// Revokes a live feed; false when it was not live.
    public static func revoke(_ tx: TenantTransaction, id: UUID) async throws -> Bool {
        try await tx.execute(
            "UPDATE calendar_feed SET revoked_at = banso_now() WHERE org_id = \(tx.org) AND id = \(id) AND revoked_at IS NULL") == 1
    }

    /// Revokes every live feed of a member (on deactivation); answers how many.
    @discardableResult
    public static func revokeAll(_ tx: TenantTransaction, member: UUID) async throws -> Int {
        try await tx.execute(
            """
            UPDATE calendar_feed SET revoked_at = banso_now()
            WHERE org_id = \(tx.org) AND member_id = \(member) AND revoked_at IS NULL
            """)
    }

    /// Inside system work: the org and id of a live feed, from its token's hash. Nothing else.
    public static func resolve(_ tx: some QueryRunner, tokenHash: [UInt8]) async throws -> CalendarFeedTarget? {
        guard let row = try await tx.query(
            "SELECT org_id, id FROM calendar_feed WHERE token_hash = \(tokenHash) AND revoked_at IS NULL"
        ).first else { return nil }
        let (org, id) = try row.decode((UUID, UUID).self)
        return CalendarFeedTarget(orgID: org, id: id)
    }

    // MARK: - What a feed shows

    static let entryColumns: SQLQuery = """
        m.id, m.starts_at, m.ends_at, m.state, m.sequence, m.updated_at, b.name, b.purpose, b.objective
        """

    static func decodeEntry(_ row: Row) throws -> MeetingCalendarEntry {
        var r = RowReader(row)
        let id: UUID = try r.next(), starts: Date = try r.next(), ends: Date = try r.next(), state: String = try r.next()
        let sequence: Int = try r.next(), updated: Date = try r.next(), name: String = try r.next(), purpose: String = try r.next()
        return MeetingCalendarEntry(
            meetingID: id, startsAt: starts, endsAt: ends, state: Meeting.State(rawValue: state) ?? .planned, sequence: sequence,
            updatedAt: updated, bodyName: name, purpose: MeetingPurpose(rawValue: purpose) ?? .share, objective: try r.next())
    }

    /// Bounds one feed's size whatever the data: a year of weekly meetings in a few dozen bodies is far below it.
    static let entryLimit = 5000

    /// The occurrences starting within `window` that `member` takes part in (a participant of that occurrence, or the
    /// facilitator of its body), cancelled ones included, by start.
    public static func memberEntries(_ tx: TenantTransaction, member: UUID, window: ClosedRange<Date>) async throws
        -> [MeetingCalendarEntry]
    {
        try await tx.query(
            """
            SELECT \(entryColumns)
            FROM meeting m JOIN meeting_body b ON b.org_id = m.org_id AND b.id = m.body_id
            WHERE m.org_id = \(tx.org) AND m.starts_at >= \(window.lowerBound) AND m.starts_at <= \(window.upperBound)
              AND (b.facilitator_id = \(member) OR EXISTS (
                    SELECT 1 FROM meeting_participant p
                    WHERE p.org_id = m.org_id AND p.meeting_id = m.id AND p.member_id = \(member)))
            ORDER BY m.starts_at, m.id LIMIT \(entryLimit)
            """
        ).map(decodeEntry)
    }

    /// One body's occurrences starting within `window`, cancelled ones included, by start.
    public static func bodyEntries(_ tx: TenantTransaction, body: UUID, window: ClosedRange<Date>) async throws -> [MeetingCalendarEntry] {
        try await tx.query(
            """
            SELECT \(entryColumns)
            FROM meeting m JOIN meeting_body b ON b.org_id = m.org_id AND b.id = m.body_id
            WHERE m.org_id = \(tx.org) AND m.body_id = \(body)
              AND m.starts_at >= \(window.lowerBound) AND m.starts_at <= \(window.upperBound)
            ORDER BY m.starts_at, m.id LIMIT \(entryLimit)
            """
        ).map(decodeEntry)
    }
}
