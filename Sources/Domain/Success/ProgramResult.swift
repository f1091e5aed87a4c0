import Foundation

/// How a program ended: whether the goal sheet's goal was reached, and what shows it. It moves the customer's
/// lifecycle phase and the success-definition measures it bears on (the use case does both).
public struct ProgramResult: Sendable, Equatable, Codable {
    public var goalReached: Bool
    public var evidence: String
    public var decidedOn: LocalDate

    public init(goalReached: Bool, evidence: String, decidedOn: LocalDate) {
        (self.goalReached, self.evidence, self.decidedOn) = (goalReached, evidence, decidedOn)
    }

    public func validated() throws -> ProgramResult {
        var copy = self
        copy.evidence = evidence.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(copy.evidence.count) else {
            throw DomainError(.invalid, "say what shows the result in 1 to 2000 characters", field: "result.evidence")
        }
        return copy
    }
}
