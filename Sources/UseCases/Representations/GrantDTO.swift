public import Domain
public import Foundation
public import Store

/// A grant as the API answers with it and audit entries record it: the scope as `scope_type` and `scope_id`.
public struct GrantDTO: Codable, Sendable {
    public var id: UUID
    public var memberID: UUID
    public var role: Role
    public var scopeType: String
    public var scopeID: UUID?
    public var grantedBy: UUID?
    public var createdAt: Date
    public init(_ g: GrantRecord) {
        (id, memberID, role, scopeType, scopeID) = (g.id, g.memberID, g.grant.role, g.grant.scope.kind, g.grant.scope.id)
        (grantedBy, createdAt) = (g.grantedBy, g.createdAt)
    }
    enum CodingKeys: String, CodingKey {
        case id, role
        case memberID = "member_id", scopeType = "scope_type", scopeID = "scope_id", grantedBy = "granted_by"
        case createdAt = "created_at"
    }
}
