public import Domain
public import Foundation
public import Store

/// An API token as the API answers with it and audit entries record it — never its hash, and its secret only in
/// the answer to the create.
public struct TokenDTO: Codable, Sendable {
    public var id: UUID
    public var memberId: UUID
    public var name: String
    public var scopes: [String]
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    /// Only in the answer to the create.
    public var token: String?
    public init(_ t: APITokenRecord, token: String? = nil) {
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
