public import Domain
public import Foundation
public import Store

/// The token lists the pages show: one's own on `/me/tokens` (even for an admin, whose `list` is everyone's),
/// and everyone's on `/admin/tokens`.
extension Tokens {
    /// The caller's own tokens, even for those who manage everyone's.
    public func mine(after cursor: UUID?, limit: Int) async throws -> Page<APITokenRecord> {
        try await CredentialRepository.listTokens(tx, member: identity.memberID, after: cursor, limit: limit)
    }

    /// Everyone's tokens, for those who manage all tokens (403 otherwise).
    public func everyone(after cursor: UUID?, limit: Int) async throws -> Page<APITokenRecord> {
        try identity.require(.manageAllTokens, in: .org)
        return try await CredentialRepository.listTokens(tx, member: nil, after: cursor, limit: limit)
    }
}
