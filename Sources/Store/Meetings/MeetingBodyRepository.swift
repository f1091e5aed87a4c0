public import Database
public import Domain
public import Foundation

/// Meeting bodies (会議体). Participants, cadence and template are stored as JSON: they are read and written whole,
/// with the body.
public enum MeetingBodyRepository {
    static let columns: SQLQuery = """
        b.id, b.name, b.purpose, b.objective, b.company_id, b.team_id, b.facilitator_id, b.participants, b.cadence,
        b.duration_minutes, b.agenda_lead_days, b.template, b.archived_at, b.created_at, b.updated_at, b.version
        """

    static func decode(_ row: Row) throws -> MeetingBody {
        var r = RowReader(row)
        let id: UUID = try r.next(), name: String = try r.next(), purpose: String = try r.next(), objective: String = try r.next()
        let company: UUID? = try r.next(), team: UUID? = try r.next(), facilitator: UUID? = try r.next()
        let participants: JSON<[MeetingParticipant]> = try r.next()
        let cadence: JSON<Recurrence>? = try r.next()
        let duration: Int = try r.next(), lead: Int = try r.next()
        let template: JSON<AgendaTemplate> = try r.next()
        return MeetingBody(
            id: id, name: name, purpose: MeetingPurpose(rawValue: purpose) ?? .share, objective: objective, companyID: company,
            teamID: team, facilitatorID: facilitator, participants: participants.value, cadence: cadence?.value,
            durationMinutes: duration, agendaLeadDays: lead, template: template.value, archivedAt: try r.next(),
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ b: MeetingBody) async throws -> MeetingBody {
        let rows = try await tx.query(
            """
            INSERT INTO meeting_body AS b (org_id, id, name, purpose, objective, company_id, team_id, facilitator_id, participants,
                cadence, duration_minutes, agenda_lead_days, template)
            VALUES (\(tx.org), \(b.id), \(b.name), \(b.purpose.rawValue), \(b.objective), \(b.companyID), \(b.teamID),
                \(b.facilitatorID), \(JSON(b.participants)), \(b.cadence.map(JSON.init)), \(b.durationMinutes), \(b.agendaLeadDays),
                \(JSON(b.template)))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Saves `b` over the stored body if its version is still `b.version`; `nil` when someone else changed it first.
    public static func update(_ tx: TenantTransaction, _ b: MeetingBody) async throws -> MeetingBody? {
        let rows = try await tx.query(
            """
            UPDATE meeting_body AS b SET name = \(b.name), purpose = \(b.purpose.rawValue), objective = \(b.objective),
                company_id = \(b.companyID), team_id = \(b.teamID), facilitator_id = \(b.facilitatorID),
                participants = \(JSON(b.participants)), cadence = \(b.cadence.map(JSON.init)), duration_minutes = \(b.durationMinutes),
                agenda_lead_days = \(b.agendaLeadDays), template = \(JSON(b.template)), archived_at = \(b.archivedAt),
                updated_at = banso_now(), version = b.version + 1
            WHERE b.org_id = \(tx.org) AND b.id = \(b.id) AND b.version = \(b.version)
            RETURNING \(columns)
            """)
        return try rows.first.map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> MeetingBody? {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM meeting_body b WHERE b.org_id = \(tx.org) AND b.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """)
        return try rows.first.map(decode)
    }

    /// The org's bodies (archived ones only when asked), by name.
    public static func list(_ tx: TenantTransaction, archived: Bool = false) async throws -> [MeetingBody] {
        try await tx.query(
            """
            SELECT \(columns) FROM meeting_body b
            WHERE b.org_id = \(tx.org) AND (b.archived_at IS NOT NULL) = \(archived)
            ORDER BY b.name, b.id
            """
        ).map(decode)
    }
}
