public import Foundation

/// One report on one goal for one period (DESIGN §2): the value reached, a confidence, a comment, blockers —
/// and the reviewer's answer.
public struct CheckIn: Sendable, Equatable, Codable {
    public enum Confidence: String, Sendable, Codable, CaseIterable {
        case onTrack = "on_track"
        case atRisk = "at_risk"
        case offTrack = "off_track"
    }

    /// `open` → `submitted` → `reviewed`; a reviewer's request for changes sends it back to `open`.
    public enum State: String, Sendable, Codable, CaseIterable {
        case open, submitted, reviewed
    }

    public enum ReviewDecision: String, Sendable, Codable, CaseIterable {
        case accept
        case requestChanges = "request_changes"
    }

    public var id: UUID
    public var goalID: UUID
    public var period: String
    public var periodStart: LocalDate
    public var periodEnd: LocalDate
    public var state: State
    public var actual: Double?
    public var confidence: Confidence?
    public var comment: String?
    public var blockers: String?
    public var opensOn: LocalDate
    public var dueOn: LocalDate
    public var reviewBy: LocalDate
    public var submittedAt: Date?
    public var late: Bool
    public var reviewerID: UUID?
    public var reviewedAt: Date?
    public var reviewDecision: ReviewDecision?
    public var reviewComment: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, goalID: UUID, period: String, periodStart: LocalDate, periodEnd: LocalDate, state: State,
        actual: Double?, confidence: Confidence?, comment: String?, blockers: String?, opensOn: LocalDate,
        dueOn: LocalDate, reviewBy: LocalDate, submittedAt: Date?, late: Bool, reviewerID: UUID?, reviewedAt: Date?,
        reviewDecision: ReviewDecision?, reviewComment: String?, createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.goalID = goalID
        self.period = period
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.state = state
        self.actual = actual
        self.confidence = confidence
        self.comment = comment
        self.blockers = blockers
        self.opensOn = opensOn
        self.dueOn = dueOn
        self.reviewBy = reviewBy
        self.submittedAt = submittedAt
        self.late = late
        self.reviewerID = reviewerID
        self.reviewedAt = reviewedAt
        self.reviewDecision = reviewDecision
        self.reviewComment = reviewComment
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// The rules of a check-in's life, kept apart from storage so they are tested on their own.
public enum CheckInRules {
    /// The owner may edit an open check-in only.
    public static func requireEditable(_ checkIn: CheckIn) throws {
        guard checkIn.state == .open else {
            throw DomainError(
                .conflict, "the check-in is \(checkIn.state.rawValue); only an open check-in can be edited",
                field: "state")
        }
    }

    /// Submitting needs a confidence, and for a measured goal the value reached.
    public static func requireSubmittable(_ checkIn: CheckIn, goal: Goal) throws {
        try requireEditable(checkIn)
        if goal.kind == .kpi, checkIn.actual == nil {
            throw DomainError(.invalid, "a KPI's check-in reports the value reached", field: "actual")
        }
        guard checkIn.confidence != nil else {
            throw DomainError(.invalid, "say how confident you are: on_track, at_risk or off_track", field: "confidence")
        }
    }

    /// Only a submitted check-in is reviewed; asking for changes needs a comment saying which.
    public static func requireReviewable(_ checkIn: CheckIn, decision: CheckIn.ReviewDecision, comment: String?) throws {
        guard checkIn.state == .submitted else {
            throw DomainError(
                .conflict, "the check-in is \(checkIn.state.rawValue); only a submitted check-in is reviewed",
                field: "state")
        }
        if decision == .requestChanges, (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DomainError(.invalid, "say what should change", field: "comment")
        }
    }

    /// The check-in's period must be one of the goal's cadence periods, and must have started.
    public static func period(
        _ text: String, of goal: Goal, today: LocalDate
    ) throws -> CheckInPeriod {
        // Around a change of cadence the text may name a period of the prior cadence (the one still finishing).
        let cadences = [goal.cadence] + (goal.cadenceSwitch.map { [$0.prior] } ?? [])
        let candidates = cadences.compactMap { cadence in
            try? CheckInPeriod.parse(text, cadence: cadence, fiscalYearStartMonth: goal.period.fiscalYearStartMonth)
        }
        guard !candidates.isEmpty else {
            _ = try CheckInPeriod.parse(text, cadence: goal.cadence, fiscalYearStartMonth: goal.period.fiscalYearStartMonth)
            throw DomainError(.invalid, "'\(text)' is not a check-in period", field: "period")
        }
        let period = candidates.first { goal.reports(on: $0) } ?? candidates[0]
        guard CheckInPeriod.periods(of: goal.period, cadence: period.cadence).contains(period), goal.reports(on: period) else {
            throw DomainError(
                .invalid, "\(period) is not a \(goal.cadence.rawValue) check-in period of the goal's \(goal.period)",
                field: "period")
        }
        guard period.start <= today else {
            throw DomainError(.invalid, "\(period) has not started yet", field: "period")
        }
        return period
    }
}
