import Domain
import Foundation
import Store
import UseCases

/// A health model version as the API shows it: signals by key with their normalisation and no-data score, the
/// grade thresholds, who made it and why.
struct HealthModelDTO: Codable, Sendable {
    var version: Int
    var signals: [HealthModelSpec.Signal]
    var thresholds: HealthModelSpec.Thresholds
    var note: String?
    var createdBy: UUID?
    var createdAt: Date

    init(_ v: HealthModelRepository.Version) {
        let spec = HealthModelSpec(v.model)
        (version, signals, thresholds) = (v.model.version, spec.signals, spec.thresholds)
        (note, createdBy, createdAt) = (v.note, v.createdBy, v.createdAt)
    }

    static let schema = Schema.of(HealthModelDTO.self)
}

/// One signal's part in a score: "why C?".
struct HealthSignalDTO: Codable, Sendable {
    var kind: String
    /// The input value; absent when there was no data (`no_data` true) and the declared no-data score counted.
    var raw: Double?
    var noData: Bool
    /// 0–100.
    var normalised: Double
    /// As declared in the model.
    var weight: Double
    /// weight / Σ weights.
    var share: Double
    /// Points of the 0–100 total.
    var contribution: Double

    init(_ c: HealthContribution) {
        (kind, raw, noData, normalised) = (c.kind.description, c.raw, c.hadNoData, c.normalised)
        (weight, share, contribution) = (c.weight, c.share, c.contribution)
    }
}

/// One signal's move since the previous month's score.
struct HealthSignalChangeDTO: Codable, Sendable {
    var kind: String
    var previousRaw: Double?
    var currentRaw: Double?
    var previousContribution: Double?
    var currentContribution: Double?
    /// Points gained (positive) or lost (negative).
    var delta: Double

    init(_ s: HealthChange.SignalChange) {
        (kind, previousRaw, currentRaw) = (s.kind.description, s.previous?.raw, s.current?.raw)
        (previousContribution, currentContribution, delta) = (s.previous?.contribution, s.current?.contribution, s.delta)
    }
}

/// What changed since the latest score of an earlier month.
struct HealthChangeDTO: Codable, Sendable {
    var sinceMonth: String
    var sinceScoredAt: Date
    var previousGrade: HealthGrade
    var currentGrade: HealthGrade
    var previousTotal: Double
    var currentTotal: Double
    var totalDelta: Double
    var gradeDropped: Bool
    /// False when the model changed in between: part of the move is the model's.
    var sameModelVersion: Bool
    /// Largest move first.
    var signals: [HealthSignalChangeDTO]
}

/// `GET /v1/customers/{id}/health`.
struct HealthExplanationDTO: Codable, Sendable {
    var customerId: UUID
    /// False until the customer's first score: the rest is then absent.
    var scored: Bool
    var grade: HealthGrade?
    var total: Double?
    var modelVersion: Int?
    /// The month the score stands for (YYYY-MM).
    var month: String?
    var scoredAt: Date?
    var source: HealthScoreRepository.Source?
    var thresholds: HealthModelSpec.Thresholds?
    var signals: [HealthSignalDTO]
    var change: HealthChangeDTO?

    init(_ e: HealthScores.Explanation) {
        customerId = e.customer.id
        scored = e.latest != nil
        grade = e.latest?.score.grade
        total = e.latest?.score.total
        modelVersion = e.latest?.score.modelVersion
        month = e.latest.map { YearMonth($0.month).description }
        scoredAt = e.latest?.scoredAt
        source = e.latest?.source
        thresholds = e.thresholds.map { HealthModelSpec.Thresholds(a: $0.a, b: $0.b, c: $0.c) }
        signals = e.latest?.score.contributions.map(HealthSignalDTO.init) ?? []
        if let c = e.change, let previous = e.previous {
            change = HealthChangeDTO(
                sinceMonth: YearMonth(previous.month).description, sinceScoredAt: previous.scoredAt, previousGrade: c.previousGrade,
                currentGrade: c.currentGrade, previousTotal: c.previousTotal, currentTotal: c.currentTotal, totalDelta: c.totalDelta,
                gradeDropped: c.gradeDropped, sameModelVersion: c.sameModelVersion, signals: c.signals.map(HealthSignalChangeDTO.init))
        }
    }

