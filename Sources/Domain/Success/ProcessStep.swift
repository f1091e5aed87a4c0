public import Foundation

/// One step of a standard process: what it is, how long it should take, what says it is done, and who does what.
public struct ProcessStep: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    /// Calendar days the step is expected to take; a customer held much longer is stalled (``ProcessStalls``).
    public var expectedDays: Int
    /// What must be true to leave the step ("kickoff held and the goal sheet drafted").
    public var exitCriterion: String
    public var raci: RACI

    public init(id: UUID, name: String, expectedDays: Int, exitCriterion: String, raci: RACI) {
        (self.id, self.name, self.expectedDays, self.exitCriterion, self.raci) = (id, name, expectedDays, exitCriterion, raci)
    }

    public func validated(field: String, knownPositions: Set<UUID>? = nil) throws -> ProcessStep {
        var copy = self
        copy.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(copy.name.count) else { throw DomainError(.invalid, "a step's name is 1 to 120 characters", field: "\(field).name") }
        guard (1...730).contains(expectedDays) else {
            throw DomainError(.invalid, "a step is expected to take 1 to 730 days", field: "\(field).expected_days")
        }
        copy.exitCriterion = exitCriterion.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...1000).contains(copy.exitCriterion.count) else {
            throw DomainError(.invalid, "say what ends the step in 1 to 1000 characters", field: "\(field).exit_criterion")
        }
        copy.raci = try raci.validated(field: "\(field).raci", knownPositions: knownPositions)
        return copy
    }
}
