public import Domain
public import Foundation
public import Store

/// A member as the API answers with it and audit entries record it (`team_ids`, which the domain type's
/// synthesized `teamIDs` would write as `team_i_ds`).
public struct MemberDTO: Codable, Sendable {
    public var id: UUID
    public var email: String
    public var displayName: String
    public var locale: Organization.Locale?
    public var timeZone: String?
    public var active: Bool
    public var teamIds: [UUID]
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int
    public init(_ m: Member) {
        (id, email, displayName, locale, timeZone, active) = (m.id, m.email, m.displayName, m.locale, m.timeZone, m.active)
        (teamIds, createdAt, updatedAt, version) = (m.teamIDs, m.createdAt, m.updatedAt, m.version)
    }
}
