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
