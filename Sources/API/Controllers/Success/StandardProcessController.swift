import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/processes`: standard processes (seed 000) and their versions — a draft edited with its steps and RACI by
/// position, published once and frozen from then on.
struct StandardProcessController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var name: String
        var summary: String?
        var isOrgStandard: Bool?
        var steps: [ProcessStepInput]?
        var notes: String?

        static let schema = Schema.object(
            ["name": Schema.string, "summary": Schema.string, "is_org_standard": Schema.boolean, "steps": Schema.array(ProcessStepInput.schema),
             "notes": Schema.string],
            required: ["name"])
    }

    struct UpdateInput: RequestBody {
        var name: String?
        var summary: String?
        var isOrgStandard: Bool?

        static let schema = Schema.object(["name": Schema.string, "summary": Schema.string, "is_org_standard": Schema.boolean])
    }

    struct VersionInput: RequestBody {
        var steps: [ProcessStepInput]
        var notes: String?

        static let schema = Schema.object(["steps": Schema.array(ProcessStepInput.schema), "notes": Schema.string], required: ["steps"])
    }

    static let numberParameter: JSONValue = [
        "name": "number", "in": "path", "required": true, "schema": ["type": "integer", "minimum": 1, "maximum": 10000],
    ]

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Processes"
        let version = Schema.of(StandardProcess.self)
        return [
            Route(.get, "/v1/processes", id: "listProcesses", summary: "The org's standard processes (archived ones when asked), in creation order",
                  tag: tag, parameters: Schema.paging + [Schema.query("archived", Schema.boolean, "archived ones instead of live ones")],
                  responses: [200: ("Processes", Schema.list(version))], problems: [403, 422], handler: list),
            Route(.post, "/v1/processes", id: "createProcess",
                  summary: "Create a process with its first draft (success.manage; the org standard needs it over the org)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", CreatedProcessDTO.schema)], problems: [403, 409, 422], handler: create),
            Route(.get, "/v1/processes/{id}", id: "getProcess", summary: "Read a process", tag: tag, parameters: [Schema.pathID()],
                  responses: [200: ("Process", version)], problems: [404], handler: get),
            Route(.patch, "/v1/processes/{id}", id: "updateProcess",
                  summary: "Rename a process, or make it the org's standard (If-Match honoured; the earlier standard stops being one)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Process", version)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.delete, "/v1/processes/{id}", id: "archiveProcess",
                  summary: "Archive a process no company or customer is on (success.manage over the org); its history stays", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Archived", nil)], problems: [403, 404, 409, 412], handler: archive),
            Route(.get, "/v1/processes/{id}/versions", id: "listProcessVersions", summary: "The process's versions by number", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Versions", Schema.list(ProcessVersionDTO.schema))], problems: [404],
                  handler: versions),
            Route(.post, "/v1/processes/{id}/versions", id: "draftProcessVersion",
                  summary: "Start the next draft from the latest version's steps (one draft at a time)", tag: tag, parameters: [Schema.pathID()],
                  responses: [201: ("Draft", ProcessVersionDTO.schema)], problems: [403, 404, 409], handler: draft),
            Route(.get, "/v1/processes/{id}/versions/{number}", id: "getProcessVersion", summary: "Read a version with its steps", tag: tag,
                  parameters: [Schema.pathID(), Self.numberParameter], responses: [200: ("Version", ProcessVersionDTO.schema)], problems: [404],
                  handler: getVersion),
            Route(.put, "/v1/processes/{id}/versions/{number}", id: "reviseProcessVersion",
                  summary: "Rewrite a draft's steps (RACI naming the org's positions) and notes; a published version answers 409", tag: tag,
                  parameters: [Schema.pathID(), Self.numberParameter], body: VersionInput.self, responses: [200: ("Version", ProcessVersionDTO.schema)],
                  problems: [403, 404, 409, 412, 422], handler: revise),
            Route(.post, "/v1/processes/{id}/versions/{number}/publish", id: "publishProcessVersion",
                  summary: "Publish a draft: companies may adopt it and customers be placed on it; it never changes again", tag: tag,
                  parameters: [Schema.pathID(), Self.numberParameter], responses: [200: ("Version", ProcessVersionDTO.schema)],
                  problems: [403, 404, 409, 412, 422], handler: publish),
        ]
    }

    static func number(_ context: AuthenticatedContext) throws -> Int {
        guard let raw = context.parameters.get("number"), let number = Int(raw), (1...10000).contains(number) else {
            throw Problem.notFound("process version")
        }
        return number
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let page = try ListQuery(request)
        let archived = try MeetingBodyController.flag(request, "archived")
        let found = try await store.tenant(context) { tx, caller in
            try await StandardProcesses(tx, caller).list(archived: archived, after: page.cursor, limit: page.limit)
        }
        return try JSONResponse.make(ListResponse(items: found.items, nextCursor: found.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let new = StandardProcesses.New(
            name: input.name, summary: input.summary ?? "", isOrgStandard: input.isOrgStandard ?? false, steps: input.steps?.map(\.step),
            notes: input.notes)
        return try await store.answer(context, status: .created) { tx, caller in
            let created = try await StandardProcesses(tx, caller).create(new)
            return CreatedProcessDTO(created.process, draft: created.draft)
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "process")
        return try await store.answer(context) { tx, caller in try await StandardProcesses(tx, caller).get(id) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "process")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let changes = StandardProcesses.Changes(name: input.name, summary: input.summary, isOrgStandard: input.isOrgStandard)
        return try await store.answer(context) { tx, caller in
            try await StandardProcesses(tx, caller).update(id, changes, expectedVersion: expected)
        }
    }

    @Sendable func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "process")
        let expected = try ETag.expectedVersion(request)
        _ = try await store.tenant(context) { tx, caller in try await StandardProcesses(tx, caller).archive(id, expectedVersion: expected) }
        return JSONResponse.noContent()
    }

    @Sendable func versions(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "process")
        let found = try await store.tenant(context) { tx, caller in try await ProcessVersions(tx, caller).list(id) }
        return try JSONResponse.make(ListResponse(items: found.map(ProcessVersionDTO.init), nextCursor: nil))
    }

    @Sendable func draft(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "process")
        return try await store.answer(context, status: .created) { tx, caller in ProcessVersionDTO(try await ProcessVersions(tx, caller).draft(id)) }
    }

    @Sendable func getVersion(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "process")
        let number = try Self.number(context)
        return try await store.answer(context) { tx, caller in ProcessVersionDTO(try await ProcessVersions(tx, caller).get(id, number: number)) }
    }

    @Sendable func revise(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "process")
        let number = try Self.number(context)
        let input = try await request.decodeJSON(as: VersionInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            ProcessVersionDTO(
                try await ProcessVersions(tx, caller).revise(id, number: number, steps: input.steps.map(\.step), notes: input.notes, expectedRevision: expected))
        }
    }

    @Sendable func publish(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "process")
        let number = try Self.number(context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            ProcessVersionDTO(try await ProcessVersions(tx, caller).publish(id, number: number, expectedRevision: expected))
        }
    }
}
