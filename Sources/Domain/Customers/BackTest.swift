/// How a renewal turned out (issue 13): derived from the contracts around the renewal date, or recorded on it.
public enum RenewalOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    case churned, contracted, renewed, expanded

    /// Churn or contraction: what a health score is supposed to warn about.
    public var isLoss: Bool { self == .churned || self == .contracted }
}

/// How far before a renewal the grade was taken.
public enum BackTestHorizon: Int, Hashable, Sendable, Codable, CaseIterable {
    case twelveMonths = 12, sixMonths = 6, threeMonths = 3
}

/// One renewal in a back-test: the grade the model gave the customer at the horizon before it, and the outcome.
public struct BackTestObservation: Hashable, Sendable, Codable {
    public var grade: HealthGrade
    public var outcome: RenewalOutcome

    public init(grade: HealthGrade, outcome: RenewalOutcome) {
        self.grade = grade
        self.outcome = outcome
    }
}

/// The answer to "can we trust this health score?" for one model version and horizon: how renewals turned out
/// per grade, and how well the grade ranks churn-or-contraction (ROC AUC).
public struct BackTestResult: Hashable, Sendable, Codable {
    /// Fewer renewals than this and shares and AUC are withheld: with a handful of renewals one customer moves the
    /// AUC by tenths, and a confident-looking 0.83 from 7 renewals would be trusted more than it deserves.
    public static let minimumRenewals = 20

    public let renewals: Int
    /// Outcome counts per grade (every grade present, zeros included, so a table has no holes).
    public let counts: [HealthGrade: [RenewalOutcome: Int]]
    /// `true` below `minimumRenewals`: only the counts are answered.
    public let tooSmall: Bool
    /// Share of each outcome among a grade's renewals (0–1); `nil` when too small, absent for a grade with none.
    public let shares: [HealthGrade: [RenewalOutcome: Double]]?
    /// ROC AUC of the grade as a predictor of a loss (D riskiest … A safest): the probability that a random lost
    /// renewal had a worse grade than a random kept one, ties counting half (Mann–Whitney). 1 = perfect, 0.5 = no
    /// better than chance, below 0.5 = the grades point the wrong way. `nil` when too small or when every renewal
    /// had the same outcome class (no pair to compare).
    public let auc: Double?
}

/// The health back-test's arithmetic (issue 13).
public enum BackTest {
    /// Evaluates one horizon's observations.
    public static func evaluate(_ observations: [BackTestObservation]) -> BackTestResult {
        var counts: [HealthGrade: [RenewalOutcome: Int]] = [:]
        for grade in HealthGrade.allCases {
            counts[grade] = Dictionary(uniqueKeysWithValues: RenewalOutcome.allCases.map { ($0, 0) })
        }
        for observation in observations { counts[observation.grade]![observation.outcome]! += 1 }
        let tooSmall = observations.count < BackTestResult.minimumRenewals
        guard !tooSmall else {
            return BackTestResult(renewals: observations.count, counts: counts, tooSmall: true, shares: nil, auc: nil)
        }
        var shares: [HealthGrade: [RenewalOutcome: Double]] = [:]
        for (grade, byOutcome) in counts {
            let total = byOutcome.values.reduce(0, +)
            guard total > 0 else { continue }
            shares[grade] = byOutcome.mapValues { Double($0) / Double(total) }
        }
        return BackTestResult(
            renewals: observations.count, counts: counts, tooSmall: false, shares: shares, auc: auc(observations))
    }

    /// Evaluates every horizon (12, 6 and 3 months before the renewal).
    public static func evaluate(
        _ observations: [BackTestHorizon: [BackTestObservation]]
    ) -> [BackTestHorizon: BackTestResult] {
        observations.mapValues(evaluate)
    }

    /// Mann–Whitney AUC with the grade's rank as the (inverse) risk score: over every (loss, kept) pair, 1 when the
    /// loss had the worse grade, ½ for the same grade, 0 otherwise, averaged. Computed from the 4×2 table of
    /// counts, so it costs the same for ten renewals as for ten thousand. `nil` without both classes.
    static func auc(_ observations: [BackTestObservation]) -> Double? {
        var losses = [Int](repeating: 0, count: 5)
        var kept = [Int](repeating: 0, count: 5)
        for observation in observations {
            if observation.outcome.isLoss { losses[observation.grade.rank] += 1 } else { kept[observation.grade.rank] += 1 }
        }
        let lossTotal = losses.reduce(0, +), keptTotal = kept.reduce(0, +)
        guard lossTotal > 0, keptTotal > 0 else { return nil }
        var wins = 0.0
        for lossRank in 1...4 {
            for keptRank in 1...4 {
                let pairs = Double(losses[lossRank] * kept[keptRank])
                if lossRank < keptRank { wins += pairs } else if lossRank == keptRank { wins += pairs / 2 }
            }
        }
        return wins / (Double(lossTotal) * Double(keptTotal))
    }
}
