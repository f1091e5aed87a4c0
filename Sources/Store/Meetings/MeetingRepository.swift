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

extension MeetingRepository {
    /// Saves the minutes if the occurrence's version is still `expectedVersion` (`nil`: don't check); marks it
    /// touched, so a change of cadence keeps it. `nil` when someone else saved first.
    public static func saveMinutes(_ tx: TenantTransaction, id: UUID, minutes: String?, expectedVersion: Int?) async throws -> Meeting? {
        let rows = try await tx.query(
            """
            UPDATE meeting m SET minutes = \(minutes), touched = true, updated_at = banso_now(), version = m.version + 1
            WHERE m.org_id = \(tx.org) AND m.id = \(id) AND (\(expectedVersion)::integer IS NULL OR m.version = \(expectedVersion))
            RETURNING \(columns)
            """)
        return try rows.first.map(decode)
    }

    /// Marks people's work on it (agenda edited, decisions, notes): a re-plan keeps it.
    public static func markTouched(_ tx: TenantTransaction, id: UUID) async throws {
        try await tx.execute(
            "UPDATE meeting SET touched = true, updated_at = banso_now() WHERE org_id = \(tx.org) AND id = \(id) AND NOT touched")
    }

    /// Moves one occurrence by hand; calendars see the change (SEQUENCE + 1) and a re-plan leaves it where it is.
    public static func reschedule(_ tx: TenantTransaction, id: UUID, startsAt: Date, endsAt: Date, expectedVersion: Int?) async throws -> Meeting? {
        let rows = try await tx.query(
            """
            UPDATE meeting m SET starts_at = \(startsAt), ends_at = \(endsAt), rescheduled = true, sequence = m.sequence + 1,
                updated_at = banso_now(), version = m.version + 1
            WHERE m.org_id = \(tx.org) AND m.id = \(id) AND (\(expectedVersion)::integer IS NULL OR m.version = \(expectedVersion))
            RETURNING \(columns)
            """)
        return try rows.first.map(decode)
    }

    /// Sets the state of one occurrence (held, or cancelled by hand); a cancellation moves the SEQUENCE.
    public static func setState(_ tx: TenantTransaction, id: UUID, _ state: Meeting.State, expectedVersion: Int?) async throws -> Meeting? {
        let rows = try await tx.query(
            """
            UPDATE meeting m SET state = \(state.rawValue),
                sequence = m.sequence + CASE WHEN \(state.rawValue) = 'cancelled' OR m.state = 'cancelled' THEN 1 ELSE 0 END,
                updated_at = banso_now(), version = m.version + 1
            WHERE m.org_id = \(tx.org) AND m.id = \(id) AND (\(expectedVersion)::integer IS NULL OR m.version = \(expectedVersion))
            RETURNING \(columns)
            """)
        return try rows.first.map(decode)
    }

    /// Records that the agenda was (re)generated now.
    public static func markAgendaGenerated(_ tx: TenantTransaction, id: UUID, at: Date) async throws {
        try await tx.execute("UPDATE meeting SET agenda_generated_at = \(at), updated_at = banso_now() WHERE org_id = \(tx.org) AND id = \(id)")
    }

    /// The body's occurrences before `before`, latest first (the series page's past).
    public static func past(_ tx: TenantTransaction, body: UUID, before: Date, limit: Int) async throws -> [Meeting] {
        try await tx.query(
            """
            SELECT \(columns) FROM meeting m
            WHERE m.org_id = \(tx.org) AND m.body_id = \(body) AND m.starts_at < \(before)
            ORDER BY m.starts_at DESC, m.id DESC LIMIT \(limit)
            """
        ).map(decode)
    }

    /// The occurrence after `meeting` in its series that is not cancelled (where unfinished items carry over to).
    public static func next(_ tx: TenantTransaction, body: UUID, after start: Date) async throws -> Meeting? {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM meeting m
            WHERE m.org_id = \(tx.org) AND m.body_id = \(body) AND m.starts_at > \(start) AND m.state = 'planned'
            ORDER BY m.starts_at, m.id LIMIT 1
            """)
        return try rows.first.map(decode)
    }

    /// A member's occurrences in `[from, to)` (as participant or facilitator), with their body's name, by start.
    public static func forMember(_ tx: TenantTransaction, member: UUID, from: Date, to: Date, limit: Int = 200) async throws
        -> [(meeting: Meeting, bodyName: String)]
    {
        let rows = try await tx.query(
            """
            SELECT \(columns), b.name FROM meeting m
            JOIN meeting_body b ON b.org_id = m.org_id AND b.id = m.body_id
            WHERE m.org_id = \(tx.org) AND m.starts_at >= \(from) AND m.starts_at < \(to)
              AND (b.facilitator_id = \(member)
                   OR EXISTS (SELECT 1 FROM meeting_participant p WHERE p.org_id = m.org_id AND p.meeting_id = m.id AND p.member_id = \(member)))
            ORDER BY m.starts_at, m.id LIMIT \(limit)
            """)
        return try rows.map { row in
            (try decode(row), try row.decode(String.self, at: 13))
        }
    }

    /// Planned occurrences of live bodies starting in `(from, through]` whose agenda has not been written yet: the
    /// candidates of the daily agenda run, which checks each one's lead time in business days.
    public static func awaitingAgenda(_ tx: TenantTransaction, from: Date, through: Date) async throws -> [Meeting] {
        try await tx.query(
            """
            SELECT \(columns) FROM meeting m
            JOIN meeting_body b ON b.org_id = m.org_id AND b.id = m.body_id AND b.archived_at IS NULL
            WHERE m.org_id = \(tx.org) AND m.state = 'planned' AND m.agenda_generated_at IS NULL
              AND m.starts_at > \(from) AND m.starts_at <= \(through)
            ORDER BY m.starts_at, m.id
            """
        ).map(decode)
    }
}

extension MeetingRepository {
    /// A new duration for the body's untouched planned occurrences after `after` (calendars see the new end).
    public static func setDuration(_ tx: TenantTransaction, body: UUID, after: Date, minutes: Int) async throws {
        try await tx.execute(
            """
            UPDATE meeting SET ends_at = starts_at + make_interval(mins => \(minutes)), sequence = sequence + 1,
                updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND body_id = \(body) AND state = 'planned' AND starts_at > \(after) AND NOT rescheduled
            """)
    }
}
