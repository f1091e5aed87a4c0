public import Foundation

/// A person in an organisation. `locale` and `timeZone` fall back to the organisation's when unset.
public struct Member: Sendable, Equatable, Codable {
    public var id: UUID
    public var email: String
    public var displayName: String
    public var locale: Organization.Locale?
    public var timeZone: String?
    public var active: Bool
    public var teamIDs: [UUID]
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, email: String, displayName: String, locale: Organization.Locale?, timeZone: String?, active: Bool,
        teamIDs: [UUID], createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.locale = locale
        self.timeZone = timeZone
        self.active = active
        self.teamIDs = teamIDs
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}
