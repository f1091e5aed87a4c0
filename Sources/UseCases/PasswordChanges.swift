public import Foundation
public import Store
import Domain

/// A member changes their own password: the current one first (five wrong guesses in 15 minutes and the form
/// refuses for a while, so a borrowed session cannot brute-force it), the new one by the password rule, and every
/// other session of theirs ends — whoever else was signed in as them is not any more.
public struct PasswordChanges: Sendable {
    public static let limit = 5
    public static let window: Duration = .seconds(15 * 60)

    let store: Store
    let verify: @Sendable (_ password: String, _ hash: String?) async throws -> Bool
    let hash: @Sendable (_ password: String) async throws -> String

    public init(
        store: Store, verify: @escaping @Sendable (_ password: String, _ hash: String?) async throws -> Bool,
        hash: @escaping @Sendable (_ password: String) async throws -> String
    ) {
        (self.store, self.verify, self.hash) = (store, verify, hash)
    }

    public func change(_ caller: Caller, current typed: String, new: String) async throws {
        let identity = caller.identity
        let new = try TenancyRules.password(new, field: "new_password")
        let key = "password-change:\(identity.memberID.uuidString.lowercased())"
        // Counted before the check, as sign-ins are: parallel guesses cannot pass the limit together.
        let (limited, attempt) = try await store.system { tx in
            try await CredentialRepository.countAttempt(tx, limits: [(key, Self.limit)], window: Self.window)
        }
        if limited != nil {
            throw DomainError(.conflict, "too many wrong passwords; try again later", field: "current_password")
        }
        let stored = try await store.tenant(identity.orgID) { tx in
            try await MemberRepository.passwordHash(tx, id: identity.memberID)
        }
        guard case .some(.some(let hashNow)) = stored, try await verify(typed, hashNow) else {
            throw DomainError(.invalid, "the current password is wrong", field: "current_password")
        }
        let newHash = try await hash(new)
        try await store.tenant(identity.orgID) { tx in
            try await MemberRepository.setPassword(tx, id: identity.memberID, hash: newHash)
            try await CredentialRepository.revokeSessions(tx, member: identity.memberID, except: identity.credential.id)
            try await Audit.record(tx, caller, action: "member.password_change", resource: "member", id: identity.memberID)
        }
        try await store.system { tx in
            try await CredentialRepository.forgetAttempts(tx, ids: attempt)
            try await CredentialRepository.clearFailures(tx, key: key)
        }
    }
}
