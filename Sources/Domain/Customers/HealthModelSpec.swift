/// A health model as people write it and as it is stored: signal kinds as their keys (`usage:active_users`), each
/// normalisation as `{linear: {worst, best}}` or `{steps: {below, steps: [{from, score}]}}`. ``model(version:)``
/// turns it into a validated ``HealthModel``; ``init(_:)`` writes one back.
public struct HealthModelSpec: Hashable, Sendable, Codable {
    public struct Linear: Hashable, Sendable, Codable {
        public var worst: Double
        public var best: Double
        public init(worst: Double, best: Double) { (self.worst, self.best) = (worst, best) }
    }

    public struct Steps: Hashable, Sendable, Codable {
        public var below: Double
        public var steps: [HealthStep]
        public init(below: Double, steps: [HealthStep]) { (self.below, self.steps) = (below, steps) }
    }

    /// Exactly one of the two.
    public struct Normalisation: Hashable, Sendable, Codable {
        public var linear: Linear?
        public var steps: Steps?
        public init(linear: Linear? = nil, steps: Steps? = nil) { (self.linear, self.steps) = (linear, steps) }
    }

    public struct Signal: Hashable, Sendable, Codable {
        public var kind: String
        public var weight: Double
        public var normalisation: Normalisation
        public var noDataScore: Double
        public init(kind: String, weight: Double, normalisation: Normalisation, noDataScore: Double) {
            (self.kind, self.weight, self.normalisation, self.noDataScore) = (kind, weight, normalisation, noDataScore)
        }
    }

    public struct Thresholds: Hashable, Sendable, Codable {
        public var a: Double
        public var b: Double
        public var c: Double
        public init(a: Double, b: Double, c: Double) { (self.a, self.b, self.c) = (a, b, c) }
    }

    public var signals: [Signal]
    public var thresholds: Thresholds

    public init(signals: [Signal], thresholds: Thresholds) {
        self.signals = signals
        self.thresholds = thresholds
    }

    /// The spec of `model`.
    public init(_ model: HealthModel) {
        signals = model.signals.map { signal in
            let normalisation: Normalisation
            switch signal.normalisation {
            case .linear(let worst, let best): normalisation = Normalisation(linear: Linear(worst: worst, best: best))
            case .steps(let below, let steps): normalisation = Normalisation(steps: Steps(below: below, steps: steps))
            }
            return Signal(kind: signal.kind.description, weight: signal.weight, normalisation: normalisation, noDataScore: signal.noDataScore)
        }
        thresholds = Thresholds(a: model.thresholds.a, b: model.thresholds.b, c: model.thresholds.c)
    }

    /// The validated model, or `DomainError(.invalid)` naming the first offending input in the API's spelling
    /// (`signals[1].kind`, `signals[0].no_data_score`, `thresholds.b`).
    public func model(version: Int) throws -> HealthModel {
        var built: [HealthSignal] = []
        for (i, signal) in signals.enumerated() {
            guard let kind = HealthSignalKind(key: signal.kind) else {
                throw DomainError(
                    .invalid, "a signal kind is nps, open_high_priority_tickets, days_since_last_touch, check_up_answers, check_ups_unanswered, goal_sheet_progress or usage:<metric>",
                    field: "signals[\(i)].kind")
            }
            let normalisation: HealthNormalisation
            switch (signal.normalisation.linear, signal.normalisation.steps) {
            case (let linear?, nil): normalisation = .linear(worst: linear.worst, best: linear.best)
            case (nil, let steps?): normalisation = .steps(below: steps.below, steps.steps)
            default:
                throw DomainError(.invalid, "a normalisation is either linear or steps", field: "signals[\(i)].normalisation")
            }
            built.append(HealthSignal(kind: kind, weight: signal.weight, normalisation: normalisation, noDataScore: signal.noDataScore))
        }
        do {
            let thresholds = try GradeThresholds(a: thresholds.a, b: thresholds.b, c: thresholds.c)
            return try HealthModel(version: version, signals: built, thresholds: thresholds)
        } catch var error as DomainError {
            error.field = error.field.map { $0.replacing("noDataScore", with: "no_data_score") }
            throw error
        }
    }
}
