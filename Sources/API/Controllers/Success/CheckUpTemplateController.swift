import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/check-up-templates`: the org's check-up (定期検診) questionnaires — scale, choice and free-text questions,
/// each worded in Japanese and English. Written with `success.manage`; deleting archives.
struct CheckUpTemplateController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var name: String
        var questions: [CheckUpQuestionDTO]

        static let schema = Schema.object(["name": Schema.string, "questions": Schema.array(CheckUpQuestionDTO.schema)], required: ["name", "questions"])
    }

    struct UpdateInput: RequestBody {
        var name: String?
        var questions: [CheckUpQuestionDTO]?

        static let schema = Schema.object(["name": Schema.string, "questions": Schema.array(CheckUpQuestionDTO.schema)])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Check-ups"
        return [
            Route(.get, "/v1/check-up-templates", id: "listCheckUpTemplates", summary: "The org's check-up questionnaires (archived ones when asked)",
                  tag: tag, parameters: Schema.paging + [Schema.query("archived", Schema.boolean, "archived ones instead of live ones")],
                  responses: [200: ("Check-up templates", Schema.list(CheckUpTemplateDTO.schema))], problems: [403, 422], handler: list),
            Route(.post, "/v1/check-up-templates", id: "createCheckUpTemplate", summary: "Create a check-up questionnaire (success.manage)",
                  tag: tag, body: CreateInput.self, responses: [201: ("Created", CheckUpTemplateDTO.schema)], problems: [403, 422], handler: create),
            Route(.get, "/v1/check-up-templates/{id}", id: "getCheckUpTemplate", summary: "Read a check-up questionnaire", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Check-up template", CheckUpTemplateDTO.schema)], problems: [403, 404],
                  handler: get),
            Route(.patch, "/v1/check-up-templates/{id}", id: "updateCheckUpTemplate",
                  summary: "Edit a check-up questionnaire's name or questions (If-Match honoured)", tag: tag, parameters: [Schema.pathID()],
                  body: UpdateInput.self, responses: [200: ("Check-up template", CheckUpTemplateDTO.schema)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.delete, "/v1/check-up-templates/{id}", id: "archiveCheckUpTemplate",
                  summary: "Archive a check-up questionnaire: no plan sends it any more; sent check-ups keep it", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Archived", nil)], problems: [403, 404, 412], handler: archive),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let paging = try ListQuery(request)
        let archived = try MeetingBodyController.flag(request, "archived")
        let page = try await store.tenant(context) { tx, caller in
            try await CheckUpTemplates(tx, caller).list(archived: archived, after: paging.cursor, limit: paging.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(CheckUpTemplateDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let questions = try CheckUpQuestionDTO.questions(input.questions)
        return try await store.answer(context, status: .created) { tx, caller in
            CheckUpTemplateDTO(try await CheckUpTemplates(tx, caller).create(name: input.name, questions: questions))
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "check-up template")
        return try await store.answer(context) { tx, caller in CheckUpTemplateDTO(try await CheckUpTemplates(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "check-up template")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let questions = try input.questions.map(CheckUpQuestionDTO.questions)
        return try await store.answer(context) { tx, caller in
            CheckUpTemplateDTO(try await CheckUpTemplates(tx, caller).update(id, name: input.name, questions: questions, expectedVersion: expected))
        }
    }

    @Sendable func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "check-up template")
        let expected = try ETag.expectedVersion(request)
        try await store.tenant(context) { tx, caller in try await CheckUpTemplates(tx, caller).archive(id, expectedVersion: expected) }
        return JSONResponse.noContent()
    }
}
