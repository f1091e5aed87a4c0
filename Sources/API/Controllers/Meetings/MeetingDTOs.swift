import Domain
import Foundation
import Store
import UseCases

/// A generator as the API writes it: `{"type": "renewals_due", "within_days": 90}`. The domain type's own coding
/// uses snake-case keys that the API's key conversion would not find, so the API reads and writes this mirror.
struct AgendaGeneratorDTO: Codable, Sendable {
    var type: String
    var includeAtRisk: Bool?
    var withinDays: Int?
    var unacknowledgedDays: Int?

    init(_ g: AgendaGenerator) {
        type = g.name
        switch g {
        case .goalsOffTrack(let atRisk): includeAtRisk = atRisk
        case .renewalsDue(let days): withinDays = days
        case .accountabilitiesOpen(let days): unacknowledgedDays = days
        default: break
        }
    }

    func generator(field: String) throws -> AgendaGenerator {
        switch type {
        case "goals_off_track": return .goalsOffTrack(includeAtRisk: includeAtRisk ?? true)
        case "check_ins_missing": return .checkInsMissing
        case "reviews_pending": return .reviewsPending
        case "health_dropped": return .healthDropped
        case "renewals_due": return .renewalsDue(withinDays: withinDays ?? 90)
        case "accountabilities_open": return .accountabilitiesOpen(unacknowledgedDays: unacknowledgedDays ?? 3)
        case "expansion_signals": return .expansionSignals
        case "previous_actions": return .previousActions
        default:
            guard type.hasPrefix("ext:") else {
                throw Problem.invalidField(
                    field, "generator type is goals_off_track, check_ins_missing, reviews_pending, health_dropped, renewals_due, "
                        + "accountabilities_open, expansion_signals, previous_actions or ext:NAME")
            }
            return .extension(String(type.dropFirst(4)))
        }
    }

    static let schema = Schema.object(
        ["type": Schema.string, "include_at_risk": Schema.boolean, "within_days": Schema.integer, "unacknowledged_days": Schema.integer],
        required: ["type"])
}

/// One section of an agenda template: a generator with parameters, or fixed items; a time box in minutes.
struct AgendaSectionDTO: Codable, Sendable {
    var key: String
    var title: String?
    var minutes: Int
    var generator: AgendaGeneratorDTO?
    var items: [String]?

    init(_ s: AgendaSection) {
        (key, title, minutes) = (s.key, s.title, s.minutes)
        switch s.content {
        case .generator(let g): generator = AgendaGeneratorDTO(g)
        case .fixed(let texts): items = texts
        }
    }

    func section() throws -> AgendaSection {
        if generator != nil, items != nil {
            throw Problem.invalidField("agenda_template", "a section has a generator or fixed items, not both")
        }
        let content: AgendaSection.Content = try generator.map { .generator(try $0.generator(field: "agenda_template")) } ?? .fixed(items ?? [])
        return AgendaSection(key: key, title: title, content: content, minutes: minutes)
    }

    static let schema = Schema.object(
        ["key": Schema.string, "title": Schema.nullable(Schema.string), "minutes": Schema.integer, "generator": AgendaGeneratorDTO.schema,
         "items": Schema.array(Schema.string)],
        required: ["key", "minutes"])
}

/// `{"member_id": …}` or `{"position_id": …}`.
struct MeetingParticipantDTO: Codable, Sendable {
    var memberId: UUID?
    var positionId: UUID?

    init(_ p: MeetingParticipant) {
        switch p {
        case .member(let id): memberId = id
        case .position(let id): positionId = id
        }
    }

    func participant() throws -> MeetingParticipant {
        switch (memberId, positionId) {
        case (let member?, nil): return .member(member)
        case (nil, let position?): return .position(position)
        default: throw Problem.invalidField("participants", "each participant names a member_id or a position_id")
        }
    }

    static let schema = Schema.object(["member_id": Schema.uuid, "position_id": Schema.uuid])
}

