public import Domain
public import Foundation
public import Store

/// A grant as the API answers with it and audit entries record it: the scope as `scope_type` and `scope_id`.
public struct GrantDTO: Codable, Sendable {
    public var id: UUID
    public var memberID: UUID
    public var role: String
    public var scopeType: String
    public var scopeID: UUID?
    public var grantedBy: UUID?
    public var createdAt: Date
    public init(_ g: GrantRecord) {
        id = g.id
        memberID = g.memberID
        role = g.grant.role.rawValue
        scopeType = g.grant.scope.kind
        scopeID = g.grant.scope.id
        grantedBy = g.grantedBy
        createdAt = g.createdAt
    }
    enum CodingKeys: String, CodingKey {
        case id, role
        case memberID = "member_id", scopeType = "scope_type", scopeID = "scope_id", grantedBy = "granted_by"
        case createdAt = "created_at"
    }
}
