public import Foundation

/// One version of a standard process: its ordered steps. A draft may be edited; once published it is immutable —
/// companies adopt it and health is compared by it, so changing it would change the history those figures
/// describe. A change is a new draft (``nextDraft(id:at:)``) published as the next number.
public struct ProcessVersion: Sendable, Equatable, Codable {
    public var id: UUID
    public var processID: UUID
    /// 1, 2, 3… within the process.
    public var number: Int
    public private(set) var steps: [ProcessStep]
    public var notes: String?
    public private(set) var publishedAt: Date?
    public var createdAt: Date

    public init(id: UUID, processID: UUID, number: Int, steps: [ProcessStep], notes: String? = nil, publishedAt: Date? = nil, createdAt: Date) {
        (self.id, self.processID, self.number, self.steps, self.notes, self.publishedAt, self.createdAt) =
            (id, processID, number, steps, notes, publishedAt, createdAt)
    }

    public var isPublished: Bool { publishedAt != nil }

    /// Replaces a draft's steps; `conflict` once published.
    public mutating func revise(steps new: [ProcessStep], knownPositions: Set<UUID>? = nil) throws {
        guard !isPublished else { throw DomainError(.conflict, "version \(number) is published and cannot change; draft a new version", field: "steps") }
        steps = try Self.validated(new, knownPositions: knownPositions)
    }

    /// Publishes the draft as it stands (checked again, since positions may have gone since it was written);
    /// `conflict` when already published.
    public mutating func publish(at now: Date, knownPositions: Set<UUID>? = nil) throws {
        guard !isPublished else { throw DomainError(.conflict, "version \(number) is already published", field: "version") }
        steps = try Self.validated(steps, knownPositions: knownPositions)
        publishedAt = now
    }

    /// A new draft numbered after this one, starting from its steps.
    public func nextDraft(id: UUID, at now: Date) -> ProcessVersion {
        ProcessVersion(id: id, processID: processID, number: number + 1, steps: steps, notes: nil, createdAt: now)
    }

    public func step(_ id: UUID) -> ProcessStep? { steps.first { $0.id == id } }

    /// 1–50 steps, each valid, each id and name once: progress is recorded by step id, and two steps of one name
    /// could not be told apart in a report.
    public static func validated(_ steps: [ProcessStep], knownPositions: Set<UUID>? = nil) throws -> [ProcessStep] {
        guard (1...50).contains(steps.count) else { throw DomainError(.invalid, "a process has 1 to 50 steps", field: "steps") }
        let checked = try steps.enumerated().map { try $0.element.validated(field: "steps[\($0.offset)]", knownPositions: knownPositions) }
        guard Set(checked.map(\.id)).count == checked.count else { throw DomainError(.invalid, "each step appears once", field: "steps") }
        for (index, step) in checked.enumerated() where checked[..<index].contains(where: { $0.name == step.name }) {
            throw DomainError(.invalid, "two steps are both called “\(step.name)”", field: "steps[\(index)].name")
        }
        return checked
    }
}
