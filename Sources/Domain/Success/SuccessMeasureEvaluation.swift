/// Judges metric-bound measures from a customer's figures — the pure half of "the measures fill themselves".
/// The caller reads the latest figure of each metric (imported usage, seats, features adopted) with the day it
/// was taken; manual measures are left to people.
public enum SuccessMeasureEvaluation {
    /// A metric's latest figure and the day it describes.
    public struct Reading: Sendable, Equatable {
        public var value: Double
        public var on: LocalDate

        public init(value: Double, on: LocalDate) { (self.value, self.on) = (value, on) }
    }

    /// The status `measure` has given `readings`; `nil` for a manual measure. A metric without a figure is
    /// `unknown` (dated `today`), never `not_met`: a missing import must not look like a customer falling back.
    public static func evaluate(_ measure: SuccessMeasure, readings: [String: Reading], today: LocalDate) -> MeasureStatus? {
        guard case .metric(let name, let comparison, let threshold) = measure.criterion else { return nil }
        guard let reading = readings[name], reading.value.isFinite else {
            return MeasureStatus(measureID: measure.id, state: .unknown, evidence: "\(name): no figure", assessedOn: today, assessedBy: nil)
        }
        let met = comparison.holds(reading.value, threshold)
        let evidence = "\(name) = \(number(reading.value)) (\(comparison.rawValue) \(number(threshold))) on \(reading.on)"
        return MeasureStatus(measureID: measure.id, state: met ? .met : .notMet, evidence: evidence, assessedOn: reading.on, assessedBy: nil)
    }

    /// Every metric-bound measure of `definition`, judged.
    public static func evaluate(_ definition: SuccessDefinition, readings: [String: Reading], today: LocalDate) -> [MeasureStatus] {
        definition.measures.compactMap { evaluate($0, readings: readings, today: today) }
    }

    /// `52`, not `52.0`, for whole figures; otherwise Swift's shortest round-tripping form.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
