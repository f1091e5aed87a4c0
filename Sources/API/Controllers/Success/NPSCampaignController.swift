import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/nps-campaigns`: NPS surveys mailed once to an audience's contacts through single-use links; the answers
/// become the customers' NPS responses.
struct NPSCampaignController: RouteCollection {
    let store: Store
    let publicURL: String

    struct CreateInput: RequestBody {
        var name: String
        var question: CheckUpText?
        var companyId: UUID?
        var teamId: UUID?
        var segment: String?
        var recipients: SurveyRecipients?

        static let schema = Schema.object(
            ["name": Schema.string, "question": CheckUpQuestionDTO.textSchema, "company_id": Schema.uuid, "team_id": Schema.uuid,
             "segment": Schema.string, "recipients": Schema.enumeration(SurveyRecipients.self)],
            required: ["name"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Check-ups"
        return [
            Route(.get, "/v1/nps-campaigns", id: "listNPSCampaigns", summary: "NPS campaigns whose audience the caller reads, newest first",
                  tag: tag, parameters: Schema.paging, responses: [200: ("NPS campaigns", Schema.list(NPSCampaignDTO.schema))], problems: [422],
                  handler: list),
            Route(.post, "/v1/nps-campaigns", id: "createNPSCampaign",
                  summary: "Create an NPS campaign for the org, a company or a team, optionally one segment (success.manage there)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", NPSCampaignDTO.schema)], problems: [403, 422], handler: create),
            Route(.get, "/v1/nps-campaigns/{id}", id: "getNPSCampaign", summary: "Read an NPS campaign", tag: tag, parameters: [Schema.pathID()],
                  responses: [200: ("NPS campaign", NPSCampaignDTO.schema)], problems: [404], handler: get),
            Route(.post, "/v1/nps-campaigns/{id}/send", id: "sendNPSCampaign",
                  summary: "Send the campaign, once, to its audience's contacts that may be mailed (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Sent", NPSCampaignDTO.schema)], problems: [403, 404, 409, 412], handler: send),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let paging = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in try await NPSCampaigns(tx, caller).list(after: paging.cursor, limit: paging.limit) }
        return try JSONResponse.make(ListResponse(items: page.items.map(NPSCampaignDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let new = NPSCampaigns.New(
            name: input.name, question: input.question, companyID: input.companyId, teamID: input.teamId, segment: input.segment,
            recipients: input.recipients)
        return try await store.answer(context, status: .created) { tx, caller in NPSCampaignDTO(try await NPSCampaigns(tx, caller).create(new)) }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "NPS campaign")
        return try await store.answer(context) { tx, caller in NPSCampaignDTO(try await NPSCampaigns(tx, caller).get(id)) }
    }

    @Sendable func send(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "NPS campaign")
        let expected = try ETag.expectedVersion(request)
        let publicURL = self.publicURL
        return try await store.answer(context) { tx, caller in
            NPSCampaignDTO(try await NPSCampaigns(tx, caller).send(id, expectedVersion: expected, publicURL: publicURL))
        }
    }
}
