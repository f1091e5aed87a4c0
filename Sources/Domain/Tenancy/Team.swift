public import Foundation

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
