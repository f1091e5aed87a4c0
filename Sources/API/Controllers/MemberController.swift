import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/members`: people in the organisation. Managers add and edit members within their scope; a member is
/// never deleted (their history stays) but deactivated, which ends their sessions and tokens at once.
struct MemberController: RouteCollection {
    let store: Store
    let passwords: PasswordWork

    struct CreateInput: RequestBody {
        var email: String
        var displayName: String
        var locale: String?
        var timeZone: String?
        var password: String?
        var teamIds: [UUID]?

        static let schema = Schema.object(
            ["email": Schema.string, "display_name": Schema.string, "locale": Schema.string, "time_zone": Schema.string,
             "password": Schema.string, "team_ids": Schema.array(Schema.uuid)], required: ["email", "display_name"])
    }
    struct UpdateInput: RequestBody {
        var displayName: String?
        var locale: String?
        var timeZone: String?
        var active: Bool?

        static let schema = Schema.object(
            ["display_name": Schema.string, "locale": Schema.string, "time_zone": Schema.string, "active": Schema.boolean])
    }

    static let schema = Schema.of(MemberDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "directory"
        return [
            Route(.get, "/v1/members", id: "listMembers", summary: "List members", tag: tag,
                  parameters: Schema.paging + [Schema.query("company_id", Schema.uuid, "members of this company's teams"),
                                               Schema.query("team_id", Schema.uuid, "members of this team")],
                  responses: [200: ("Members", Schema.list(Self.schema))], problems: [422], handler: list),
            Route(.post, "/v1/members", id: "createMember", summary: "Add a member, optionally into teams (Idempotency-Key honoured)",
                  tag: tag, body: CreateInput.self, responses: [201: ("Created", Self.schema)], problems: [409], handler: create),
            Route(.get, "/v1/members/{id}", id: "getMember", summary: "Read a member", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Member", Self.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/members/{id}", id: "updateMember", summary: "Edit or deactivate a member (If-Match honoured)",
                  tag: tag, parameters: [Schema.pathID()], body: UpdateInput.self,
                  responses: [200: ("Member", Self.schema)], problems: [404, 412], handler: update),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let identity = context.identity
        let list = try ListQuery(request)
        let company = try request.uuidQuery("company_id")
        let team = try request.uuidQuery("team_id")
        let page = try await store.tenant(context) { tx, _ in
            try await MemberRepository.list(
                tx, companyID: company, teamID: team, visibleTo: identity.reach(.readDirectory), after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(MemberDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let new = Members.NewMember(
            email: try TenancyRules.email(input.email), displayName: try TenancyRules.name(input.displayName, field: "display_name"),
            locale: try input.locale.map { try TenancyRules.locale($0) }, timeZone: try input.timeZone.map { try TenancyRules.timeZone($0) },
            teamIDs: input.teamIds ?? [])
        // Refused before the password is hashed, which is slow on purpose; the use case checks again.
        try Members.requireMayAdd(context.identity, toTeams: new.teamIDs)
        let hash = try await input.password.map { try TenancyRules.password($0) }.asyncMap(passwords.hash)
        return try await store.tenant(context) { tx, caller in
            try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let member = try await Members(tx, caller).create(new, passwordHash: hash)
                return try .init(MemberDTO(member))
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "member")
        return try await store.answer(context) { tx, caller in try await MemberDTO(Members(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "member")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let changes = Members.Changes(displayName: input.displayName, locale: input.locale, timeZone: input.timeZone, active: input.active)
        return try await store.answer(context) { tx, caller in
            try await MemberDTO(Members(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
