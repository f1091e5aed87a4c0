public import Foundation

/// One named, checkable criterion of a success definition ("budget collection closes 3 days earlier",
/// `seats >= 50`). A person judges a `manual` one and writes down the evidence; a `metric` one is judged by
/// ``SuccessMeasureEvaluation`` from the customer's latest figures.
public struct SuccessMeasure: Sendable, Equatable, Codable {
    public enum Criterion: Sendable, Equatable, Codable {
        case manual
        /// `metric` is a usage metric's name as imports store it (`seats`, `feature_count`, `active_users`).
        case metric(name: String, comparison: MetricComparison, threshold: Double)

        private enum Key: String, CodingKey { case kind, metric, comparison, threshold }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            switch try c.decode(String.self, forKey: .kind) {
            case "manual": self = .manual
            case "metric":
                self = .metric(name: try c.decode(String.self, forKey: .metric),
                               comparison: try c.decode(MetricComparison.self, forKey: .comparison),
                               threshold: try c.decode(Double.self, forKey: .threshold))
            default:
                throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "kind is manual or metric")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            switch self {
            case .manual: try c.encode("manual", forKey: .kind)
            case .metric(let name, let comparison, let threshold):
                try c.encode("metric", forKey: .kind)
                try c.encode(name, forKey: .metric)
                try c.encode(comparison, forKey: .comparison)
                try c.encode(threshold, forKey: .threshold)
            }
        }
    }

    public var id: UUID
    public var name: String
    public var criterion: Criterion
    /// Whether reaching the tier needs this measure met. Optional measures are still tracked and shown — a team
    /// may watch a signal before it trusts it enough to make it a condition.
    public var required: Bool

    public init(id: UUID, name: String, criterion: Criterion, required: Bool = true) {
        (self.id, self.name, self.criterion, self.required) = (id, name, criterion, required)
    }

    /// Checks the measure as typed; `field` is where it sits in the request (`measures[2]`).
    public func validated(field: String) throws -> SuccessMeasure {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else {
            throw DomainError(.invalid, "a measure's name is 1 to 200 characters", field: "\(field).name")
        }
        if case .metric(let metric, _, let threshold) = criterion {
            guard HealthSignalKind.isMetricName(metric) else {
                throw DomainError(.invalid, "a metric's name is lower-case letters, digits and _ (at most 40), starting with a letter",
                                  field: "\(field).metric")
            }
            guard threshold.isFinite else { throw DomainError(.invalid, "a threshold is a finite number", field: "\(field).threshold") }
        }
        var copy = self
        copy.name = trimmed
        return copy
    }
}
