import Database
import Domain
import Foundation
import Credentials
import Hummingbird
import HTTPTypes
import Store

/// Sign-in: public, rate-limited per account and per client address, and answering the same way (and taking as
/// long) whether the e-mail is unknown or the password wrong. Signing out is ``SessionController``'s.
struct AuthController: RouteCollection {
    let store: Store
    let clientAddress: ClientAddress
    let passwords: PasswordWork

    static let sessionLifetime: TimeInterval = 12 * 3600
    /// Failures allowed per account (org + e-mail) and per address in `window`, before 429.
    static let accountLimit = 5
    static let addressLimit = 20
    static let window: Duration = .seconds(15 * 60)


    struct LoginInput: RequestBody {
        var org: String
        var email: String
        var password: String

        static let schema = Schema.object(
            ["org": Schema.string, "email": Schema.string, "password": Schema.string], required: ["org", "email", "password"])
    }
    /// A new session: the answer to signing in and to accepting an invitation.
    struct LoginDTO: Encodable, Sendable {
        var token: String
        var expiresAt: Date
        var memberId: UUID
        var orgId: UUID
    }

    static let sessionSchema = Schema.object(
        ["token": Schema.string, "expires_at": Schema.dateTime, "member_id": Schema.uuid, "org_id": Schema.uuid])

    var routes: [Route<AppRequestContext>] {
        [
            Route(.post, "/v1/auth/login", id: "login", summary: "Sign in with org slug, e-mail and password; returns a session token",
                  tag: "auth", body: LoginInput.self, responses: [200: ("Signed in", Self.sessionSchema)], problems: [401, 429],
                  handler: login),
        ]
    }

    @Sendable func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: LoginInput.self, context: context)
        let slug = input.org.lowercased().trimmingCharacters(in: .whitespaces)
        let email = input.email.lowercased().trimmingCharacters(in: .whitespaces)
        let accountKey = "account:\(slug):\(email)"
        let addressKey = "address:\(clientAddress.resolve(request, context))"
        // The attempt is counted before the password is checked, atomically (parallel guesses cannot pass the limit
        // together), so a flood of guesses never reaches bcrypt; a success takes its attempt back.
        let (refused, attempt) = try await store.system { tx in
            try await CredentialRepository.countAttempt(
                tx, limits: [(accountKey, Self.accountLimit), (addressKey, Self.addressLimit)], window: Self.window)
        }
        if let refused {
            let now = store.now
            let retry = max(1, Int((refused.oldest ?? now).addingTimeInterval(15 * 60).timeIntervalSince(now).rounded(.up)))
            throw Problem(
                status: .tooManyRequests, code: "rate_limited",
                detail: "too many failed sign-ins; try again in \(retry) seconds",
                headers: [.retryAfter: String(retry)])
        }
        let org = try await store.system { tx in try await OrganizationRepository.find(tx, slug: slug) }
        let credentials = try await org.asyncMap { org in
            try await store.tenant(org.id) { tx in try await MemberRepository.credentials(tx, email: email) }
        } ?? nil
        let matches = try await passwords.verify(input.password, hash: credentials?.passwordHash)
        guard let org, let credentials, credentials.active, credentials.passwordHash != nil, matches else {
            throw Problem.unauthorized("the organisation, e-mail or password is wrong")
        }
        let token = Secrets.newToken()
        let expires = store.now.addingTimeInterval(Self.sessionLifetime)
        try await store.tenant(org.id) { tx in
            try await CredentialRepository.createSession(
                tx, id: .v7(), member: credentials.id, tokenHash: Secrets.hash(token: token), expiresAt: expires)
        }
        try await store.system { tx in
            try await CredentialRepository.forgetAttempts(tx, ids: attempt)
            try await CredentialRepository.clearFailures(tx, key: accountKey)
        }
        return try JSONResponse.make(LoginDTO(token: token, expiresAt: expires, memberId: credentials.id, orgId: org.id))
    }
}
