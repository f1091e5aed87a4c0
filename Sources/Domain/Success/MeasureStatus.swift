public import Foundation

/// Where one customer stands on one measure: met, not met, or not known yet — with the evidence a person can
/// check ("closing took 3 days in March, 7 before", `seats = 52 (>= 50)`) and the day it was judged.
public struct MeasureStatus: Sendable, Equatable, Codable {
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case met
        case notMet = "not_met"
        /// Nobody has judged it, or its metric has no figure yet: not the same as "not met", and a report says so.
        case unknown
    }

    public var measureID: UUID
    public var state: State
    public var evidence: String?
    public var assessedOn: LocalDate
    /// Who judged it; `nil` when ``SuccessMeasureEvaluation`` did from figures.
    public var assessedBy: UUID?

    public init(measureID: UUID, state: State, evidence: String?, assessedOn: LocalDate, assessedBy: UUID?) {
        (self.measureID, self.state, self.evidence, self.assessedOn, self.assessedBy) = (measureID, state, evidence, assessedOn, assessedBy)
    }

    /// A person's judgement as typed: `met` needs evidence — a success nobody can point at is not one.
    public func validated() throws -> MeasureStatus {
        var copy = self
        copy.evidence = evidence?.trimmingCharacters(in: .whitespacesAndNewlines)
        if copy.evidence?.isEmpty == true { copy.evidence = nil }
        guard (copy.evidence?.count ?? 0) <= 2000 else { throw DomainError(.invalid, "evidence is at most 2000 characters", field: "evidence") }
        if state == .met, copy.evidence == nil {
            throw DomainError(.missing, "say what shows the measure is met", field: "evidence")
        }
        return copy
    }
}