struct MeetingBodyDTO: Encodable, Sendable, Versioned {
    var id: UUID
    var name: String
    var purpose: MeetingPurpose
    var objective: String
    var companyId: UUID?
    var teamId: UUID?
    var facilitatorId: UUID?
    var participants: [MeetingParticipantDTO]
    var cadence: Recurrence?
    var durationMinutes: Int
    var agendaLeadDays: Int
    var agendaTemplate: [AgendaSectionDTO]
    var archivedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ b: MeetingBody) {
        (id, name, purpose, objective, companyId, teamId, facilitatorId) = (b.id, b.name, b.purpose, b.objective, b.companyID, b.teamID, b.facilitatorID)
        participants = b.participants.map(MeetingParticipantDTO.init)
        (cadence, durationMinutes, agendaLeadDays) = (b.cadence, b.durationMinutes, b.agendaLeadDays)
        agendaTemplate = b.template.sections.map(AgendaSectionDTO.init)
        (archivedAt, createdAt, updatedAt, version) = (b.archivedAt, b.createdAt, b.updatedAt, b.version)
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "name": Schema.string, "purpose": Schema.enumeration(MeetingPurpose.self), "objective": Schema.string,
         "company_id": Schema.nullable(Schema.uuid), "team_id": Schema.nullable(Schema.uuid), "facilitator_id": Schema.nullable(Schema.uuid),
         "participants": Schema.array(MeetingParticipantDTO.schema), "cadence": Schema.nullable(Recurrence.ownSchema),
         "duration_minutes": Schema.integer, "agenda_lead_days": Schema.integer, "agenda_template": Schema.array(AgendaSectionDTO.schema),
         "archived_at": Schema.nullable(Schema.dateTime), "created_at": Schema.dateTime, "updated_at": Schema.dateTime, "version": Schema.integer],
        required: ["id", "name", "purpose", "objective", "participants", "duration_minutes", "agenda_lead_days", "agenda_template",
                   "created_at", "updated_at", "version"])
}

struct MeetingDTO: Encodable, Sendable, Versioned {
    struct Participant: Encodable, Sendable {
        var memberId: UUID
        var displayName: String
        var attended: Bool?
    }
    var id: UUID
    var bodyId: UUID
    var bodyName: String?
    var startsAt: Date
    var endsAt: Date
    var state: Meeting.State
    var rescheduled: Bool
    var offCadence: Bool
    var minutes: String?
    var agendaGeneratedAt: Date?
    var participants: [Participant]?
    var canContribute: Bool?
    var canRun: Bool?
    var version: Int

    init(_ m: Meeting, bodyName: String? = nil) {
        (id, bodyId, self.bodyName, startsAt, endsAt, state) = (m.id, m.bodyID, bodyName, m.startsAt, m.endsAt, m.state)
        (rescheduled, offCadence, minutes, agendaGeneratedAt, version) = (m.rescheduled, m.offCadence, m.minutes, m.agendaGeneratedAt, m.version)
    }

    init(_ view: Meetings.View) {
        self.init(view.meeting, bodyName: view.body.name)
        participants = view.participants.map { Participant(memberId: $0.memberID, displayName: $0.displayName, attended: $0.attended) }
        (canContribute, canRun) = (view.access.canContribute, view.access.canRun)
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "body_id": Schema.uuid, "body_name": Schema.string, "starts_at": Schema.dateTime, "ends_at": Schema.dateTime,
         "state": Schema.enumeration(Meeting.State.self), "rescheduled": Schema.boolean, "off_cadence": Schema.boolean,
         "minutes": Schema.nullable(Schema.string), "agenda_generated_at": Schema.nullable(Schema.dateTime),
         "participants": Schema.array(Schema.object(
            ["member_id": Schema.uuid, "display_name": Schema.string, "attended": Schema.nullable(Schema.boolean)],
            required: ["member_id", "display_name"])),
         "can_contribute": Schema.boolean, "can_run": Schema.boolean, "version": Schema.integer],
        required: ["id", "body_id", "starts_at", "ends_at", "state", "rescheduled", "off_cadence", "version"])
}

struct AgendaItemDTO: Encodable, Sendable {
    var id: UUID
    var section: String
    var position: Int
    var origin: AgendaItem.Origin
    var title: String
    var subjectType: String?
    var subjectId: UUID?
    /// The page of the subject, on this server.
    var subjectPath: String?
    var reasonCode: String?
    /// The reason in the reader's language.
    var reason: String?
    var addedBy: UUID?

