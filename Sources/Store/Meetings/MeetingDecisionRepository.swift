public import Database
public import Domain
public import Foundation

/// Decisions recorded at an occurrence: what was decided, by whom, about what.
public enum MeetingDecisionRepository {
    public struct Decision: Sendable, Hashable {
        public var id: UUID
        public var meetingID: UUID
        public var text: String
        public var decidedBy: UUID?
        public var decidedByName: String?
        public var subject: AgendaSubject?
        public var createdBy: UUID
        public var createdAt: Date

        public init(id: UUID, meetingID: UUID, text: String, decidedBy: UUID?, subject: AgendaSubject?, createdBy: UUID, createdAt: Date) {
            (self.id, self.meetingID, self.text, self.decidedBy, self.subject, self.createdBy, self.createdAt) =
                (id, meetingID, text, decidedBy, subject, createdBy, createdAt)
        }
    }

    static let columns: SQLQuery = """
        d.id, d.meeting_id, d.text, d.decided_by, mb.display_name, d.subject_type, d.subject_id, d.created_by, d.created_at
        """
    static let from: SQLQuery = "meeting_decision d LEFT JOIN member mb ON mb.org_id = d.org_id AND mb.id = d.decided_by"

    static func decode(_ row: Row) throws -> Decision {
        var r = RowReader(row)
        let id: UUID = try r.next(), meeting: UUID = try r.next(), text: String = try r.next()
        let by: UUID? = try r.next(), byName: String? = try r.next(), type: String? = try r.next(), subjectID: UUID? = try r.next()
        var decision = Decision(
            id: id, meetingID: meeting, text: text, decidedBy: by,
            subject: type.flatMap(AgendaSubject.Kind.init(rawValue:)).flatMap { kind in subjectID.map { AgendaSubject(kind, $0) } },
            createdBy: try r.next(), createdAt: try r.next())
        decision.decidedByName = byName
        return decision
    }

    public static func insert(_ tx: TenantTransaction, _ d: Decision) async throws -> Decision {
        try await tx.execute(
            """
            INSERT INTO meeting_decision (org_id, id, meeting_id, text, decided_by, subject_type, subject_id, created_by, created_at)
            VALUES (\(tx.org), \(d.id), \(d.meetingID), \(d.text), \(d.decidedBy), \(d.subject?.kind.rawValue), \(d.subject?.id),
                \(d.createdBy), \(d.createdAt))
            """)
        return try await get(tx, meeting: d.meetingID, id: d.id)!
    }

    public static func list(_ tx: TenantTransaction, meeting: UUID) async throws -> [Decision] {
        try await tx.query(
            "SELECT \(columns) FROM \(from) WHERE d.org_id = \(tx.org) AND d.meeting_id = \(meeting) ORDER BY d.created_at, d.id"
        ).map(decode)
    }

    public static func get(_ tx: TenantTransaction, meeting: UUID, id: UUID) async throws -> Decision? {
        try await tx.query(
            "SELECT \(columns) FROM \(from) WHERE d.org_id = \(tx.org) AND d.meeting_id = \(meeting) AND d.id = \(id)"
        ).first.map(decode)
    }

    public static func delete(_ tx: TenantTransaction, meeting: UUID, id: UUID) async throws {
        try await tx.execute("DELETE FROM meeting_decision WHERE org_id = \(tx.org) AND meeting_id = \(meeting) AND id = \(id)")
    }
}
