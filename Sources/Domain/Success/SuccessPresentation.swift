import Foundation

/// The success presentation of a program's last month (seed 002): when it is planned and held, how many of the
/// client's people were there, and what came of it.
public struct SuccessPresentation: Sendable, Equatable, Codable {
    public var scheduledOn: LocalDate?
    public var heldOn: LocalDate?
    public var audienceSize: Int?
    public var outcome: String?

    public init(scheduledOn: LocalDate? = nil, heldOn: LocalDate? = nil, audienceSize: Int? = nil, outcome: String? = nil) {
        (self.scheduledOn, self.heldOn, self.audienceSize, self.outcome) = (scheduledOn, heldOn, audienceSize, outcome)
    }

    public var isHeld: Bool { heldOn != nil }

    public func validated() throws -> SuccessPresentation {
        var copy = self
        guard scheduledOn != nil || heldOn != nil else {
            throw DomainError(.missing, "a presentation has a planned or a held date", field: "presentation.scheduled_on")
        }
        if let size = audienceSize, !(0...10_000).contains(size) {
            throw DomainError(.invalid, "the audience is 0 to 10000 people", field: "presentation.audience_size")
        }
        if audienceSize != nil, heldOn == nil {
            throw DomainError(.invalid, "an audience is counted once the presentation is held", field: "presentation.audience_size")
        }
        copy.outcome = outcome?.trimmingCharacters(in: .whitespacesAndNewlines)
        if copy.outcome?.isEmpty == true { copy.outcome = nil }
        guard (copy.outcome?.count ?? 0) <= 2000 else {
            throw DomainError(.invalid, "the outcome is at most 2000 characters", field: "presentation.outcome")
        }
        return copy
    }
}
