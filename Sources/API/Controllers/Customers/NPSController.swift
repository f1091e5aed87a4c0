import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/customers/{id}/nps-responses`, `/v1/nps-responses/{id}`, `/v1/reports/nps`: NPS answers (0–10) and NPS per
/// company, team, CSM or month with promoters, passives and detractors (no responses: `nps` null, never 0).
struct NPSController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var score: Int
        var comment: String?
        var respondent: String?
        var contactId: UUID?
        var respondedOn: LocalDate?
        var channel: NPSResponse.Channel?
        var externalId: String?

        static let schema = Schema.object(
            ["score": ["type": "integer", "minimum": 0, "maximum": 10], "comment": Schema.string, "respondent": Schema.string,
             "contact_id": Schema.uuid, "responded_on": Schema.date, "channel": Schema.enumeration(NPSResponse.Channel.self),
             "external_id": Schema.string],
            required: ["score"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "customers"
        return [
            Route(.get, "/v1/customers/{id}/nps-responses", id: "listNPSResponses", summary: "A customer's NPS responses, newest first",
                  tag: tag, parameters: [Schema.pathID()] + Schema.paging,
                  responses: [200: ("Responses", Schema.list(NPSResponseDTO.schema))], problems: [404, 422], handler: list),
            Route(.post, "/v1/customers/{id}/nps-responses", id: "createNPSResponse",
                  summary: "Record an NPS response (owning CSM, managers, CS ops; Idempotency-Key honoured); adds a timeline entry",
                  tag: tag, parameters: [Schema.pathID()], body: CreateInput.self,
                  responses: [201: ("Created", NPSResponseDTO.schema)], problems: [403, 404, 409, 422], handler: create),
            Route(.delete, "/v1/nps-responses/{id}", id: "deleteNPSResponse", summary: "Delete an NPS response (customers.manage)",
                  tag: tag, parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)], problems: [403, 404], handler: delete),
            Route(.get, "/v1/reports/nps", id: "npsReport",
                  summary: "NPS per group: promoters, passives, detractors, responses and NPS (null when nobody answered)", tag: "reports",
                  parameters: [
                      Schema.query("from", Schema.date, "first day (default: 365 days before `to`)"),
                      Schema.query("to", Schema.date, "last day (default: today)"),
                      Schema.query("group_by", Schema.enumeration(NPSRepository.Grouping.self), "org (default), company, team, csm (current owner) or month"),
                      Schema.query("company_id", Schema.uuid, "customers of this company"),
                      Schema.query("team_id", Schema.uuid, "customers of this team"),
                  ],
                  responses: [200: ("Report", Schema.of(NPSReportDTO.self))], problems: [422], handler: report),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await NPSResponses(tx, caller).list(customer: id, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(NPSResponseDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let new = NPSResponses.New(
            score: input.score, comment: input.comment, respondent: input.respondent, contactID: input.contactId,
            respondedOn: input.respondedOn, channel: input.channel, externalID: input.externalId)
        return try await store.tenant(context) { tx, caller in
            let responses = NPSResponses(tx, caller)
            let checked = try await responses.check(customer: id, new)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(NPSResponseDTO(try await responses.create(checked)))
            }
        }
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "NPS response")
        try await store.tenant(context) { tx, caller in try await NPSResponses(tx, caller).delete(id) }
        return JSONResponse.noContent()
    }

    static func day(_ raw: Substring?, field: String) throws -> LocalDate? {
        guard let raw else { return nil }
        guard raw.count == 10, let day = LocalDate(iso: String(raw)) else {
            throw Problem.invalidField(field, "\(field) is a date written YYYY-MM-DD")
        }
        return day
    }

    @Sendable func report(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let from = try Self.day(query["from"], field: "from")
        let to = try Self.day(query["to"], field: "to")
        let grouping = try query["group_by"].map { raw in
            guard let grouping = NPSRepository.Grouping(rawValue: String(raw)) else {
                throw Problem.invalidField("group_by", "group_by is org, company, team, csm or month")
            }
            return grouping
        } ?? .org
        let companyID = try request.uuidQuery("company_id")
        let teamID = try request.uuidQuery("team_id")
        let answer = try await store.tenant(context) { tx, caller in
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: caller.identity.memberID).today
            let last = to ?? today
            let first = from ?? last.adding(days: -365)
            let groups = try await NPSResponses(tx, caller).report(
                from: first, through: last, grouping: grouping, companyID: companyID, teamID: teamID)
            return NPSReportDTO(from: first, to: last, groupBy: grouping.rawValue, groups: groups.map(NPSGroupDTO.init))
        }
        return try JSONResponse.make(answer)
    }
}
