/// What a health signal measures (issue 13, DESIGN §2). `usage` carries the imported metric's name, so a model
/// can weigh several usage figures separately.
public enum HealthSignalKind: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The customer's NPS (−100…100) or latest answer, as the model's bounds declare.
    case nps
    /// Open tickets of priority urgent or high.
    case openHighPriorityTickets
    /// Days since the last timeline entry with the customer.
    case daysSinceLastTouch
    /// An imported usage metric, by name (`active_users`, `logins_30d`).
    case usage(metric: String)
    /// Check-up (定期検診) answers, as a score (success issue).
    case checkUpAnswers
    /// Goal-sheet progress (success issue).
    case goalSheetProgress
    /// Check-ups that closed unanswered since the customer last answered one, over the last six months (seed 002:
    /// silence is a signal of its own, not merely the absence of a score). No check-up sent: no data.
    case checkUpsUnanswered

    /// A stable key for storage and for the `field` of validation errors.
    public var description: String {
        switch self {
        case .nps: "nps"
        case .openHighPriorityTickets: "open_high_priority_tickets"
        case .daysSinceLastTouch: "days_since_last_touch"
        case .usage(let metric): "usage:\(metric)"
        case .checkUpAnswers: "check_up_answers"
        case .goalSheetProgress: "goal_sheet_progress"
        case .checkUpsUnanswered: "check_ups_unanswered"
        }
    }
}

/// How a signal's raw value becomes 0–100. Declared in the model, not coded per signal, so an admin can read and
/// change exactly how "12 days since last touch" turns into a score.
public enum HealthNormalisation: Hashable, Sendable, Codable {
    /// A straight line: `worst` and anything beyond it scores 0, `best` and beyond scores 100. The direction is
    /// in the bounds: `worst: 0, best: 50` rewards more (usage); `worst: 60, best: 7` rewards less (days since
    /// last touch).
    case linear(worst: Double, best: Double)
    /// Steps: a value below the first step's `from` scores `below`; otherwise it scores the last step whose
    /// `from` it reaches. For open critical tickets: `below: 100, [from 1 → 60, from 3 → 20, from 5 → 0]`.
    case steps(below: Double, [HealthStep])

    /// The 0–100 score of `value`.
    public func normalise(_ value: Double) -> Double {
        switch self {
        case .linear(let worst, let best):
            let fraction = (value - worst) / (best - worst)
            return Swift.min(100, Swift.max(0, fraction * 100))
        case .steps(let below, let steps):
            return steps.last(where: { value >= $0.from })?.score ?? below
        }
    }

    /// `DomainError(.invalid, field: "\(field).normalisation")` for bounds that are equal or not finite, scores
    /// outside 0–100, or steps not strictly ascending.
    func validate(field: String) throws {
        let field = "\(field).normalisation"
        switch self {
        case .linear(let worst, let best):
            guard worst.isFinite, best.isFinite, worst != best else {
                throw DomainError(.invalid, "a linear normalisation needs two different, finite bounds", field: field)
            }
        case .steps(let below, let steps):
            guard !steps.isEmpty else { throw DomainError(.invalid, "a step normalisation needs at least one step", field: field) }
            guard HealthSignal.isScore(below), steps.allSatisfy({ HealthSignal.isScore($0.score) }) else {
                throw DomainError(.invalid, "every step scores within 0–100", field: field)
            }
            guard steps.allSatisfy({ $0.from.isFinite }), zip(steps, steps.dropFirst()).allSatisfy({ $0.from < $1.from }) else {
                throw DomainError(.invalid, "steps must start at strictly ascending, finite values", field: field)
            }
        }
    }
}

/// One step of a step normalisation: values from `from` up score `score`.
public struct HealthStep: Hashable, Sendable, Codable {
    public var from: Double
    public var score: Double

    public init(from: Double, score: Double) {
        self.from = from
        self.score = score
    }
}

/// One weighted signal of a health model.
public struct HealthSignal: Hashable, Sendable, Codable {
    public var kind: HealthSignalKind
    /// Relative weight, ≥ 0. Weights are normalised by their sum (see `HealthModel`), so 3/2/1 means half, a
    /// third and a sixth.
    public var weight: Double
    public var normalisation: HealthNormalisation
    /// The 0–100 score used when the customer has no value for this signal (no NPS answer, no usage import).
    /// Declared per signal so a customer who does not answer is neither silently average nor silently ignored:
    /// an org that reads silence as risk declares 30, one that does not declares 60 — and the score says which.
    public var noDataScore: Double

    public init(kind: HealthSignalKind, weight: Double, normalisation: HealthNormalisation, noDataScore: Double) {
        self.kind = kind
        self.weight = weight
        self.normalisation = normalisation
        self.noDataScore = noDataScore
    }

    static func isScore(_ value: Double) -> Bool { value.isFinite && (0...100).contains(value) }
}
