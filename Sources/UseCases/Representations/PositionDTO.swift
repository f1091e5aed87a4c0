public import Domain
public import Foundation

/// A position as the API answers with it and audit entries record it (`scope_type`/`scope_id`, `reports_to`,
/// `goal_ids`).
public struct PositionDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var scopeType: String
    public var scopeID: UUID?
    public var reportsTo: UUID?
    public var responsibilities: [String]
    public var authority: [String]
    public var goalIds: [UUID]
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    public init(_ p: Position) {
        (id, name, scopeType, scopeID, reportsTo) = (p.id, p.name, p.scope.kind, p.scope.id, p.reportsToID)
        (responsibilities, authority, goalIds) = (p.responsibilities, p.authority, p.goalIDs)
        (createdAt, updatedAt, version) = (p.createdAt, p.updatedAt, p.version)
    }
}
