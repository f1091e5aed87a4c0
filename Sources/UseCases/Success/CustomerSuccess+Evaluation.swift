public import Domain
import Foundation
public import Store

extension CustomerSuccess {
    /// One measure of the applicable definition with where the customer stands on it.
    public struct MeasureView: Sendable {
        public var measure: SuccessMeasure
        /// `nil`: nobody judged it yet (a manual measure), which counts as unknown.
        public var status: MeasureStatus?
        public var source: MeasureStatusRepository.Source?
        /// The stored judgement's version, for `If-Match` (0: none yet); bound measures are judged live and have none.
        public var version: Int

        public var state: MeasureStatus.State { status?.state ?? .unknown }
    }

    /// A tier as it stands for one customer.
    public struct TierView: Sendable {
        public var tier: SuccessTier
        /// The definition that applies (the company's own, else the org's); `nil` when the tier is not defined.
        public var definition: SuccessDefinition?
        public var measures: [MeasureView]
        public var reached: Bool
        /// Since when it stands there: the recorded day it was reached, else the day its last required measure was met.
        public var reachedOn: LocalDate?
        public var status: SuccessStatus
    }

    /// What a customer's standing is computed from.
    struct Inputs {
        var definitions: [SuccessDefinition]
        var stored: [MeasureStatusRepository.Stored]
        var readings: [String: SuccessMeasureEvaluation.Reading]
        var openPeriods: [SuccessAttainmentRepository.Period]
    }

    /// The metrics the bound measures of `definitions` read.
    static func metrics(of definitions: [SuccessDefinition]) -> [String] {
        Array(Set(definitions.flatMap(\.measures).compactMap { measure -> String? in
            if case .metric(let name, _, _) = measure.criterion { name } else { nil }
        })).sorted()
    }

    /// Light and deep for a customer of `companyID`. Manual measures take their stored judgement (a person's or a
    /// program's); bound measures are judged from the latest figures every time, so an import shows at once — a
    /// stored `metric` row is only the record of a change, never the judgement itself.
    static func evaluate(companyID: UUID, customerID: UUID, _ inputs: Inputs, today: LocalDate) -> [TierView] {
        SuccessTier.allCases.map { tier in
            guard let definition = SuccessDefinition.applicable(tier: tier, companyID: companyID, among: inputs.definitions) else {
                return TierView(tier: tier, definition: nil, measures: [], reached: false, reachedOn: nil,
                                status: SuccessStatus(customerID: customerID, measures: []))
            }
            let views = definition.measures.map { measure -> MeasureView in
                if let evaluated = SuccessMeasureEvaluation.evaluate(measure, readings: inputs.readings, today: today) {
                    return MeasureView(measure: measure, status: evaluated, source: .metric, version: 0)
                }
                let stored = inputs.stored.first {
                    $0.definitionID == definition.id && $0.status.measureID == measure.id && $0.source != .metric
                }
                return MeasureView(measure: measure, status: stored?.status, source: stored?.source, version: stored?.version ?? 0)
            }
            let status = SuccessStatus(customerID: customerID, measures: views.compactMap(\.status))
            let reached = status.reached(definition)
            let recorded = inputs.openPeriods.first { $0.tier == tier }?.reachedOn
            return TierView(
                tier: tier, definition: definition, measures: views, reached: reached,
                reachedOn: reached ? (recorded ?? status.reachedOn(definition)) : nil, status: status)
        }
    }
}
