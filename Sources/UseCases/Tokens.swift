public import Domain
public import Foundation
public import Store
import Credentials

/// API tokens for integrations. The secret is made here and shown once, at creation; only its SHA-256 is kept.
/// Members manage their own; admins see and revoke everyone's. A revoked token is refused on its next request.
public struct Tokens: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A token that passed ``check(name:scopes:expiresAt:)``. Creating is two steps so that a replayed request (an
    /// Idempotency-Key seen before) is answered after the checks and before the write; only `check` makes one.
    public struct Checked: Sendable {
        let name: String
        let scopes: [TokenScope]
        let expiresAt: Date?
    }

    private var managesAll: Bool { identity.authorizer.can(identity.actor, .manageAllTokens, in: .org).allowed }

    /// The caller's tokens; everyone's for those who manage all tokens.
    public func list(after cursor: UUID?, limit: Int) async throws -> Page<APITokenRecord> {
        try await CredentialRepository.listTokens(tx, member: managesAll ? nil : identity.memberID, after: cursor, limit: limit)
    }

    /// `scopes` as sent (raw values, duplicates allowed). A token may not make a token with wider scopes than its own.
    public func check(name: String, scopes raw: [String], expiresAt: Date?) throws -> Checked {
        let home = identity.actor.grants.first { $0.role.permissions.contains(.manageOwnTokens) }?.scope ?? .org
        try identity.require(.manageOwnTokens, in: home)
        let name = try TenancyRules.name(name, field: "name")
        var scopes: [TokenScope] = []
        for raw in raw {
            guard let scope = TokenScope(rawValue: raw) else {
                throw DomainError(.invalid, "scopes are read, write and admin", field: "scopes")
            }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        guard !scopes.isEmpty else { throw DomainError(.missing, "a token needs at least one scope", field: "scopes") }
        if let credentialScopes = identity.credential.scopes, !Set(scopes).isSubset(of: credentialScopes) {
            throw DomainError(
                .forbidden, "a token cannot create a token with wider scopes than its own", permission: Permission.manageOwnTokens.rawValue)
        }
        if let expiresAt, expiresAt <= caller.now {
            throw DomainError(.invalid, "expires_at must be in the future", field: "expires_at")
        }
        return Checked(name: name, scopes: scopes, expiresAt: expiresAt)
    }

    /// The new token and its secret, which nothing keeps: the caller's only chance to see it.
    public func create(_ checked: Checked) async throws -> (token: APITokenRecord, secret: String) {
        let secret = Secrets.newToken()
        let token = try await CredentialRepository.createToken(
            tx, id: .v7(), member: identity.memberID, name: checked.name, scopes: checked.scopes,
            tokenHash: Secrets.hash(token: secret), expiresAt: checked.expiresAt, createdBy: identity.memberID)
        try await Audit.record(tx, caller, action: "token.create", resource: "api_token", id: token.id, after: TokenDTO(token))
        return (token, secret)
    }

    public func revoke(_ id: UUID) async throws {
        guard let token = try await CredentialRepository.getToken(tx, id: id) else { throw Self.notFound }
        // Someone else's token: only admins may know it exists.
        if token.memberID != identity.memberID, !managesAll { throw Self.notFound }
        _ = try await CredentialRepository.revokeToken(tx, id: id)
        try await Audit.record(tx, caller, action: "token.revoke", resource: "api_token", id: id, before: TokenDTO(token))
    }

    static let notFound = DomainError(.notFound, "token not found")
}
