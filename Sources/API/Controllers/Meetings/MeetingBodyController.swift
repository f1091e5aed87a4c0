import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/meeting-bodies`: 会議体 — a standing meeting with one purpose, a scope, a facilitator, participants, a
/// cadence and an agenda template. Saving one with a cadence plans its occurrences a year ahead; deleting archives it
/// and cancels what is still to come (subscribed calendars show them cancelled).
struct MeetingBodyController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var name: String
        var purpose: MeetingPurpose
        var objective: String
        var companyId: UUID?
        var teamId: UUID?
        var facilitatorId: UUID?
        var participants: [MeetingParticipantDTO]?
        var cadence: Recurrence?
        var durationMinutes: Int?
        var agendaLeadDays: Int?
        var agendaTemplate: [AgendaSectionDTO]?

        static let schema = Schema.object(
            ["name": Schema.string, "purpose": Schema.enumeration(MeetingPurpose.self), "objective": Schema.string,
             "company_id": Schema.uuid, "team_id": Schema.uuid, "facilitator_id": Schema.uuid,
             "participants": Schema.array(MeetingParticipantDTO.schema), "cadence": Recurrence.ownSchema,
             "duration_minutes": Schema.integer, "agenda_lead_days": Schema.integer, "agenda_template": Schema.array(AgendaSectionDTO.schema)],
            required: ["name", "purpose", "objective"])
    }

    struct UpdateInput: RequestBody {
        var name: String?
        var purpose: MeetingPurpose?
        var objective: String?
        var facilitatorId: PatchField<UUID>
        var participants: [MeetingParticipantDTO]?
        var cadence: PatchField<Recurrence>
        var durationMinutes: Int?
        var agendaLeadDays: Int?
        var agendaTemplate: [AgendaSectionDTO]?

        enum CodingKeys: String, CodingKey {
            case name, purpose, objective, facilitatorId, participants, cadence, durationMinutes, agendaLeadDays, agendaTemplate
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            purpose = try c.decodeIfPresent(MeetingPurpose.self, forKey: .purpose)
            objective = try c.decodeIfPresent(String.self, forKey: .objective)
            facilitatorId = try c.patch(.facilitatorId)
            participants = try c.decodeIfPresent([MeetingParticipantDTO].self, forKey: .participants)
            cadence = try c.patch(.cadence)
            durationMinutes = try c.decodeIfPresent(Int.self, forKey: .durationMinutes)
            agendaLeadDays = try c.decodeIfPresent(Int.self, forKey: .agendaLeadDays)
            agendaTemplate = try c.decodeIfPresent([AgendaSectionDTO].self, forKey: .agendaTemplate)
        }

        static let schema = Schema.object(
            ["name": Schema.string, "purpose": Schema.enumeration(MeetingPurpose.self), "objective": Schema.string,
             "facilitator_id": Schema.nullable(Schema.uuid), "participants": Schema.array(MeetingParticipantDTO.schema),
             "cadence": Schema.nullable(Recurrence.ownSchema), "duration_minutes": Schema.integer, "agenda_lead_days": Schema.integer,
             "agenda_template": Schema.array(AgendaSectionDTO.schema)])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "meetings"
        return [
            Route(.get, "/v1/meeting-bodies", id: "listMeetingBodies", summary: "The meeting bodies the caller may read, by name", tag: tag,
                  parameters: [Schema.query("archived", Schema.boolean, "archived ones instead of live ones")],
                  responses: [200: ("Meeting bodies", Schema.list(MeetingBodyDTO.schema))], problems: [422], handler: list),
            Route(.post, "/v1/meeting-bodies", id: "createMeetingBody",
                  summary: "Create a meeting body (meetings.manage where it lives); a cadence plans its occurrences 12 months ahead",
                  tag: tag, body: CreateInput.self, responses: [201: ("Created", MeetingBodyDTO.schema)], problems: [403, 422], handler: create),
            Route(.get, "/v1/meeting-bodies/{id}", id: "getMeetingBody", summary: "Read a meeting body", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Meeting body", MeetingBodyDTO.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/meeting-bodies/{id}", id: "updateMeetingBody",
                  summary: "Edit a meeting body (If-Match honoured); a new cadence re-plans the untouched future occurrences",
                  tag: tag, parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Meeting body", MeetingBodyDTO.schema)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.delete, "/v1/meeting-bodies/{id}", id: "archiveMeetingBody",
                  summary: "Archive a meeting body: its future occurrences are cancelled, the past kept", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Archived", nil)], problems: [403, 404, 409, 412], handler: archive),
            Route(.get, "/v1/meeting-bodies/{id}/meetings", id: "listMeetingBodyOccurrences",
                  summary: "The body's occurrences: from now on by start (cancelled ones too), or the past, latest first", tag: tag,
                  parameters: [Schema.pathID(), Schema.query("past", Schema.boolean, "the past occurrences instead"),
                               Schema.query("limit", Schema.integer, "at most this many (default 24, at most 400)")],
                  responses: [200: ("Occurrences", Schema.list(MeetingDTO.schema))], problems: [404, 422], handler: series),
        ]
    }

    static func flag(_ request: Request, _ name: String) throws -> Bool {
        guard let raw = request.uri.queryParameters[name[...]] else { return false }
        switch raw {
        case "true", "1": return true
        case "false", "0": return false
        default: throw Problem.invalidField(name, "\(name) is true or false")
        }
    }

    static func template(_ sections: [AgendaSectionDTO]?) throws -> AgendaTemplate? {
        try sections.map { AgendaTemplate(sections: try $0.map { try $0.section() }) }
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let archived = try Self.flag(request, "archived")
        let bodies = try await store.tenant(context) { tx, caller in try await MeetingBodies(tx, caller).list(archived: archived) }
        return try JSONResponse.make(ListResponse(items: bodies.map(MeetingBodyDTO.init), nextCursor: nil))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let new = MeetingBodies.New(
            name: input.name, purpose: input.purpose, objective: input.objective, companyID: input.companyId, teamID: input.teamId,
            facilitatorID: input.facilitatorId, participants: try (input.participants ?? []).map { try $0.participant() },
            cadence: input.cadence, durationMinutes: input.durationMinutes ?? 60, agendaLeadDays: input.agendaLeadDays ?? 2,
            template: try Self.template(input.agendaTemplate))
        return try await store.answer(context, status: .created) { tx, caller in
            MeetingBodyDTO(try await MeetingBodies(tx, caller).create(new))
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting body")
        return try await store.answer(context) { tx, caller in MeetingBodyDTO(try await MeetingBodies(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting body")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        var changes = MeetingBodies.Changes()
        (changes.name, changes.purpose, changes.objective) = (input.name, input.purpose, input.objective)
        if !input.facilitatorId.isAbsent { changes.facilitatorID = .set(input.facilitatorId.applied(to: nil)) }
        changes.participants = try input.participants?.map { try $0.participant() }
        if !input.cadence.isAbsent { changes.cadence = .set(input.cadence.applied(to: nil)) }
        (changes.durationMinutes, changes.agendaLeadDays) = (input.durationMinutes, input.agendaLeadDays)
        changes.template = try Self.template(input.agendaTemplate)
        return try await store.answer(context) { tx, caller in
            MeetingBodyDTO(try await MeetingBodies(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }

    @Sendable func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting body")
        let expected = try ETag.expectedVersion(request)
        _ = try await store.tenant(context) { tx, caller in try await MeetingBodies(tx, caller).archive(id, expectedVersion: expected) }
        return JSONResponse.noContent()
    }

    @Sendable func series(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting body")
        let past = try Self.flag(request, "past")
        var limit = 24
        if let raw = request.uri.queryParameters["limit"] {
            guard let value = Int(raw), (1...400).contains(value) else { throw Problem.invalidField("limit", "limit is 1 to 400") }
            limit = value
        }
        let meetings = try await store.tenant(context) { tx, caller in
            try await MeetingBodies(tx, caller).occurrences(id, past: past, limit: limit)
        }
        return try JSONResponse.make(ListResponse(items: meetings.map { MeetingDTO($0) }, nextCursor: nil))
    }
}
