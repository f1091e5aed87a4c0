public import Database
public import Domain
public import Foundation

/// A body's occurrences: planned in bulk from its cadence, cancelled or flagged by a re-plan, moved by hand.
public enum MeetingRepository {
    static let columns: SQLQuery = """
        m.id, m.body_id, m.nominal, m.starts_at, m.ends_at, m.state, m.rescheduled, m.touched, m.off_cadence, m.minutes,
        m.agenda_generated_at, m.sequence, m.version
        """

    static func decode(_ row: Row) throws -> Meeting {
        var r = RowReader(row)
        let id: UUID = try r.next(), body: UUID = try r.next(), nominal: String? = try r.next()
        let starts: Date = try r.next(), ends: Date = try r.next(), state: String = try r.next()
        return Meeting(
            id: id, bodyID: body, nominal: nominal, startsAt: starts, endsAt: ends, state: Meeting.State(rawValue: state) ?? .planned,
            rescheduled: try r.next(), touched: try r.next(), offCadence: try r.next(), minutes: try r.next(),
            agendaGeneratedAt: try r.next(), sequence: try r.next(), version: try r.next())
    }

    /// Plans occurrences in one statement; a date another transaction planned first is skipped (the unique index on
    /// live nominal dates), so two planners never make two meetings of one date. Answers the ones it made.
    @discardableResult
    public static func plan(
        _ tx: TenantTransaction, body: UUID, occurrences: [Recurrence.Occurrence], duration: TimeInterval
    ) async throws -> [Meeting] {
        guard !occurrences.isEmpty else { return [] }
        return try await tx.query(
            """
            INSERT INTO meeting AS m (org_id, id, body_id, nominal, starts_at, ends_at)
            SELECT \(tx.org), n.id, \(body), n.nominal, n.starts_at, n.starts_at + make_interval(secs => \(duration))
            FROM unnest(\(occurrences.map { _ in UUID.v7() })::uuid[], \(occurrences.map(\.nominal))::text[],
                \(occurrences.map(\.instant))::timestamptz[]) AS n(id, nominal, starts_at)
            ON CONFLICT (org_id, body_id, nominal) WHERE nominal IS NOT NULL AND state <> 'cancelled' DO NOTHING
            RETURNING \(columns)
            """
        ).map(decode)
    }

    /// The body's occurrences from `from` on (cancelled ones too: a feed shows them cancelled), by start.
    public static func upcoming(_ tx: TenantTransaction, body: UUID, from: Date, limit: Int = 400) async throws -> [Meeting] {
        try await tx.query(
            """
            SELECT \(columns) FROM meeting m
            WHERE m.org_id = \(tx.org) AND m.body_id = \(body) AND m.starts_at >= \(from)
            ORDER BY m.starts_at, m.id LIMIT \(limit)
            """
        ).map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> Meeting? {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM meeting m WHERE m.org_id = \(tx.org) AND m.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """)
        return try rows.first.map(decode)
    }

    /// Cancels occurrences (a re-plan dropped them, or their body was deleted); the SEQUENCE moves so calendars drop
    /// them too.
    public static func cancel(_ tx: TenantTransaction, ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        try await tx.execute(
            """
            UPDATE meeting SET state = 'cancelled', sequence = sequence + 1, updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = ANY(\(ids)) AND state = 'planned'
            """)
    }

    /// Marks occurrences a re-plan kept although the cadence no longer has them.
    public static func flagOffCadence(_ tx: TenantTransaction, ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        try await tx.execute(
            """
            UPDATE meeting SET off_cadence = true, updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = ANY(\(ids))
            """)
    }

    /// The occurrence before `meeting` in its series that was not cancelled (the agenda's "since the last meeting").
    public static func previous(_ tx: TenantTransaction, body: UUID, before start: Date) async throws -> Meeting? {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM meeting m
            WHERE m.org_id = \(tx.org) AND m.body_id = \(body) AND m.starts_at < \(start) AND m.state <> 'cancelled'
            ORDER BY m.starts_at DESC, m.id DESC LIMIT 1
            """)
        return try rows.first.map(decode)
    }
}
