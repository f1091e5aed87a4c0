import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/enrolments/{id}/sessions`, `/v1/program-sessions/{id}`: a program's sessions, planned and held. Held hours
/// count against their program month's budget; past 100 % they are recorded and the CSM's manager is told once per
/// month.
struct ProgramSessionController: RouteCollection {
    let store: Store

    struct SessionInput: RequestBody {
        var kind: ProgramSessionKind?
        var plannedOn: PatchField<LocalDate>
        var heldOn: PatchField<LocalDate>
        var durationMinutes: PatchField<Int>
        var participantIds: [UUID]?
        var notes: PatchField<String>
        var supportedContactId: PatchField<UUID>
        var practised: PatchField<String>

        enum CodingKeys: String, CodingKey {
            case kind, plannedOn, heldOn, durationMinutes, participantIds, notes, supportedContactId, practised
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decodeIfPresent(ProgramSessionKind.self, forKey: .kind)
            plannedOn = try c.patch(.plannedOn)
            heldOn = try c.patch(.heldOn)
            durationMinutes = try c.patch(.durationMinutes)
            participantIds = try c.decodeIfPresent([UUID].self, forKey: .participantIds)
            notes = try c.patch(.notes)
            supportedContactId = try c.patch(.supportedContactId)
            practised = try c.patch(.practised)
        }

        static let schema = Schema.object(
            ["kind": Schema.enumeration(ProgramSessionKind.self), "planned_on": Schema.nullable(Schema.date),
             "held_on": Schema.nullable(Schema.date), "duration_minutes": Schema.nullable(Schema.integer),
             "participant_ids": Schema.array(Schema.uuid), "notes": Schema.nullable(Schema.string),
             "supported_contact_id": Schema.nullable(Schema.uuid), "practised": Schema.nullable(Schema.string)])

        var input: ProgramSessions.Input {
            func change<T>(_ field: PatchField<T>) -> T?? { field.isAbsent ? nil : .some(field.applied(to: nil)) }
            var input = ProgramSessions.Input()
            (input.kind, input.plannedOn, input.heldOn) = (kind, change(plannedOn), change(heldOn))
            (input.durationMinutes, input.participantIDs, input.notes) = (change(durationMinutes), participantIds, change(notes))
            (input.supportedContactID, input.practised) = (change(supportedContactId), change(practised))
            return input
        }
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Programs"
        let session = Schema.of(ProgramSession.self)
        return [
            Route(.get, "/v1/enrolments/{id}/sessions", id: "listProgramSessions", summary: "The program's sessions, by day", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Sessions", Schema.list(session))], problems: [404], handler: list),
            Route(.post, "/v1/enrolments/{id}/sessions", id: "createProgramSession",
                  summary: "Plan or log a session; hours past the month's budget are recorded and flagged to the CSM's manager", tag: tag,
                  parameters: [Schema.pathID()], body: SessionInput.self, responses: [201: ("Created", session)],
                  problems: [403, 404, 409, 422], handler: create),
            Route(.patch, "/v1/program-sessions/{id}", id: "updateProgramSession", summary: "Edit a session (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: SessionInput.self, responses: [200: ("Session", session)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.delete, "/v1/program-sessions/{id}", id: "deleteProgramSession", summary: "Delete a session logged by mistake", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)], problems: [403, 404, 409, 412], handler: delete),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let sessions = try await store.tenant(context) { tx, caller in try await ProgramSessions(tx, caller).list(enrolment: id) }
        return try JSONResponse.make(ListResponse(items: sessions, nextCursor: nil))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let input = try await request.decodeJSON(as: SessionInput.self, context: context).input
        return try await store.answer(context, status: .created) { tx, caller in
            try await ProgramSessions(tx, caller).create(enrolment: id, input)
        }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "session")
        let input = try await request.decodeJSON(as: SessionInput.self, context: context).input
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            try await ProgramSessions(tx, caller).update(id, input, expectedVersion: expected)
        }
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "session")
        let expected = try ETag.expectedVersion(request)
        try await store.tenant(context) { tx, caller in try await ProgramSessions(tx, caller).delete(id, expectedVersion: expected) }
        return JSONResponse.noContent()
    }
}
