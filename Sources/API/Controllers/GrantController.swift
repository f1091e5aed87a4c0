import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/grants`: who holds which role where. Managers grant roles below their own within their scope; owners and
/// admins anywhere (only owners make owners and admins). The last owner cannot be removed.
struct GrantController: RouteCollection {
    let store: Store

    struct Input: RequestBody {
        var memberId: UUID
        var role: String
        var scopeType: String
        var scopeId: UUID?

        static let schema = Schema.object(
            ["member_id": Schema.uuid, "role": Schema.enumeration(Role.self), "scope_type": Schema.scopeType,
             "scope_id": Schema.uuid], required: ["member_id", "role", "scope_type"])
    }

    static let schema = Schema.of(GrantDTO.self, refining: ["scope_type": Schema.scopeType])

    var routes: [Route<AuthenticatedContext>] {
        let tag = "access"
        return [
            Route(.get, "/v1/grants", id: "listGrants", summary: "List role grants", tag: tag,
                  parameters: Schema.paging + [Schema.query("member_id", Schema.uuid, "only this member's grants")],
                  responses: [200: ("Grants", Schema.list(Self.schema))], problems: [422], handler: list),
            Route(.post, "/v1/grants", id: "createGrant", summary: "Grant a role in a scope (Idempotency-Key honoured)", tag: tag,
                  scope: .admin, body: Input.self, responses: [201: ("Granted", Self.schema)], problems: [409], handler: create),
            Route(.delete, "/v1/grants/{id}", id: "deleteGrant", summary: "Revoke a grant", tag: tag, scope: .admin,
                  parameters: [Schema.pathID()], responses: [204: ("Revoked", nil)], problems: [404, 409], handler: delete),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let identity = context.identity
        let list = try ListQuery(request)
        let member = try request.uuidQuery("member_id")
        let page = try await store.tenant(context) { tx, _ in
            try await GrantRepository.list(
                tx, member: member, visibleTo: identity.reach(.readDirectory), after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(GrantDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: Input.self, context: context)
        guard let role = Role(rawValue: input.role) else {
            throw DomainError(.invalid, "role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", field: "role")
        }
        let grant = Grant(role: role, scope: try Scope(kind: input.scopeType, id: input.scopeId))
        return try await store.tenant(context) { tx, caller in
            let grants = Grants(tx, caller)
            let checked = try await grants.check(member: input.memberId, grant: grant)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(GrantDTO(try await grants.grant(checked)))
            }
        }
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "grant")
        try await store.tenant(context) { tx, caller in try await Grants(tx, caller).revoke(id) }
        return JSONResponse.noContent()
    }
}
