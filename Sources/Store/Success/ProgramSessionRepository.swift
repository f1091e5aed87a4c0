public import Database
public import Domain
public import Foundation

extension ProgramSessionKind: TextColumn {}

/// An enrolment's sessions, planned and held; the held ones' durations are the hours charged to the budget.
public enum ProgramSessionRepository {
    static let columns: SQLQuery = """
        s.id, s.enrolment_id, s.kind, s.planned_on, s.held_on, s.duration_minutes, s.participant_ids, s.notes,
        s.supported_contact_id, s.practised, s.created_at, s.updated_at, s.version
        """

    static func decode(_ row: Row) throws -> ProgramSession {
        var r = RowReader(row)
        return ProgramSession(
            id: try r.next(), enrolmentID: try r.next(), kind: try r.next(), plannedOn: try r.next(), heldOn: try r.next(),
            durationMinutes: try r.next(), participantIDs: try r.next(), notes: try r.next(), supportedContactID: try r.next(),
            practised: try r.next(), createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ s: ProgramSession) async throws -> ProgramSession {
        let rows = try await tx.query(
            """
            INSERT INTO program_session AS s (org_id, id, enrolment_id, kind, planned_on, held_on, duration_minutes, participant_ids,
                notes, supported_contact_id, practised)
            VALUES (\(tx.org), \(s.id), \(s.enrolmentID), \(s.kind), \(s.plannedOn), \(s.heldOn), \(s.durationMinutes),
                \(s.participantIDs)::uuid[], \(s.notes), \(s.supportedContactID), \(s.practised))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Saves `s` if the stored version is still `s.version`; `nil` when someone else changed it first.
    public static func update(_ tx: TenantTransaction, _ s: ProgramSession) async throws -> ProgramSession? {
        try await tx.query(
            """
            UPDATE program_session AS s SET kind = \(s.kind), planned_on = \(s.plannedOn), held_on = \(s.heldOn),
                duration_minutes = \(s.durationMinutes), participant_ids = \(s.participantIDs)::uuid[], notes = \(s.notes),
                supported_contact_id = \(s.supportedContactID), practised = \(s.practised), updated_at = banso_now(),
                version = s.version + 1
            WHERE s.org_id = \(tx.org) AND s.id = \(s.id) AND s.version = \(s.version)
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> ProgramSession? {
        try await tx.query(
            """
            SELECT \(columns) FROM program_session s WHERE s.org_id = \(tx.org) AND s.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    public static func delete(_ tx: TenantTransaction, id: UUID) async throws {
        try await tx.execute("DELETE FROM program_session WHERE org_id = \(tx.org) AND id = \(id)")
    }

    /// Every session of the enrolment, by day (held, else planned). A program has a few dozen at most.
    public static func list(_ tx: TenantTransaction, enrolment: UUID) async throws -> [ProgramSession] {
        try await tx.query(
            """
            SELECT \(columns) FROM program_session s
            WHERE s.org_id = \(tx.org) AND s.enrolment_id = \(enrolment)
            ORDER BY coalesce(s.held_on, s.planned_on), s.id LIMIT 1000
            """
        ).map(decode)
    }

    /// The sessions of each of `enrolments`, in one statement, each enrolment's in ``list(_:enrolment:)``'s order:
    /// a list of programs shows every row's hours without a round trip per row.
    public static func list(_ tx: TenantTransaction, enrolments: [UUID]) async throws -> [UUID: [ProgramSession]] {
        guard !enrolments.isEmpty else { return [:] }
        let sessions = try await tx.query(
            """
            SELECT \(columns) FROM program_session s
            WHERE s.org_id = \(tx.org) AND s.enrolment_id = ANY(\(Array(Set(enrolments))))
            ORDER BY s.enrolment_id, coalesce(s.held_on, s.planned_on), s.id
            """
        ).map(decode)
        return Dictionary(grouping: sessions, by: \.enrolmentID)
    }

    /// The held sessions' hours of non-cancelled programs in `days`, per CSM: the capacity figures.
    public static func hoursByCSM(_ tx: TenantTransaction, days: ClosedRange<LocalDate>, csm: UUID? = nil) async throws
        -> [UUID: [HourBudget.Entry]]
    {
        var result: [UUID: [HourBudget.Entry]] = [:]
        let rows = try await tx.query(
            """
            SELECT e.csm_id, s.held_on, sum(s.duration_minutes)::integer
            FROM program_session s JOIN enrolment e ON e.org_id = s.org_id AND e.id = s.enrolment_id
            WHERE s.org_id = \(tx.org) AND s.held_on BETWEEN \(days.lowerBound) AND \(days.upperBound) AND e.state <> 'cancelled'
              AND (\(csm)::uuid IS NULL OR e.csm_id = \(csm))
            GROUP BY e.csm_id, s.held_on
            """)
        for row in rows {
            let (member, day, minutes) = try row.decode((UUID, LocalDate, Int).self)
            result[member, default: []].append(HourBudget.Entry(on: day, minutes: minutes))
        }
        return result
    }
}
