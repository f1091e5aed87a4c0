/// An organisation's health model, one version of it (issue 13): weighted signals, each normalised to 0–100 by a
/// declared function with a declared "no data" score, and grade thresholds. Changing anything makes a new
/// version; scores keep the version they were computed with, so history and back-tests stay honest.
///
/// **Weights are relative and normalised**: any non-negative numbers with a positive sum; each signal counts for
/// `weight / Σ weights`. Requiring them to sum to 1 would make every edit of one weight invalid until another is
/// changed too, and invite 0.333… rounding; the normalised share is what every score reports, so the
/// explanation never depends on how the admin typed the weights.
public struct HealthModel: Hashable, Sendable, Codable {
    /// 1, 2, …: which version of the org's model this is.
    public let version: Int
    public let signals: [HealthSignal]
    public let thresholds: GradeThresholds

    /// Validates the whole model, naming the first offending input in `DomainError(.invalid, field:)`:
    /// `version` ≥ 1; at least one signal; no kind twice (`signals[i].kind`); weights finite and ≥ 0
    /// (`signals[i].weight`) with a positive sum (`signals`); no-data scores within 0–100
    /// (`signals[i].noDataScore`); normalisations well formed (`signals[i].normalisation`).
    public init(version: Int, signals: [HealthSignal], thresholds: GradeThresholds) throws {
        guard version >= 1 else { throw DomainError(.invalid, "a model version starts at 1", field: "version") }
        guard !signals.isEmpty else { throw DomainError(.invalid, "a health model needs at least one signal", field: "signals") }
        var seen: Set<HealthSignalKind> = []
        for (i, signal) in signals.enumerated() {
            let field = "signals[\(i)]"
            guard seen.insert(signal.kind).inserted else {
                throw DomainError(.invalid, "the signal \(signal.kind) appears twice", field: "\(field).kind")
            }
            guard signal.weight.isFinite, signal.weight >= 0 else {
                throw DomainError(.invalid, "a weight is a finite number ≥ 0", field: "\(field).weight")
            }
            guard HealthSignal.isScore(signal.noDataScore) else {
                throw DomainError(.invalid, "the no-data score is within 0–100", field: "\(field).noDataScore")
            }
            try signal.normalisation.validate(field: field)
        }
        guard signals.reduce(0, { $0 + $1.weight }) > 0 else {
            throw DomainError(.invalid, "at least one signal needs a weight above 0", field: "signals")
        }
        self.version = version
        self.signals = signals
        self.thresholds = thresholds
    }

    /// Scores one customer. `inputs` holds each signal's raw value; a signal missing from it has no data and
    /// scores its declared `noDataScore` (reported as such). A raw value that is not finite is
    /// `DomainError(.invalid, field: kind)` — it would poison the total.
    public func score(_ inputs: [HealthSignalKind: Double]) throws -> HealthScore {
        let totalWeight = signals.reduce(0) { $0 + $1.weight }
        var contributions: [HealthContribution] = []
        for signal in signals {
            let raw = inputs[signal.kind]
            if let raw, !raw.isFinite {
                throw DomainError(.invalid, "the value of \(signal.kind) is not a finite number", field: signal.kind.description)
            }
            let normalised = raw.map(signal.normalisation.normalise) ?? signal.noDataScore
            let share = signal.weight / totalWeight
            contributions.append(HealthContribution(
                kind: signal.kind, raw: raw, normalised: normalised, weight: signal.weight, share: share,
                contribution: normalised * share))
        }
        let total = Swift.min(100, Swift.max(0, contributions.reduce(0) { $0 + $1.contribution }))
        return HealthScore(modelVersion: version, total: total, grade: thresholds.grade(total), contributions: contributions)
    }

    public init(from decoder: any Decoder) throws {
        enum Keys: String, CodingKey { case version, signals, thresholds }
        let container = try decoder.container(keyedBy: Keys.self)
        try self.init(
            version: container.decode(Int.self, forKey: .version),
            signals: container.decode([HealthSignal].self, forKey: .signals),
            thresholds: container.decode(GradeThresholds.self, forKey: .thresholds))
    }
}
