public import Foundation

/// One customer's standing against the success definitions that apply to it: the latest status of each measure.
///
/// A tier is **reached when every required measure of its definition is met** (optional measures are shown but
/// never block, and never suffice: ``SuccessDefinition/validated()`` refuses a definition without a required
/// measure). A measure with no status counts as `unknown`, so not met. Reaching is judged on the current states:
/// a customer whose seats fall back below the threshold no longer stands at deep success, while the day it first
/// got there stays in its timeline (the use case writes that entry when ``reached(_:)`` turns true).
public struct SuccessStatus: Sendable, Equatable {
    public var customerID: UUID
    public var measures: [UUID: MeasureStatus]

    public init(customerID: UUID, measures: [MeasureStatus]) {
        self.customerID = customerID
        // Given rows in any order, the latest judgement of each measure wins.
        var latest: [UUID: MeasureStatus] = [:]
        for status in measures where latest[status.measureID].map({ $0.assessedOn <= status.assessedOn }) ?? true {
            latest[status.measureID] = status
        }
        self.measures = latest
    }

    public func state(of measure: SuccessMeasure) -> MeasureStatus.State { measures[measure.id]?.state ?? .unknown }

    /// Whether every required measure of `definition` is met.
    public func reached(_ definition: SuccessDefinition) -> Bool {
        let required = definition.requiredMeasures
        return !required.isEmpty && required.allSatisfy { state(of: $0) == .met }
    }

    /// The day the tier was reached as things stand: when the last of its required measures was judged met.
    public func reachedOn(_ definition: SuccessDefinition) -> LocalDate? {
        guard reached(definition) else { return nil }
        return definition.requiredMeasures.compactMap { measures[$0.id]?.assessedOn }.max()
    }

    /// Whether the customer of `companyID` stands at `tier` under the definition that applies to it; `false` when
    /// no definition of that tier exists.
    public func reached(_ tier: SuccessTier, companyID: UUID, definitions: [SuccessDefinition]) -> Bool {
        SuccessDefinition.applicable(tier: tier, companyID: companyID, among: definitions).map(reached) ?? false
    }

    /// Met, not met and unknown measures of `definition` (required and optional alike), for the status page.
    public func counts(_ definition: SuccessDefinition) -> [MeasureStatus.State: Int] {
        var counts: [MeasureStatus.State: Int] = [.met: 0, .notMet: 0, .unknown: 0]
        for measure in definition.measures { counts[state(of: measure), default: 0] += 1 }
        return counts
    }
}
