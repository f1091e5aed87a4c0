import Domain
import Foundation
import Credentials
import Hummingbird
import Store
import UseCases

/// `/v1/tokens`: API tokens for integrations. The secret is shown once, at creation; only its SHA-256 is kept.
/// Members manage their own; admins see and revoke everyone's. A revoked token is refused on its next request.
struct TokenController: RouteCollection {
    let store: Store

    struct TokenDTO: Codable, Sendable {
        var id: UUID
        var memberId: UUID
        var name: String
        var scopes: [String]
        var createdAt: Date
        var expiresAt: Date?
        var lastUsedAt: Date?
        var revokedAt: Date?
        /// Only in the answer to the create.
        var token: String?
        init(_ t: APITokenRecord, token: String? = nil) {
            id = t.id
            memberId = t.memberID
            name = t.name
            scopes = t.scopes.map(\.rawValue)
            createdAt = t.createdAt
            expiresAt = t.expiresAt
            lastUsedAt = t.lastUsedAt
            revokedAt = t.revokedAt
            self.token = token
        }
    }
    struct Input: RequestBody {
        var name: String
        var scopes: [String]
        var expiresAt: Date?

        static let schema = Schema.object(
            ["name": Schema.string, "scopes": Schema.array(Schema.enumeration(TokenScope.self)), "expires_at": Schema.dateTime],
            required: ["name", "scopes"])
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "member_id": Schema.uuid, "name": Schema.string,
         "scopes": Schema.array(Schema.enumeration(TokenScope.self)), "created_at": Schema.dateTime,
         "expires_at": Schema.nullable(Schema.dateTime), "last_used_at": Schema.nullable(Schema.dateTime),
         "revoked_at": Schema.nullable(Schema.dateTime), "token": Schema.string],
        required: ["id", "member_id", "name", "scopes"])

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
        let identity = context.identity
        let list = try ListQuery(request)
        let all = identity.authorizer.can(identity.actor, .manageAllTokens, in: .org).allowed
        let page = try await store.tenant(context) { tx, _ in
            try await CredentialRepository.listTokens(tx, member: all ? nil : identity.memberID, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map { TokenDTO($0) }, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let identity = context.identity
        let (input, body) = try await request.decodeJSONKeepingBody(as: Input.self, context: context)
        let home = identity.actor.grants.first { $0.role.permissions.contains(.manageOwnTokens) }?.scope ?? .org
        try identity.require(.manageOwnTokens, in: home)
        let name = try TenancyRules.name(input.name, field: "name")
        var scopes: [TokenScope] = []
        for raw in input.scopes {
            guard let scope = TokenScope(rawValue: raw) else {
                throw DomainError(.invalid, "scopes are read, write and admin", field: "scopes")
            }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        guard !scopes.isEmpty else { throw DomainError(.missing, "a token needs at least one scope", field: "scopes") }
        if let credentialScopes = identity.credential.scopes, !Set(scopes).isSubset(of: credentialScopes) {
            throw Problem(
                status: .forbidden, code: "forbidden", detail: "a token cannot create a token with wider scopes than its own",
                missingPermission: Permission.manageOwnTokens.rawValue)
        }
        if let expires = input.expiresAt, expires <= store.now {
            throw DomainError(.invalid, "expires_at must be in the future", field: "expires_at")
        }
        let secret = Secrets.newToken()
        return try await store.tenant(context) { tx, caller in
            try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                let token = try await CredentialRepository.createToken(
                    tx, id: .v7(), member: identity.memberID, name: name, scopes: scopes,
                    tokenHash: Secrets.hash(token: secret), expiresAt: input.expiresAt, createdBy: identity.memberID)
                try await Audit.record(tx, caller, action: "token.create", resource: "api_token", id: token.id, after: TokenDTO(token))
                return try .init(TokenDTO(token, token: secret), replay: TokenDTO(token))
            }
        }
    }

    @Sendable func revoke(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "token")
        try await store.tenant(context) { tx, caller in
            let identity = caller.identity
            guard let token = try await CredentialRepository.getToken(tx, id: id) else { throw Problem.notFound("token") }
            // Someone else's token: only admins may know it exists.
            if token.memberID != identity.memberID, !identity.authorizer.can(identity.actor, .manageAllTokens, in: .org).allowed {
                throw Problem.notFound("token")
            }
            _ = try await CredentialRepository.revokeToken(tx, id: id)
            try await Audit.record(tx, caller, action: "token.revoke", resource: "api_token", id: id, before: TokenDTO(token))
        }
        return JSONResponse.noContent()
    }
}
