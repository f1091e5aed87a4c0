import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/teams`: teams inside companies, and who is in them. Managers of a company manage its teams.
struct TeamController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var companyId: UUID
        var name: String

        static let schema = Schema.object(["company_id": Schema.uuid, "name": Schema.string], required: ["company_id", "name"])
    }
    struct UpdateInput: RequestBody {
        var name: String

        static let schema = Schema.object(["name": Schema.string], required: ["name"])
    }

    static let schema = Schema.of(Team.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "directory"
        let membership = [Schema.pathID(), Schema.pathID("member_id")]
        return [
            Route(.get, "/v1/teams", id: "listTeams", summary: "List teams", tag: tag,
                  parameters: Schema.paging + [Schema.query("company_id", Schema.uuid, "only this company's teams")],
                  responses: [200: ("Teams", Schema.list(Self.schema))], problems: [422], handler: list),
            Route(.post, "/v1/teams", id: "createTeam", summary: "Create a team in a company (Idempotency-Key honoured)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", Self.schema)], problems: [409], handler: create),
            Route(.get, "/v1/teams/{id}", id: "getTeam", summary: "Read a team", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Team", Self.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/teams/{id}", id: "updateTeam", summary: "Rename a team (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Team", Self.schema)],
                  problems: [404, 409, 412], handler: update),
            Route(.delete, "/v1/teams/{id}", id: "deleteTeam", summary: "Delete a team (memberships and team grants go with it)",
                  tag: tag, parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)], problems: [404], handler: delete),
            Route(.put, "/v1/teams/{id}/members/{member_id}", id: "addTeamMember", summary: "Put a member in a team", tag: tag,
                  parameters: membership, responses: [204: ("Member is in the team", nil)], problems: [404], handler: addMember),
            Route(.delete, "/v1/teams/{id}/members/{member_id}", id: "removeTeamMember", summary: "Take a member out of a team",
                  tag: tag, parameters: membership, responses: [204: ("Member is not in the team", nil)], problems: [404],
                  handler: removeMember),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let company = try request.uuidQuery("company_id")
        let page = try await store.tenant(context) { tx, caller in
            try await Teams(tx, caller).list(company: company, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let teams = Teams(tx, caller)
            let checked = try await teams.check(company: input.companyId, name: input.name)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let team = try await teams.create(checked)
                return try .init(team)
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "team")
        return try await store.answer(context) { tx, caller in try await Teams(tx, caller).get(id) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "team")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            try await Teams(tx, caller).rename(id, to: input.name, expectedVersion: expected)
        }
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "team")
        try await store.tenant(context) { tx, caller in try await Teams(tx, caller).delete(id) }
        return JSONResponse.noContent()
    }

    @Sendable func addMember(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await setMembership(request, context, add: true)
    }

    @Sendable func removeMember(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await setMembership(request, context, add: false)
    }

    private func setMembership(_ request: Request, _ context: AuthenticatedContext, add: Bool) async throws -> Response {
        let teamID = try request.uuidParameter(context, "id", what: "team")
        let memberID = try request.uuidParameter(context, "member_id", what: "member")
        try await store.tenant(context) { tx, caller in
            try await Members(tx, caller).setTeamMembership(member: memberID, team: teamID, add: add)
        }
        return JSONResponse.noContent()
    }
}