    init(_ stored: AgendaItemRepository.Stored, locale: Organization.Locale) {
        let i = stored.item
        (id, section, position, origin, title) = (i.id, i.sectionKey, i.position, i.origin, i.title)
        (subjectType, subjectId, subjectPath) = (i.subject?.kind.rawValue, i.subject?.id, AgendaWording.path(i.subject))
        (reasonCode, reason, addedBy) = (i.reason?.code, AgendaWording.reason(i.reason, locale), stored.createdBy)
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "section": Schema.string, "position": Schema.integer, "origin": Schema.enumeration(AgendaItem.Origin.self),
         "title": Schema.string, "subject_type": Schema.nullable(Schema.string), "subject_id": Schema.nullable(Schema.uuid),
         "subject_path": Schema.nullable(Schema.string), "reason_code": Schema.nullable(Schema.string), "reason": Schema.nullable(Schema.string),
         "added_by": Schema.nullable(Schema.uuid)],
        required: ["id", "section", "position", "origin", "title"])
}

struct AgendaDTO: Encodable, Sendable {
    struct Section: Encodable, Sendable {
        var key: String
        var heading: String
        var minutes: Int
        var generator: String?
        var items: [AgendaItemDTO]
    }
    var meetingId: UUID
    var purpose: MeetingPurpose
    var generatedAt: Date?
    var totalMinutes: Int
    var sections: [Section]

    init(meeting: UUID, _ agenda: Meetings.Agenda, locale: Organization.Locale) {
        (meetingId, purpose, generatedAt, totalMinutes) = (meeting, agenda.purpose, agenda.generatedAt, agenda.totalMinutes)
        sections = agenda.sections.map { s in
            Section(
                key: s.key, heading: AgendaWording.heading(title: s.title, generator: s.generator, key: s.key, locale), minutes: s.minutes,
                generator: s.generator?.name, items: s.items.map { AgendaItemDTO($0, locale: locale) })
        }
    }

    static let schema = Schema.object(
        ["meeting_id": Schema.uuid, "purpose": Schema.enumeration(MeetingPurpose.self), "generated_at": Schema.nullable(Schema.dateTime),
         "total_minutes": Schema.integer,
         "sections": Schema.array(Schema.object(
            ["key": Schema.string, "heading": Schema.string, "minutes": Schema.integer, "generator": Schema.nullable(Schema.string),
             "items": Schema.array(AgendaItemDTO.schema)],
            required: ["key", "heading", "minutes", "items"]))],
        required: ["meeting_id", "purpose", "total_minutes", "sections"])
}

struct MeetingDecisionDTO: Encodable, Sendable {
    var id: UUID
    var meetingId: UUID
    var text: String
    var decidedBy: UUID?
    var decidedByName: String?
    var subjectType: String?
    var subjectId: UUID?
    var recordedBy: UUID
    var createdAt: Date

    init(_ d: MeetingDecisionRepository.Decision) {
        (id, meetingId, text, decidedBy, decidedByName) = (d.id, d.meetingID, d.text, d.decidedBy, d.decidedByName)
        (subjectType, subjectId, recordedBy, createdAt) = (d.subject?.kind.rawValue, d.subject?.id, d.createdBy, d.createdAt)
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "meeting_id": Schema.uuid, "text": Schema.string, "decided_by": Schema.nullable(Schema.uuid),
         "decided_by_name": Schema.nullable(Schema.string), "subject_type": Schema.nullable(Schema.string),
         "subject_id": Schema.nullable(Schema.uuid), "recorded_by": Schema.uuid, "created_at": Schema.dateTime],
        required: ["id", "meeting_id", "text", "recorded_by", "created_at"])
}

struct MeetingActionDTO: Encodable, Sendable {
    var id: UUID
    var meetingId: UUID
    var title: String
    var ownerId: UUID
    var ownerName: String
    var dueDate: LocalDate?
    var accountabilityId: UUID?
    var state: String
    var open: Bool
    var createdAt: Date

    init(_ a: MeetingActionRepository.Action) {
        (id, meetingId, title, ownerId, ownerName, dueDate) = (a.id, a.meetingID, a.title, a.ownerID, a.ownerName, a.dueDate)
        (accountabilityId, state, open, createdAt) = (a.accountabilityID, a.state?.rawValue ?? "pending", a.isOpen, a.createdAt)
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "meeting_id": Schema.uuid, "title": Schema.string, "owner_id": Schema.uuid, "owner_name": Schema.string,
         "due_date": Schema.nullable(Schema.date), "accountability_id": Schema.nullable(Schema.uuid),
         "state": Schema.enumeration(Accountability.State.self), "open": Schema.boolean, "created_at": Schema.dateTime],
        required: ["id", "meeting_id", "title", "owner_id", "owner_name", "state", "open", "created_at"])
}
