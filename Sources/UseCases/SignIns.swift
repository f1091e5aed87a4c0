public import Foundation
public import Store
import Credentials
import Domain

/// Signing in with an org slug, e-mail and password, for the JSON route and the sign-in page alike: rate-limited per
/// account and per client address, answering the same way (and taking as long) whether the e-mail is unknown or
/// the password wrong, and creating a fresh session each time (a page's cookie is never an id chosen before
/// sign-in).
public struct SignIns: Sendable {
    /// How long a session lives at most, however active.
    public static let sessionLifetime: TimeInterval = 12 * 3600
    /// Failures allowed per account (org + e-mail) and per address in `window`, before refusal.
    public static let accountLimit = 5
    public static let addressLimit = 20
    public static let window: Duration = .seconds(15 * 60)

    let store: Store
    /// bcrypt, bounded by the adapter (it knows how to say "busy").
    let verify: @Sendable (_ password: String, _ hash: String?) async throws -> Bool

    public init(store: Store, verify: @escaping @Sendable (_ password: String, _ hash: String?) async throws -> Bool) {
        self.store = store
        self.verify = verify
    }

    /// A new session: its token (shown once, to the caller), when it ends at the latest, and whose it is.
    public struct Session: Sendable {
        public let token: String
        public let expiresAt: Date
        public let memberID: UUID
        public let orgID: UUID
    }

    public enum Outcome: Sendable {
        case signedIn(Session)
        /// The organisation, e-mail or password is wrong (which of them is not said).
        case refused
        /// Too many failures lately; try again after this many seconds.
        case limited(retryAfter: Int)
    }

    /// `org` and `email` are compared case-insensitively and without surrounding spaces; `address` is the client's,
    /// as the adapter resolved it.
    public func signIn(org: String, email: String, password: String, address: String) async throws -> Outcome {
        let slug = org.lowercased().trimmingCharacters(in: .whitespaces)
        let email = email.lowercased().trimmingCharacters(in: .whitespaces)
        let accountKey = "account:\(slug):\(email)"
        let addressKey = "address:\(address)"
        // The attempt is counted before the password is checked, atomically (parallel guesses cannot pass the limit
        // together), so a flood of guesses never reaches bcrypt; a success takes its attempt back.
        let (limited, attempt) = try await store.system { tx in
            try await CredentialRepository.countAttempt(
                tx, limits: [(accountKey, Self.accountLimit), (addressKey, Self.addressLimit)], window: Self.window)
        }
        if let limited {
            let now = store.now
            let oldest = limited.oldest ?? now
            let retry = oldest.addingTimeInterval(TimeInterval(Self.window.components.seconds)).timeIntervalSince(now)
            return .limited(retryAfter: max(1, Int(retry.rounded(.up))))
        }
        let org = try await store.system { tx in try await OrganizationRepository.find(tx, slug: slug) }
        var credentials: (id: UUID, passwordHash: String?, active: Bool)?
        if let org {
            credentials = try await store.tenant(org.id) { tx in try await MemberRepository.credentials(tx, email: email) }
        }
        let matches = try await verify(password, credentials?.passwordHash)
        guard let org, let credentials, credentials.active, credentials.passwordHash != nil, matches else { return .refused }
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
        return .signedIn(Session(token: token, expiresAt: expires, memberID: credentials.id, orgID: org.id))
    }
}
