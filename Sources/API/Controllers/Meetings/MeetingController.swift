import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/meetings`: occurrences of meeting bodies, their agendas (JSON, or Markdown in the reader's language),
/// minutes, decisions, action items, attendance and each participant's private note. Every answer holds only what
/// the caller may read: an agenda item about a customer or goal outside their scope is not in it.
struct MeetingController: RouteCollection {
    let store: Store
    /// The base of links in the Markdown agenda (`BANSO_PUBLIC_URL`).
    let publicURL: String

    struct UpdateInput: RequestBody {
        var startsAt: Date?
        var durationMinutes: Int?
        var state: Meeting.State?
        static let schema = Schema.object(
            ["starts_at": Schema.dateTime, "duration_minutes": Schema.integer, "state": Schema.enumeration(Meeting.State.self)])
    }

    struct ItemInput: RequestBody {
        var section: String
        var title: String
        var subjectType: String?
        var subjectId: UUID?
        static let schema = Schema.object(
            ["section": Schema.string, "title": Schema.string, "subject_type": Schema.enumeration(["goal", "customer"]),
             "subject_id": Schema.uuid],
            required: ["section", "title"])
    }

    struct ItemUpdateInput: RequestBody {
        var title: String?
        var move: String?
        var section: String?
        static let schema = Schema.object(
            ["title": Schema.string, "move": Schema.enumeration(["up", "down"]), "section": Schema.string])
    }

    struct MinutesInput: RequestBody {
        var minutes: String
        static let schema = Schema.object(["minutes": Schema.string], required: ["minutes"])
    }

    struct DecisionInput: RequestBody {
        var text: String
        var decidedBy: UUID?
        var subjectType: String?
        var subjectId: UUID?
        static let schema = Schema.object(
            ["text": Schema.string, "decided_by": Schema.uuid, "subject_type": Schema.enumeration(["goal", "customer"]),
             "subject_id": Schema.uuid],
            required: ["text"])
    }

    struct ActionInput: RequestBody {
        var title: String
        var ownerId: UUID
        var dueDate: LocalDate?
        static let schema = Schema.object(
            ["title": Schema.string, "owner_id": Schema.uuid, "due_date": Schema.date], required: ["title", "owner_id"])
    }

    struct AttendanceInput: RequestBody {
        var attended: Bool?
        static let schema = Schema.object(["attended": Schema.nullable(Schema.boolean)])
    }

    struct NoteInput: RequestBody {
        var body: String
        static let schema = Schema.object(["body": Schema.string], required: ["body"])
    }

    struct NoteDTO: Encodable, Sendable, Versioned {
        var body: String
        var updatedAt: Date?
        var version: Int
        static let schema = Schema.object(
            ["body": Schema.string, "updated_at": Schema.nullable(Schema.dateTime), "version": Schema.integer], required: ["body", "version"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "meetings"
        let id = [Schema.pathID()]
        let item = [Schema.pathID(), Schema.pathID("item")]
        return [
            Route(.get, "/v1/meetings", id: "listMyMeetings", summary: "The caller's meetings (as participant or facilitator) in a window",
                  tag: tag, parameters: [
                      Schema.query("from", Schema.dateTime, "from this instant (default: now)"),
                      Schema.query("to", Schema.dateTime, "until this instant (default: 31 days after `from`, at most 400 days)"),
                  ],
                  responses: [200: ("Meetings", Schema.list(MeetingDTO.schema))], problems: [422], handler: mine),
            Route(.get, "/v1/meetings/{id}", id: "getMeeting", summary: "An occurrence with its participants and what the caller may do",
                  tag: tag, parameters: id, responses: [200: ("Meeting", MeetingDTO.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/meetings/{id}", id: "updateMeeting",
                  summary: "Move one occurrence, cancel it, mark it held or plan it again (facilitator or meetings.manage; If-Match honoured)",
                  tag: tag, parameters: id, body: UpdateInput.self, responses: [200: ("Meeting", MeetingDTO.schema)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.get, "/v1/meetings/{id}/agenda", id: "getMeetingAgenda",
                  summary: "The agenda as the caller may see it: JSON, or Markdown in the caller's language (Accept: text/markdown or ?format=markdown)",
                  tag: tag, parameters: id + [Schema.query("format", Schema.enumeration(["json", "markdown"]), "json (default) or markdown")],
                  responses: [200: ("Agenda", AgendaDTO.schema)], problems: [404, 422], handler: agenda),
            Route(.post, "/v1/meetings/{id}/agenda/generate", id: "generateMeetingAgenda",
                  summary: "Write the agenda again from today's data, keeping items people added, moved or removed", tag: tag,
                  parameters: id, responses: [200: ("Agenda", AgendaDTO.schema)], problems: [403, 404, 409], handler: generate),
            Route(.post, "/v1/meetings/{id}/agenda/items", id: "addMeetingAgendaItem",
                  summary: "Add an item to a section (participants), optionally about a goal or customer the caller can read", tag: tag,
                  parameters: id, body: ItemInput.self, responses: [201: ("Item", AgendaItemDTO.schema)], problems: [403, 404, 409, 422],
                  handler: addItem),
            Route(.patch, "/v1/meetings/{id}/agenda/items/{item}", id: "updateMeetingAgendaItem",
                  summary: "Reword an item, move it up or down, or to another section", tag: tag, parameters: item, body: ItemUpdateInput.self,
                  responses: [200: ("Agenda", AgendaDTO.schema)], problems: [403, 404, 409, 422], handler: updateItem),
            Route(.delete, "/v1/meetings/{id}/agenda/items/{item}", id: "removeMeetingAgendaItem",
                  summary: "Take an item off the agenda (a generated one stays off when the agenda is written again)", tag: tag,
                  parameters: item, responses: [204: ("Removed", nil)], problems: [403, 404, 409], handler: removeItem),
            Route(.post, "/v1/meetings/{id}/agenda/items/{item}/carry-over", id: "carryOverMeetingAgendaItem",
                  summary: "Put an item not dealt with on the series' next occurrence", tag: tag, parameters: item,
                  responses: [201: ("The next occurrence", MeetingDTO.schema)], problems: [403, 404, 409], handler: carryOver),
            Route(.put, "/v1/meetings/{id}/minutes", id: "saveMeetingMinutes",
                  summary: "Save the minutes (Markdown, rendered safely on pages; If-Match honoured)", tag: tag, parameters: id,
                  body: MinutesInput.self, responses: [200: ("Meeting", MeetingDTO.schema)], problems: [403, 404, 409, 412, 422],
                  handler: saveMinutes),
            Route(.get, "/v1/meetings/{id}/decisions", id: "listMeetingDecisions", summary: "Decisions recorded at the occurrence", tag: tag,
                  parameters: id, responses: [200: ("Decisions", Schema.list(MeetingDecisionDTO.schema))], problems: [404], handler: decisions),
            Route(.post, "/v1/meetings/{id}/decisions", id: "recordMeetingDecision", summary: "Record a decision", tag: tag, parameters: id,
                  body: DecisionInput.self, responses: [201: ("Decision", MeetingDecisionDTO.schema)], problems: [403, 404, 409, 422],
                  handler: recordDecision),
            Route(.delete, "/v1/meetings/{id}/decisions/{item}", id: "removeMeetingDecision", summary: "Remove a decision recorded by mistake",
                  tag: tag, parameters: item, responses: [204: ("Removed", nil)], problems: [403, 404, 409], handler: removeDecision),
            Route(.get, "/v1/meetings/{id}/actions", id: "listMeetingActions", summary: "Action items agreed at the occurrence", tag: tag,
                  parameters: id, responses: [200: ("Actions", Schema.list(MeetingActionDTO.schema))], problems: [404], handler: actions),
            Route(.post, "/v1/meetings/{id}/actions", id: "recordMeetingAction",
                  summary: "Record an action item: it becomes the owner's accountability and is carried over until done", tag: tag,
                  parameters: id, body: ActionInput.self, responses: [201: ("Action", MeetingActionDTO.schema)], problems: [403, 404, 409, 422],
                  handler: recordAction),
            Route(.post, "/v1/meetings/{id}/actions/{item}/complete", id: "completeMeetingAction",
                  summary: "Mark an action item done (its owner, the facilitator or meetings.manage)", tag: tag, parameters: item,
                  responses: [200: ("Action", MeetingActionDTO.schema)], problems: [403, 404], handler: completeAction),
            Route(.put, "/v1/meetings/{id}/attendance/{item}", id: "setMeetingAttendance",
                  summary: "Record whether a member attended (`item`: the member's id); someone who joined on the day is added", tag: tag,
                  parameters: item, body: AttendanceInput.self, responses: [200: ("Meeting", MeetingDTO.schema)], problems: [403, 404, 409, 422],
                  handler: attendance),
            Route(.get, "/v1/meetings/{id}/my-note", id: "getMyMeetingNote",
                  summary: "The caller's private note on the occurrence (nobody else can read it, not even an admin)", tag: tag,
                  parameters: id, responses: [200: ("Note", NoteDTO.schema)], problems: [404], handler: note),
            Route(.put, "/v1/meetings/{id}/my-note", id: "saveMyMeetingNote",
                  summary: "Save the caller's private note (If-Match honoured); the audit log records only that it changed", tag: tag,
                  parameters: id, body: NoteInput.self, responses: [200: ("Note", NoteDTO.schema)], problems: [404, 409, 412, 422],
                  handler: saveNote),
        ]
    }

    static func instant(_ request: Request, _ name: String) throws -> Date? {
        guard let raw = request.uri.queryParameters[name[...]] else { return nil }
        guard let date = ISO8601DateFormatter().date(from: String(raw)) else {
            throw Problem.invalidField(name, "\(name) is an instant written like 2026-12-08T10:00:00+09:00")
        }
        return date
    }

    static func subject(_ type: String?, _ id: UUID?) throws -> AgendaSubject? {
        switch (type, id) {
        case (nil, nil): return nil
        case ("goal"?, let id?): return AgendaSubject(.goal, id)
        case ("customer"?, let id?): return AgendaSubject(.customer, id)
        case (_?, nil): throw Problem.invalidField("subject_id", "subject_id goes with subject_type")
        case (nil, _?): throw Problem.invalidField("subject_type", "subject_type is goal or customer")
        default: throw Problem.invalidField("subject_type", "subject_type is goal or customer")
        }
    }

    func locale(_ tx: TenantTransaction, _ caller: Caller) async throws -> Organization.Locale {
        try await GoalSettingsRepository.calendarFacts(tx, reader: caller.identity.memberID).locale
    }

    @Sendable func mine(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let from = try Self.instant(request, "from")
        let to = try Self.instant(request, "to")
        let rows = try await store.tenant(context) { tx, caller in
            let start = from ?? caller.now
            let end = to ?? start.addingTimeInterval(31 * 86_400)
            guard end > start, end.timeIntervalSince(start) <= 400 * 86_400 else {
                throw DomainError(.invalid, "the window is at most 400 days and ends after it starts", field: "to")
            }
            return try await Meetings(tx, caller).mine(from: start, to: end)
        }
        return try JSONResponse.make(ListResponse(items: rows.map { MeetingDTO($0.meeting, bodyName: $0.bodyName) }, nextCursor: nil))
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        return try await store.answer(context) { tx, caller in MeetingDTO(try await Meetings(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        var expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            let meetings = Meetings(tx, caller)
            if input.startsAt != nil || input.durationMinutes != nil {
                let current = try await meetings.get(id).meeting
                let moved = try await meetings.reschedule(
                    id, startsAt: input.startsAt ?? current.startsAt, durationMinutes: input.durationMinutes, expectedVersion: expected)
                expected = moved.version
            }
            if let state = input.state { _ = try await meetings.setState(id, state, expectedVersion: expected) }
            return MeetingDTO(try await meetings.get(id))
        }
    }

    @Sendable func agenda(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let format = request.uri.queryParameters["format"].map(String.init)
        guard format == nil || format == "json" || format == "markdown" else {
            throw Problem.invalidField("format", "format is json or markdown")
        }
        let wantsMarkdown = format == "markdown" || (format == nil && (request.headers[.accept] ?? "").contains("text/markdown"))
        return try await store.tenant(context) { tx, caller in
            let meetings = Meetings(tx, caller)
            let locale = try await locale(tx, caller)
            guard wantsMarkdown else { return try JSONResponse.make(AgendaDTO(meeting: id, try await meetings.agenda(id), locale: locale)) }
            let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: caller.identity.memberID)
            let text = try await meetings.agendaDocument(
                id, locale: locale, zone: TimeZone(identifier: facts.timeZone) ?? .gmt, publicURL: publicURL)
            var headers = HTTPFields()
            headers[.contentType] = "text/markdown; charset=utf-8"
            headers[.contentLanguage] = locale.rawValue
            headers[.vary] = "Accept"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    @Sendable func generate(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let dto = try await store.tenant(context) { tx, caller in
            AgendaDTO(meeting: id, try await Meetings(tx, caller).generateAgenda(id), locale: try await locale(tx, caller))
        }
        return try JSONResponse.make(dto)
    }

    @Sendable func addItem(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let input = try await request.decodeJSON(as: ItemInput.self, context: context)
        let subject = try Self.subject(input.subjectType, input.subjectId)
        let dto = try await store.tenant(context) { tx, caller in
            AgendaItemDTO(
                try await Meetings(tx, caller).addItem(id, section: input.section, title: input.title, subject: subject),
                locale: try await locale(tx, caller))
        }
        return try JSONResponse.make(dto, status: .created)
    }

    @Sendable func updateItem(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let itemID = try request.uuidParameter(context, "item", what: "agenda item")
        let input = try await request.decodeJSON(as: ItemUpdateInput.self, context: context)
        var move: Meetings.Move?
        switch (input.move, input.section) {
        case (nil, nil): break
        case ("up"?, nil): move = .up
        case ("down"?, nil): move = .down
        case (nil, let section?): move = .section(section)
        case (_?, _?): throw Problem.invalidField("move", "move up or down, or to a section — not both")
        default: throw Problem.invalidField("move", "move is up or down")
        }
        let dto = try await store.tenant(context) { tx, caller in
            let meetings = Meetings(tx, caller)
            if let title = input.title { _ = try await meetings.editItem(id, item: itemID, title: title) }
            if let move { try await meetings.moveItem(id, item: itemID, move) }
            return AgendaDTO(meeting: id, try await meetings.agenda(id), locale: try await locale(tx, caller))
        }
        return try JSONResponse.make(dto)
    }

    @Sendable func removeItem(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let itemID = try request.uuidParameter(context, "item", what: "agenda item")
        try await store.tenant(context) { tx, caller in try await Meetings(tx, caller).removeItem(id, item: itemID) }
        return JSONResponse.noContent()
    }

    @Sendable func carryOver(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let itemID = try request.uuidParameter(context, "item", what: "agenda item")
        return try await store.answer(context, status: .created) { tx, caller in
            MeetingDTO(try await Meetings(tx, caller).carryOver(id, item: itemID))
        }
    }

    @Sendable func saveMinutes(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let input = try await request.decodeJSON(as: MinutesInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            let meetings = Meetings(tx, caller)
            _ = try await meetings.saveMinutes(id, input.minutes, expectedVersion: expected)
            return MeetingDTO(try await meetings.get(id))
        }
    }

    @Sendable func decisions(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let list = try await store.tenant(context) { tx, caller in try await Meetings(tx, caller).decisions(id) }
        return try JSONResponse.make(ListResponse(items: list.map(MeetingDecisionDTO.init), nextCursor: nil))
    }

    @Sendable func recordDecision(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let input = try await request.decodeJSON(as: DecisionInput.self, context: context)
        let subject = try Self.subject(input.subjectType, input.subjectId)
        let decision = try await store.tenant(context) { tx, caller in
            try await Meetings(tx, caller).recordDecision(id, text: input.text, decidedBy: input.decidedBy, subject: subject)
        }
        return try JSONResponse.make(MeetingDecisionDTO(decision), status: .created)
    }

    @Sendable func removeDecision(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let decisionID = try request.uuidParameter(context, "item", what: "decision")
        try await store.tenant(context) { tx, caller in try await Meetings(tx, caller).removeDecision(id, decision: decisionID) }
        return JSONResponse.noContent()
    }

    @Sendable func actions(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let list = try await store.tenant(context) { tx, caller in try await Meetings(tx, caller).actions(id) }
        return try JSONResponse.make(ListResponse(items: list.map(MeetingActionDTO.init), nextCursor: nil))
    }

    @Sendable func recordAction(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let input = try await request.decodeJSON(as: ActionInput.self, context: context)
        let action = try await store.tenant(context) { tx, caller in
            try await Meetings(tx, caller).recordAction(id, title: input.title, owner: input.ownerId, dueDate: input.dueDate)
        }
        return try JSONResponse.make(MeetingActionDTO(action), status: .created)
    }

    @Sendable func completeAction(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let actionID = try request.uuidParameter(context, "item", what: "action item")
        let action = try await store.tenant(context) { tx, caller in try await Meetings(tx, caller).completeAction(id, action: actionID) }
        return try JSONResponse.make(MeetingActionDTO(action))
    }

    @Sendable func attendance(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let member = try request.uuidParameter(context, "item", what: "member")
        let input = try await request.decodeJSON(as: AttendanceInput.self, context: context)
        return try await store.answer(context) { tx, caller in
            let meetings = Meetings(tx, caller)
            try await meetings.setAttendance(id, [(member, input.attended)])
            return MeetingDTO(try await meetings.get(id))
        }
    }

    @Sendable func note(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        return try await store.answer(context) { tx, caller in
            let note = try await MeetingNotes(tx, caller).mine(id)
            return NoteDTO(body: note?.body ?? "", updatedAt: note?.updatedAt, version: note?.version ?? 0)
        }
    }

    @Sendable func saveNote(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "meeting")
        let input = try await request.decodeJSON(as: NoteInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            let note = try await MeetingNotes(tx, caller).save(id, body: input.body, expectedVersion: expected == 0 ? nil : expected)
            return NoteDTO(body: note.body, updatedAt: note.updatedAt, version: note.version)
        }
    }
}
