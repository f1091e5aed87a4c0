public import Foundation

/// A business unit inside an organisation (カンパニー), e.g. Enterprise or SMB.
public struct Company: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID, name: String, createdAt: Date, updatedAt: Date, version: Int) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A team inside a company.
public struct Team: Sendable, Equatable, Codable {
    public var id: UUID
    public var companyID: UUID
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID, companyID: UUID, name: String, createdAt: Date, updatedAt: Date, version: Int) {
        self.id = id
        self.companyID = companyID
        self.name = name
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

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
