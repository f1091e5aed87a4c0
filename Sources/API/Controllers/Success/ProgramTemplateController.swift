import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/program-templates`: the org's success-program plans (months, a monthly hour budget, sessions by month).
/// Read by whoever works with customers; written by managers and CS ops (`success.manage`). Deleting archives.
struct ProgramTemplateController: RouteCollection {
    let store: Store

    struct SessionInput: Codable, Sendable {
        var kind: ProgramSessionKind
        var month: Int
        var title: String

        static let schema = Schema.object(
            ["kind": Schema.enumeration(ProgramSessionKind.self), "month": Schema.integer, "title": Schema.string],
            required: ["kind", "month", "title"])

        var planned: ProgramTemplate.PlannedSession { .init(kind: kind, month: month, title: title) }
    }

    struct CreateInput: RequestBody {
        var name: String
        var months: Int?
        var monthlyBudgetMinutes: Int?
        var sessions: [SessionInput]?

        static let schema = Schema.object(
            ["name": Schema.string, "months": Schema.integer, "monthly_budget_minutes": Schema.integer,
             "sessions": Schema.array(SessionInput.schema)],
            required: ["name"])
    }

    struct UpdateInput: RequestBody {
        var name: String?
        var months: Int?
        var monthlyBudgetMinutes: Int?
        var sessions: [SessionInput]?

        static let schema = Schema.object(
            ["name": Schema.string, "months": Schema.integer, "monthly_budget_minutes": Schema.integer,
             "sessions": Schema.array(SessionInput.schema)])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Programs"
        let template = Schema.of(ProgramTemplate.self)
        return [
            Route(.get, "/v1/program-templates", id: "listProgramTemplates", summary: "The org's success-program templates", tag: tag,
                  parameters: [Schema.query("archived", Schema.boolean, "archived ones instead of live ones")] + Schema.paging,
                  responses: [200: ("Templates", Schema.list(template))], problems: [403, 422], handler: list),
            Route(.post, "/v1/program-templates", id: "createProgramTemplate",
                  summary: "Create a template (success.manage); without sessions, seed 002's plan: goal setting, pair support, presentation",
                  tag: tag, body: CreateInput.self, responses: [201: ("Created", template)], problems: [403, 409, 422], handler: create),
            Route(.get, "/v1/program-templates/{id}", id: "getProgramTemplate", summary: "Read a template", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Template", template)], problems: [403, 404], handler: get),
            Route(.patch, "/v1/program-templates/{id}", id: "updateProgramTemplate",
                  summary: "Edit a template (success.manage; If-Match honoured); running enrolments keep what they copied", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Template", template)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.delete, "/v1/program-templates/{id}", id: "archiveProgramTemplate",
                  summary: "Archive a template (success.manage): no new enrolments; running ones are unaffected", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Archived", nil)], problems: [403, 404, 412], handler: archive),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let archived = try MeetingBodyController.flag(request, "archived")
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await ProgramTemplates(tx, caller).list(archived: archived, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let new = ProgramTemplates.New(
            name: input.name, months: input.months, monthlyBudgetMinutes: input.monthlyBudgetMinutes, sessions: input.sessions?.map(\.planned))
        return try await store.answer(context, status: .created) { tx, caller in try await ProgramTemplates(tx, caller).create(new) }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "program template")
        return try await store.answer(context) { tx, caller in try await ProgramTemplates(tx, caller).get(id) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "program template")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        var changes = ProgramTemplates.Changes()
        (changes.name, changes.months, changes.monthlyBudgetMinutes) = (input.name, input.months, input.monthlyBudgetMinutes)
        changes.sessions = input.sessions?.map(\.planned)
        return try await store.answer(context) { tx, caller in
            try await ProgramTemplates(tx, caller).update(id, changes, expectedVersion: expected)
        }
    }

    @Sendable func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "program template")
        let expected = try ETag.expectedVersion(request)
        try await store.tenant(context) { tx, caller in try await ProgramTemplates(tx, caller).archive(id, expectedVersion: expected) }
        return JSONResponse.noContent()
    }
}
