import Database
import Foundation
import Domain
import Hummingbird
import HTTPTypes
import Logging
import Store
import UseCases

/// Resolves `Authorization: Bearer …` to an ``Identity`` for every `/v1` route except the public ones (sign-in
/// and the redemption of invitation and reset links). The token look-up runs as declared system work — it is the
/// one thing that cannot know the org in advance — and everything after it in a tenant transaction.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: Store
    let publicPaths: Set<String>
    /// Seconds a session may go unused before it ends (`BANSO_SESSION_IDLE`).
    let sessionIdle: Double

    /// Methods that change nothing (RFC 9110 §9.2.1); every other one needs a token's `write` scope.
    static let safeMethods: Set<HTTPRequest.Method> = [.get, .head, .options]

    init(store: Store, publicPaths: Set<String>, sessionIdle: Double) {
        self.store = store
        self.publicPaths = publicPaths
        self.sessionIdle = sessionIdle
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let path = request.uri.path
        // Unmatched routes (no endpoint path) fall through to the 404 answer; the route list is public anyway.
        guard path.hasPrefix("/v1/"), !publicPaths.contains(path), let route = context.endpointPath, route != "NotFound"
        else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw Problem.unauthorized("an Authorization: Bearer token is required")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        let hash = Secrets.hash(token: token)
        guard let credential = try await store.system({ tx in try await CredentialRepository.resolve(tx, tokenHash: hash, sessionIdle: sessionIdle) })
        else {
            throw Problem.unauthorized("the token is unknown, expired or revoked")
        }
        let (grants, structure) = try await store.tenant(credential.orgID) { tx in
            // Recorded at most once a minute: most reads write nothing.
            if credential.needsTouch(now: store.now) {
                if credential.kind == .apiToken {
                    try await CredentialRepository.touchToken(tx, id: credential.id)
                } else {
                    try await CredentialRepository.touchSession(tx, id: credential.id)
                }
            }
            return (
                try await GrantRepository.forMember(tx, member: credential.memberID),
                try await TeamRepository.structure(tx)
            )
        }
        // A token without `write` changes nothing, whatever the route: one check here, so no handler can forget it.
        // (`admin` implies `write`, as in the Authorizer.) Sessions carry the member's full roles.
        if let scopes = credential.scopes, !Self.safeMethods.contains(request.method), scopes.isDisjoint(with: [.write, .admin]) {
            throw Problem(
                status: .forbidden, code: "forbidden", detail: "the API token is read-only; this request changes something",
                missingPermission: "write")
        }
        var context = context
        context.identity = Identity(
            orgID: credential.orgID, memberID: credential.memberID, credential: credential,
            actor: Actor(memberID: credential.memberID, grants: grants.map(\.grant), tokenScopes: credential.scopes),
            structure: structure)
        context.logger[metadataKey: "org_id"] = .string(credential.orgID.uuidString.lowercased())
        context.logger[metadataKey: "member_id"] = .string(credential.memberID.uuidString.lowercased())
        return try await next(request, context)
    }
}

extension Problem {
    static func unauthorized(_ detail: String) -> Problem {
        Problem(status: .unauthorized, code: "unauthorized", detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }

    static func notFound(_ what: String) -> Problem {
        Problem(status: .notFound, code: "not_found", detail: "\(what) not found")
    }
}
