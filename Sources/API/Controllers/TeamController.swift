import Logging
import Database
import HTTPTypes
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/teams`: teams inside companies, and who is in them. Managers of a company manage its teams.
struct TeamController {
    let store: Store

    struct TeamDTO: Codable, Sendable {
        var id: UUID
        var companyID: UUID
        var name: String
        var createdAt: Date
        var updatedAt: Date
        var version: Int
        init(_ t: Team) {
            (id, companyID, name, createdAt, updatedAt, version) = (t.id, t.companyID, t.name, t.createdAt, t.updatedAt, t.version)
        }
    }
    struct CreateInput: Decodable { var companyId: UUID; var name: String }
    struct UpdateInput: Decodable { var name: String }

    static let schema = Schema.object(
        ["id": Schema.uuid, "company_id": Schema.uuid, "name": Schema.string, "created_at": Schema.dateTime,
         "updated_at": Schema.dateTime, "version": Schema.integer], required: ["id", "company_id", "name", "version"])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/teams", id: "listTeams", summary: "List teams", tag: "directory",
                         parameters: Schema.paging + [Schema.query("company_id", Schema.uuid, "only this company's teams")],
                         responses: [200: ("Teams", Schema.list(schema))], problems: [422]),
        OpenAPIOperation("POST", "/v1/teams", id: "createTeam", summary: "Create a team in a company (Idempotency-Key honoured)",
                         tag: "directory", requestBody: Schema.object(["company_id": Schema.uuid, "name": Schema.string], required: ["company_id", "name"]),
                         responses: [201: ("Created", schema)], problems: [409]),
        OpenAPIOperation("GET", "/v1/teams/{id}", id: "getTeam", summary: "Read a team", tag: "directory",
                         parameters: [Schema.pathID()], responses: [200: ("Team", schema)], problems: [404]),
        OpenAPIOperation("PATCH", "/v1/teams/{id}", id: "updateTeam", summary: "Rename a team (If-Match honoured)",
                         tag: "directory", parameters: [Schema.pathID()],
                         requestBody: Schema.object(["name": Schema.string], required: ["name"]),
                         responses: [200: ("Team", schema)], problems: [404, 409, 412]),
        OpenAPIOperation("DELETE", "/v1/teams/{id}", id: "deleteTeam", summary: "Delete a team (memberships and team grants go with it)",
                         tag: "directory", parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)], problems: [404]),
        OpenAPIOperation("PUT", "/v1/teams/{id}/members/{member_id}", id: "addTeamMember", summary: "Put a member in a team",
                         tag: "directory", parameters: [Schema.pathID(), Schema.pathID("member_id")],
                         responses: [204: ("Member is in the team", nil)], problems: [404]),
        OpenAPIOperation("DELETE", "/v1/teams/{id}/members/{member_id}", id: "removeTeamMember", summary: "Take a member out of a team",
                         tag: "directory", parameters: [Schema.pathID(), Schema.pathID("member_id")],
                         responses: [204: ("Member is not in the team", nil)], problems: [404]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/teams") { request, context in
            let identity = try context.requireIdentity()
            let list = try ListQuery(request)
            let company = try request.uuidQuery("company_id")
            // Lists show what the actor may read: a manager of SMB sees SMB's teams.
            let page = try await store.tenant(identity.orgID) { tx in
                try await VisiblePage.fill(
                    limit: list.limit, after: list.cursor, id: \.id,
                    visible: { identity.authorizer.can(identity.actor, .readDirectory, in: .team($0.id)).allowed }
                ) { try await TeamRepository.list(tx, companyID: company, after: $0, limit: $1) }
            }
            return try JSONResponse.make(ListResponse(items: page.items.map(TeamDTO.init), nextCursor: page.nextCursor))
        }
        router.post("/v1/teams") { request, context in
            let identity = try context.requireIdentity()
            let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
            let name = try TenancyRules.name(input.name, field: "name")
            return try await store.tenant(identity.orgID) { tx in
                guard try await CompanyRepository.get(tx, id: input.companyId) != nil else {
                    throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
                }
                try identity.require(.manageTeams, in: .company(input.companyId))
                return try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    let team = try await TeamRepository.insert(
                        tx, id: .v7(), companyID: input.companyId, name: name)
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "team.create", resource: "team", id: team.id,
                        after: TeamDTO(team))
                    return try .init(TeamDTO(team), version: team.version)
                }
            }
        }
        router.get("/v1/teams/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "team")
            let team = try await store.tenant(identity.orgID) { tx in try await TeamRepository.get(tx, id: id) }
            guard let team else { throw Problem.notFound("team") }
            try identity.require(.readDirectory, in: .team(id))
            return try JSONResponse.make(TeamDTO(team), version: team.version)
        }
        router.patch("/v1/teams/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "team")
            let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
            let expected = try ETag.expectedVersion(request)
            return try await store.tenant(identity.orgID) { tx in
                guard let before = try await TeamRepository.get(tx, id: id) else { throw Problem.notFound("team") }
                try identity.require(.manageTeams, in: .company(before.companyID))
                let name = try TenancyRules.name(input.name, field: "name")
                guard let after = try await TeamRepository.rename(tx, id: id, name: name, expectedVersion: expected)
                else { throw ETag.stale }
                try await AuditTrail.record(
                    tx, identity, context: context, action: "team.update", resource: "team", id: id,
                    before: TeamDTO(before), after: TeamDTO(after))
                return try JSONResponse.make(TeamDTO(after), version: after.version)
            }
        }
        router.delete("/v1/teams/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "team")
            return try await store.tenant(identity.orgID) { tx in
                guard let before = try await TeamRepository.get(tx, id: id) else { throw Problem.notFound("team") }
                try identity.require(.manageTeams, in: .company(before.companyID))
                _ = try await TeamRepository.delete(tx, id: id)
                try await AuditTrail.record(
                    tx, identity, context: context, action: "team.delete", resource: "team", id: id, before: TeamDTO(before))
                return JSONResponse.noContent()
            }
        }
        router.put("/v1/teams/:id/members/:member_id") { request, context in
            try await changeMembership(request, context, add: true)
        }
        router.delete("/v1/teams/:id/members/:member_id") { request, context in
            try await changeMembership(request, context, add: false)
        }
    }

    private func changeMembership(_ request: Request, _ context: AppRequestContext, add: Bool) async throws -> Response {
        let identity = try context.requireIdentity()
        let teamID = try request.uuidParameter(context, "id", what: "team")
        let memberID = try request.uuidParameter(context, "member_id", what: "member")
        return try await store.tenant(identity.orgID) { tx in
            guard try await TeamRepository.get(tx, id: teamID) != nil else { throw Problem.notFound("team") }
            guard let member = try await MemberRepository.get(tx, id: memberID) else {
                throw Problem.notFound("member")
            }
            try identity.require(.manageMembers, in: .team(teamID))
            // A manager moves only members already in their scope (else: adding an owner to one's team, then editing
            // them), and only those whose every role they could grant.
            if !MemberController.covers(identity, .manageMembers, member: member) {
                try Identity.enforce(identity.authorizer.can(identity.actor, .manageMembers, in: .org))
            }
            try await MemberController.requireReach(identity, over: memberID, tx: tx)
            let changed = add
                ? try await MemberRepository.addToTeam(tx, member: memberID, team: teamID)
                : try await MemberRepository.removeFromTeam(tx, member: memberID, team: teamID)
            if changed {
                try await AuditTrail.record(
                    tx, identity, context: context, action: add ? "team_membership.add" : "team_membership.remove",
                    resource: "team", id: teamID, after: ["member_id": memberID.uuidString.lowercased()])
            }
            return JSONResponse.noContent()
        }
    }
}
