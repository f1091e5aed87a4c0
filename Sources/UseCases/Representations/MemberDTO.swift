public import Domain
public import Foundation
public import Store

/// A member as the API answers with it and audit entries record it (`team_ids`, which the domain type's
/// synthesized `teamIDs` would write as `team_i_ds`).
public struct MemberDTO: Codable, Sendable {
    public var id: UUID
    public var email: String
    public var displayName: String
    public var locale: String?
    public var timeZone: String?
    public var active: Bool
    public var teamIds: [UUID]
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    public init(_ m: Member) {
        id = m.id
        email = m.email
        displayName = m.displayName
        locale = m.locale?.rawValue
        timeZone = m.timeZone
        active = m.active
        teamIds = m.teamIDs
        createdAt = m.createdAt
        updatedAt = m.updatedAt
        version = m.version
    }
}
