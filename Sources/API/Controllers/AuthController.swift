import Database
import Domain
import Foundation
import Credentials
import Hummingbird
import HTTPTypes
import Store
import UseCases

/// Sign-in: public, rate-limited per account and per client address, and answering the same way (and taking as
/// long) whether the e-mail is unknown or the password wrong. Signing out is ``SessionController``'s.
struct AuthController: RouteCollection {
    let store: Store
    let clientAddress: ClientAddress
    let passwords: PasswordWork

    /// How long a session lives at most (the sign-in use case's).
    static var sessionLifetime: TimeInterval { SignIns.sessionLifetime }

    struct LoginInput: RequestBody {
        var org: String
        var email: String
        var password: String

        static let schema = Schema.object(
            ["org": Schema.string, "email": Schema.string, "password": Schema.string], required: ["org", "email", "password"])
    }
    /// A new session: the answer to signing in and to accepting an invitation.
    struct LoginDTO: Codable, Sendable {
        var token: String
        var expiresAt: Date
        var memberId: UUID
        var orgId: UUID
    }

    static let sessionSchema = Schema.of(LoginDTO.self)

    var routes: [Route<AppRequestContext>] {
        [
            Route(.post, "/v1/auth/login", id: "login", summary: "Sign in with org slug, e-mail and password; returns a session token",
                  tag: "auth", body: LoginInput.self, responses: [200: ("Signed in", Self.sessionSchema)], problems: [401, 429],
                  handler: login),
        ]
    }

    @Sendable func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: LoginInput.self, context: context)
        let passwords = passwords
        let signIns = SignIns(store: store) { try await passwords.verify($0, hash: $1) }
        switch try await signIns.signIn(
            org: input.org, email: input.email, password: input.password, address: clientAddress.resolve(request, context))
        {
        case .signedIn(let session):
            return try JSONResponse.make(
                LoginDTO(token: session.token, expiresAt: session.expiresAt, memberId: session.memberID, orgId: session.orgID))
        case .refused:
            throw Problem.unauthorized("the organisation, e-mail or password is wrong")
        case .limited(let retry):
            throw Problem(
                status: .tooManyRequests, code: "rate_limited", detail: "too many failed sign-ins; try again in \(retry) seconds",
                headers: [.retryAfter: String(retry)])
        }
    }
}
