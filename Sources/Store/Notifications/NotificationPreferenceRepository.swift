public import Database
public import Domain
public import Foundation

/// Members' notification preferences and the org's weekly cap on nudges.
public enum NotificationPreferenceRepository {
    /// What deciding about one notification for one member needs, in one round trip.
    public struct Reader: Sendable {
        public var preferences: NotificationPreferences
        /// The member's zone, else the org's.
        public var zone: TimeZone
        public var weeklyCap: Int?
        public var lastDigestOn: LocalDate?
        public var active: Bool
        /// Where e-mail goes, and in which language it is written.
        public var email: String
        public var displayName: String
        public var locale: Organization.Locale
    }

    static let readerColumns: SQLQuery = """
        p.muted_kinds, to_char(p.quiet_start, 'HH24:MI'), to_char(p.quiet_end, 'HH24:MI'), p.digest,
        to_char(p.digest_at, 'HH24:MI'), p.email, p.last_digest_on, coalesce(m.time_zone, o.time_zone, 'Asia/Tokyo'),
        o.weekly_nudge_cap, m.active, m.email::text, m.display_name, coalesce(m.locale, o.locale)
        """

    static func decodeReader(_ r: inout RowReader) throws -> Reader {
        let muted: [String]? = try r.next()
        let quietStart: String? = try r.next()
        let quietEnd: String? = try r.next()
        let digest: Bool? = try r.next()
        let digestAt: String? = try r.next()
        let takesEmail: Bool? = try r.next()
        let lastDigestOn: LocalDate? = try r.next()
        let zoneName: String = try r.next()
        let cap: Int? = try r.next()
        let active: Bool = try r.next()
        let address: String = try r.next(), displayName: String = try r.next(), locale: String = try r.next()
        var quiet: QuietHours?
        if let quietStart, let quietEnd, let start = LocalTime(quietStart), let end = LocalTime(quietEnd) {
            quiet = QuietHours(start: start, end: end)
        }
        let preferences = NotificationPreferences(
            mutedKinds: Set((muted ?? []).compactMap(NotificationMessage.Kind.init(rawValue:))), quietHours: quiet,
            digest: digest ?? false, digestAt: digestAt.flatMap { LocalTime($0) } ?? NotificationPreferences.default.digestAt,
            email: takesEmail ?? true)
        return Reader(
            preferences: preferences, zone: Organization.zone(zoneName),
            weeklyCap: cap, lastDigestOn: lastDigestOn, active: active, email: address, displayName: displayName,
            locale: Organization.Locale(rawValue: locale) ?? .ja)
    }

    /// The member's preferences (the defaults if they never set any), zone, and the org's cap.
    public static func reader(_ tx: TenantTransaction, member: UUID) async throws -> Reader? {
        let rows = try await tx.query(
            """
            SELECT \(readerColumns)
            FROM member m JOIN org o ON o.id = m.org_id
            LEFT JOIN notification_preference p ON p.org_id = m.org_id AND p.member_id = m.id
            WHERE m.org_id = \(tx.org) AND m.id = \(member)
            """)
        guard let row = rows.first else { return nil }
        var r = RowReader(row)
        return try decodeReader(&r)
    }

    public static func get(_ tx: TenantTransaction, member: UUID) async throws -> NotificationPreferences {
        try await reader(tx, member: member)?.preferences ?? .default
    }

    public static func set(_ tx: TenantTransaction, member: UUID, _ preferences: NotificationPreferences) async throws {
        let muted = preferences.mutedKinds.map(\.rawValue).sorted()
        let quietStart = preferences.quietHours.map { $0.start.description }
        let quietEnd = preferences.quietHours.map { $0.end.description }
        try await tx.execute(
            """
            INSERT INTO notification_preference (org_id, member_id, muted_kinds, quiet_start, quiet_end, digest, digest_at, email)
            VALUES (\(tx.org), \(member), \(muted), \(quietStart)::time, \(quietEnd)::time, \(preferences.digest),
                \(preferences.digestAt.description)::time, \(preferences.email))
            ON CONFLICT (org_id, member_id) DO UPDATE SET
                muted_kinds = excluded.muted_kinds, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
                digest = excluded.digest, digest_at = excluded.digest_at, email = excluded.email, updated_at = banso_now()
            """)
    }

    public static func weeklyCap(_ tx: TenantTransaction) async throws -> Int? {
        try await tx.query("SELECT weekly_nudge_cap FROM org WHERE id = \(tx.org)").scalar(Int?.self) ?? nil
    }

    public static func setWeeklyCap(_ tx: TenantTransaction, _ cap: Int?) async throws {
        try await tx.execute("UPDATE org SET weekly_nudge_cap = \(cap), updated_at = banso_now() WHERE id = \(tx.org)")
    }

    /// Members with something held back, for the digest sweep.
    public static func membersWithHeld(_ tx: TenantTransaction) async throws -> [(member: UUID, reader: Reader)] {
        try await tx.query(
            """
            SELECT m.id, \(readerColumns)
            FROM member m JOIN org o ON o.id = m.org_id
            LEFT JOIN notification_preference p ON p.org_id = m.org_id AND p.member_id = m.id
            WHERE m.org_id = \(tx.org)
              AND EXISTS (SELECT 1 FROM notification n WHERE n.org_id = m.org_id AND n.member_id = m.id AND n.state = 'held')
            ORDER BY m.id
            """
        ).map { row in
            var r = RowReader(row)
            let member: UUID = try r.next()
            return (member, try decodeReader(&r))
        }
    }

    public static func recordDigest(_ tx: TenantTransaction, member: UUID, on day: LocalDate) async throws {
        try await tx.execute(
            """
            INSERT INTO notification_preference (org_id, member_id, last_digest_on) VALUES (\(tx.org), \(member), \(day))
            ON CONFLICT (org_id, member_id) DO UPDATE SET last_digest_on = excluded.last_digest_on
            """)
    }
}
