/// One signal's part in a score: everything "why C?" needs — the raw value (or that there was none), what it
/// normalised to, the declared weight, its share after normalising the weights, and the points it added.
public struct HealthContribution: Hashable, Sendable, Codable {
    public let kind: HealthSignalKind
    /// The input value; `nil` when there was no data and the declared no-data score was used.
    public let raw: Double?
    /// 0–100.
    public let normalised: Double
    /// The weight as declared in the model.
    public let weight: Double
    /// `weight / Σ weights`, 0–1.
    public let share: Double
    /// `normalised × share`: points of the 0–100 total.
    public let contribution: Double

    public var hadNoData: Bool { raw == nil }
}

/// A customer's health at one moment under one model version: the total, its grade and every contribution (they
/// sum to the total). Stored as computed, so a later model version never rewrites an old explanation.
public struct HealthScore: Hashable, Sendable, Codable {
    public let modelVersion: Int
    /// 0–100.
    public let total: Double
    public let grade: HealthGrade
    /// In the model's signal order.
    public let contributions: [HealthContribution]

    public init(modelVersion: Int, total: Double, grade: HealthGrade, contributions: [HealthContribution]) {
        self.modelVersion = modelVersion
        self.total = total
        self.grade = grade
        self.contributions = contributions
    }

    /// What changed from `previous` (e.g. last month's score) to `current`.
    public static func compare(_ previous: HealthScore, _ current: HealthScore) -> HealthChange {
        var kinds = current.contributions.map(\.kind)
        for c in previous.contributions where !kinds.contains(c.kind) { kinds.append(c.kind) }
        let before = Dictionary(previous.contributions.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(current.contributions.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        let changes = kinds.enumerated().map { order, kind in
            (order, HealthChange.SignalChange(kind: kind, previous: before[kind], current: after[kind]))
        }
        // Largest move first (the answer to "what changed?"); model order breaks ties so the list is stable.
        .sorted { abs($0.1.delta) != abs($1.1.delta) ? abs($0.1.delta) > abs($1.1.delta) : $0.0 < $1.0 }
        .map(\.1)
        return HealthChange(
            previousTotal: previous.total, currentTotal: current.total,
            previousGrade: previous.grade, currentGrade: current.grade,
            sameModelVersion: previous.modelVersion == current.modelVersion, signals: changes)
    }
}

/// The difference between two scores of a customer: what the customer page shows as "since last month" and what
/// decides the grade-drop notification.
public struct HealthChange: Hashable, Sendable, Codable {
    public let previousTotal: Double
    public let currentTotal: Double
    public let previousGrade: HealthGrade
    public let currentGrade: HealthGrade
    /// `false` when the model changed in between: part of the change is the model's, and a page should say so.
    public let sameModelVersion: Bool
    /// Every signal of either score, largest contribution change first.
    public let signals: [SignalChange]

    public var totalDelta: Double { currentTotal - previousTotal }
    /// The grade got worse (B → C): this notifies the owning CSM and is a webhook event.
    public var gradeDropped: Bool { currentGrade < previousGrade }

    /// One signal's move. A signal only in one of the scores (the model changed) counts as contributing 0 on the
    /// other side.
    public struct SignalChange: Hashable, Sendable, Codable {
        public let kind: HealthSignalKind
        public let previous: HealthContribution?
        public let current: HealthContribution?

        /// Points of the total this signal gained (positive) or lost (negative).
        public var delta: Double { (current?.contribution ?? 0) - (previous?.contribution ?? 0) }
    }
}
