import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/tokens`: API tokens for integrations. The secret is shown once, at creation; only its SHA-256 is kept.
/// Members manage their own; admins see and revoke everyone's. A revoked token is refused on its next request.
struct TokenController: RouteCollection {
    let store: Store

    struct Input: RequestBody {
        var name: String
        var scopes: [String]
        var expiresAt: Date?

        static let schema = Schema.object(
            ["name": Schema.string, "scopes": Schema.array(Schema.enumeration(TokenScope.self)), "expires_at": Schema.dateTime],
            required: ["name", "scopes"])
    }

    static let schema = Schema.of(TokenDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "access"
        return [
            Route(.get, "/v1/tokens", id: "listTokens", summary: "List API tokens (yours; everyone's for admins)", tag: tag,
                  parameters: Schema.paging, responses: [200: ("Tokens", Schema.list(Self.schema))], handler: list),
            Route(.post, "/v1/tokens", id: "createToken", summary: "Create an API token; the secret is shown once", tag: tag,
                  body: Input.self, responses: [201: ("Created; `token` holds the secret", Self.schema)], handler: create),
            Route(.delete, "/v1/tokens/{id}", id: "revokeToken", summary: "Revoke an API token", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Revoked", nil)], problems: [404], handler: revoke),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await Tokens(tx, caller).list(after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map { TokenDTO($0) }, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: Input.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let tokens = Tokens(tx, caller)
            let checked = try tokens.check(name: input.name, scopes: input.scopes, expiresAt: input.expiresAt)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let (token, secret) = try await tokens.create(checked)
                // A replay answers without the secret, which is never stored.
                return try .init(TokenDTO(token, token: secret), replay: TokenDTO(token))
            }
        }
    }

    @Sendable func revoke(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "token")
        try await store.tenant(context) { tx, caller in try await Tokens(tx, caller).revoke(id) }
        return JSONResponse.noContent()
    }
}