    static let schema = Schema.of(HealthExplanationDTO.self)
}


struct HealthHistoryDTO: Codable, Sendable {
    struct Entry: Codable, Sendable {
        var month: String
        var grade: HealthGrade
        var total: Double
        var modelVersion: Int
        var scoredAt: Date
        var source: HealthScoreRepository.Source
    }
    var customerId: UUID
    var months: Int
    var items: [Entry]

    static let schema = Schema.of(HealthHistoryDTO.self)
}

struct HealthReportDTO: Codable, Sendable {
    struct Row: Codable, Sendable {
        /// `org`, or the company, team or CSM id (`none` for customers without one).
        var group: String
        var month: String
        var a: Int
        var b: Int
        var c: Int
        var d: Int
        var total: Int
        /// A and B among the scored customers (0–1); absent when none was scored.
        var abShare: Double?
    }
    var from: String
    var to: String
    var groupBy: String
    var items: [Row]

    static let schema = Schema.of(HealthReportDTO.self, refining: ["group_by": Schema.enumeration(HealthScoreRepository.Grouping.self)])
}

struct BackTestDTO: Codable, Sendable {
    struct Outcomes: Codable, Sendable {
        var churned: Int
        var contracted: Int
        var renewed: Int
        var expanded: Int
    }
    struct Shares: Codable, Sendable {
        var churned: Double
        var contracted: Double
        var renewed: Double
        var expanded: Double
    }
    struct Grade: Codable, Sendable {
        var grade: HealthGrade
        var renewals: Int
        var outcomes: Outcomes
        /// Absent when the sample is too small or the grade had no renewal.
        var shares: Shares?
    }
    struct Horizon: Codable, Sendable {
        var months: Int
        /// Renewals with a grade of this version at the horizon.
        var renewals: Int
        /// Renewals without one (no score of this version that early).
        var ungraded: Int
        var tooSmall: Bool
        /// ROC AUC of the grade for churn-or-contraction; absent when too small or with one outcome class only.
        var auc: Double?
        var grades: [Grade]
    }
    var modelVersion: Int
    var renewals: Int
    var minimumRenewals: Int
    var horizons: [Horizon]

    init(_ answer: BackTests.Answer) {
        modelVersion = answer.modelVersion
        renewals = answer.renewals
        minimumRenewals = BackTestResult.minimumRenewals
        horizons = answer.horizons.map { h in
            Horizon(
                months: h.months, renewals: h.result.renewals, ungraded: h.ungraded, tooSmall: h.result.tooSmall, auc: h.result.auc,
                grades: HealthGrade.allCases.map { grade in
                    let counts = h.result.counts[grade] ?? [:]
                    let shares = h.result.shares?[grade]
                    return Grade(
                        grade: grade, renewals: counts.values.reduce(0, +),
                        outcomes: Outcomes(
                            churned: counts[.churned] ?? 0, contracted: counts[.contracted] ?? 0, renewed: counts[.renewed] ?? 0,
                            expanded: counts[.expanded] ?? 0),
                        shares: shares.map {
                            Shares(churned: $0[.churned] ?? 0, contracted: $0[.contracted] ?? 0, renewed: $0[.renewed] ?? 0, expanded: $0[.expanded] ?? 0)
                        })
                })
        }
    }

    static let schema = Schema.of(BackTestDTO.self)
}

struct RescoreDTO: Codable, Sendable {
    var jobId: UUID
    var kind: String
    static let schema = Schema.of(RescoreDTO.self)
}
