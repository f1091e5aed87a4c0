public import Database
public import Domain
public import Foundation

/// Who takes part in each occurrence. A body names members and positions; each future occurrence holds the members
/// that resolve to on its own day (a position's holders then), so a new holder joins the next meetings, and a
/// member who leaves or is deactivated leaves the future ones while the past keep who was there.
public enum MeetingParticipantRepository {
    public struct Participant: Sendable, Hashable {
        public var memberID: UUID
        public var displayName: String
        public var active: Bool
        /// `nil`: not recorded yet.
        public var attended: Bool?
    }

    /// Brings the participants of the body's planned occurrences after `after` in step with `named` members,
    /// the holders of `positions` on each occurrence's local day in `zone`, and the facilitator. Inactive members
    /// are left out. One statement; the occurrences already under way keep theirs.
    public static func sync(
        _ tx: TenantTransaction, body: UUID, named: [UUID], positions: [UUID], facilitator: UUID?, after: Date, zone: String,
        only meeting: UUID? = nil
    ) async throws {
        let named = named + (facilitator.map { [$0] } ?? [])
        try await tx.execute(
            """
            WITH future AS (
                SELECT m.id, (m.starts_at AT TIME ZONE \(zone))::date AS day FROM meeting m
                WHERE m.org_id = \(tx.org) AND m.body_id = \(body) AND m.state = 'planned' AND m.starts_at > \(after)
                  AND (\(meeting)::uuid IS NULL OR m.id = \(meeting))
            ), wanted AS (
                SELECT DISTINCT f.id AS meeting_id, w.member_id FROM future f
                CROSS JOIN LATERAL (
                    SELECT unnest(\(named)::uuid[]) AS member_id
                    UNION
                    SELECT h.member_id FROM position_holder h
                    WHERE h.org_id = \(tx.org) AND h.position_id = ANY(\(positions)::uuid[])
                      AND h.start_date <= f.day AND (h.end_date IS NULL OR h.end_date >= f.day)
                ) w
                JOIN member mb ON mb.org_id = \(tx.org) AND mb.id = w.member_id AND mb.active
            ), gone AS (
                DELETE FROM meeting_participant p USING future f
                WHERE p.org_id = \(tx.org) AND p.meeting_id = f.id
                  AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.meeting_id = p.meeting_id AND w.member_id = p.member_id)
            )
            INSERT INTO meeting_participant (org_id, meeting_id, member_id)
            SELECT \(tx.org), meeting_id, member_id FROM wanted
            ON CONFLICT DO NOTHING
            """)
    }

    /// Takes a member out of every occurrence still to come (deactivation).
    public static func leaveFuture(_ tx: TenantTransaction, member: UUID, after: Date) async throws {
        try await tx.execute(
            """
            DELETE FROM meeting_participant p USING meeting m
            WHERE p.org_id = \(tx.org) AND p.member_id = \(member) AND m.org_id = p.org_id AND m.id = p.meeting_id
              AND m.state = 'planned' AND m.starts_at > \(after)
            """)
    }

    /// An occurrence's participants by name.
    public static func list(_ tx: TenantTransaction, meeting: UUID) async throws -> [Participant] {
        let rows = try await tx.query(
            """
            SELECT p.member_id, mb.display_name, mb.active, p.attended FROM meeting_participant p
            JOIN member mb ON mb.org_id = p.org_id AND mb.id = p.member_id
            WHERE p.org_id = \(tx.org) AND p.meeting_id = \(meeting)
            ORDER BY mb.display_name, p.member_id
            """)
        return try rows.map { row in
            var r = RowReader(row)
            return Participant(memberID: try r.next(), displayName: try r.next(), active: try r.next(), attended: try r.next())
        }
    }

    public static func isParticipant(_ tx: TenantTransaction, meeting: UUID, member: UUID) async throws -> Bool {
        try await !tx.query(
            "SELECT 1 FROM meeting_participant WHERE org_id = \(tx.org) AND meeting_id = \(meeting) AND member_id = \(member)"
        ).isEmpty
    }

    /// Which of `members` exist in the org and whether each is active (one query for a whole attendance form).
    public static func memberStates(_ tx: TenantTransaction, _ members: [UUID]) async throws -> [UUID: Bool] {
        guard !members.isEmpty else { return [:] }
        var states: [UUID: Bool] = [:]
        for row in try await tx.query("SELECT id, active FROM member WHERE org_id = \(tx.org) AND id = ANY(\(members))") {
            let (id, active) = try row.decode((UUID, Bool).self)
            states[id] = active
        }
        return states
    }

    /// Records who attended (`nil`: not recorded), in one statement; a member not yet listed (someone who joined on
    /// the day) is added.
    public static func setAttendance(_ tx: TenantTransaction, meeting: UUID, marks: [(member: UUID, attended: Bool?)]) async throws {
        guard !marks.isEmpty else { return }
        try await tx.execute(
            """
            INSERT INTO meeting_participant AS p (org_id, meeting_id, member_id, attended)
            SELECT \(tx.org), \(meeting), m.member_id, nullif(m.attended, '')::boolean
            FROM unnest(\(marks.map(\.member))::uuid[], \(marks.map { $0.attended.map { $0 ? "true" : "false" } ?? "" })::text[])
                AS m(member_id, attended)
            ON CONFLICT (org_id, meeting_id, member_id) DO UPDATE SET attended = excluded.attended
            """)
    }

    /// Takes a member off one occurrence (a participant added by mistake).
    public static func remove(_ tx: TenantTransaction, meeting: UUID, member: UUID) async throws {
        try await tx.execute(
            "DELETE FROM meeting_participant WHERE org_id = \(tx.org) AND meeting_id = \(meeting) AND member_id = \(member)")
    }
}
