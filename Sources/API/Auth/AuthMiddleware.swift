import Database
import Foundation
import Credentials
import Domain
import Hummingbird
import HTTPTypes
import Logging
import Store
import UseCases

/// The authentication step of the protected group: resolves `Authorization: Bearer …` to an ``Identity`` in one
/// statement outside any transaction (the look-up cannot know the org in advance), or answers 401. Public routes
/// are mounted outside the group, so there is no list of public paths to keep in sync; the token's scope is
/// checked per route, from the route's declaration (``Route``).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: Store
    /// Seconds a session may go unused before it ends (`BANSO_SESSION_IDLE`).
    let sessionIdle: Double

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization], let token = Self.bearerToken(header) else {
            throw Problem.unauthorized("an Authorization: Bearer token is required")
        }
        guard let found = try await store.authenticate(tokenHash: Secrets.hash(token: token), sessionIdle: sessionIdle) else {
            throw Problem.unauthorized("the token is unknown, expired or revoked")
        }
        let credential = found.credential
        var context = context
        context.identity = Identity(found)
        context.logger[metadataKey: "org_id"] = .string(credential.orgID.uuidString.lowercased())
        context.logger[metadataKey: "member_id"] = .string(credential.memberID.uuidString.lowercased())
        return try await next(request, context)
    }

    /// The token of `Bearer <token>` (scheme in any case, spaces around the token ignored), read as bytes: this
    /// runs on every request.
    static func bearerToken(_ header: String) -> String? {
        let bytes = Array(header.utf8)
        let scheme = Array("bearer ".utf8)
        guard bytes.count > scheme.count,
            zip(bytes, scheme).allSatisfy({ $0 | 0x20 == $1 })  // ASCII case folding; the space folds to itself
        else { return nil }
        let rest = bytes[scheme.count...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let token = rest.reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.reversed()
        return String(decoding: token, as: UTF8.self)
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
