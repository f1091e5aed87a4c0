public import Foundation

/// A standard process (playbook, seed 000): one way of running customers that companies adopt, versioned so a
/// change never rewrites what a company adopted. At most one process of an org is its standard
/// (`isOrgStandard`) — the one adoption per company is measured against.
public struct StandardProcess: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var summary: String
    public var isOrgStandard: Bool
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID, name: String, summary: String, isOrgStandard: Bool, archivedAt: Date? = nil, createdAt: Date, updatedAt: Date, version: Int = 1) {
        (self.id, self.name, self.summary, self.isOrgStandard) = (id, name, summary, isOrgStandard)
        (self.archivedAt, self.createdAt, self.updatedAt, self.version) = (archivedAt, createdAt, updatedAt, version)
    }

    public func validated() throws -> StandardProcess {
        var copy = self
        copy.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(copy.name.count) else { throw DomainError(.invalid, "a process's name is 1 to 120 characters", field: "name") }
        copy.summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard copy.summary.count <= 2000 else { throw DomainError(.invalid, "the summary is at most 2000 characters", field: "summary") }
        return copy
    }
}
