public import Domain
public import Foundation
public import Store

/// An API token as the API answers with it and audit entries record it — never its hash, and its secret only in
/// the answer to the create.
public struct TokenDTO: Codable, Sendable {
    public var id: UUID
    public var memberId: UUID
    public var name: String
    public var scopes: [TokenScope]
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    /// Only in the answer to the create.
    public var token: String?
    public init(_ t: APITokenRecord, token: String? = nil) {
        (id, memberId, name, scopes) = (t.id, t.memberID, t.name, t.scopes)
        (createdAt, expiresAt, lastUsedAt, revokedAt) = (t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt)
        self.token = token
    }
}
