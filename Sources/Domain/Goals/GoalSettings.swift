/// An org's rules for goals and check-ins (DESIGN §2 defaults; each org may change them).
public struct GoalSettings: Sendable, Equatable, Codable {
    /// Whether a failing SMART check only warns or refuses the write.
    public enum SmartMode: String, Sendable, Codable, CaseIterable {
        case warn, block
    }

    public var smartMode: SmartMode
    /// A target more than this multiple of the baseline (or of the best past actual) fails "achievable".
    public var achievableMultiple: Double
    /// Business day of the month after a monthly or quarterly period on which its check-in opens (1 = first).
    public var checkInOpenBusinessDay: Int
    /// Business day of that month by which the check-in is due.
    public var checkInDueBusinessDay: Int
    /// Business day of that month by which the reviewer should have reviewed it.
    public var reviewBusinessDay: Int
    /// For weekly and fortnightly cadences: business days after the period's end until due, and until review.
    public var shortCadenceDueBusinessDays: Int
    public var shortCadenceReviewBusinessDays: Int
    /// Local time of day at which a check-in opens, in minutes after midnight (default 09:00).
    public var openMinuteOfDay: Int

    public init(
        smartMode: SmartMode = .warn, achievableMultiple: Double = 2, checkInOpenBusinessDay: Int = 1,
        checkInDueBusinessDay: Int = 5, reviewBusinessDay: Int = 10, shortCadenceDueBusinessDays: Int = 2,
        shortCadenceReviewBusinessDays: Int = 4, openMinuteOfDay: Int = 9 * 60
    ) {
        self.smartMode = smartMode
        self.achievableMultiple = achievableMultiple
        self.checkInOpenBusinessDay = checkInOpenBusinessDay
        self.checkInDueBusinessDay = checkInDueBusinessDay
        self.reviewBusinessDay = reviewBusinessDay
        self.shortCadenceDueBusinessDays = shortCadenceDueBusinessDays
        self.shortCadenceReviewBusinessDays = shortCadenceReviewBusinessDays
        self.openMinuteOfDay = openMinuteOfDay
    }

    public static let `default` = GoalSettings()

    /// Refuses settings that cannot describe a schedule: days out of order, or a multiple that admits nothing.
    public func validated() throws -> GoalSettings {
        guard achievableMultiple > 1, achievableMultiple <= 100 else {
            throw DomainError(.invalid, "the achievable multiple must be above 1 and at most 100", field: "achievable_multiple")
        }
        guard (1...23).contains(checkInOpenBusinessDay) else {
            throw DomainError(.invalid, "the opening business day must be between 1 and 23", field: "check_in_open_business_day")
        }
        guard checkInDueBusinessDay >= checkInOpenBusinessDay, checkInDueBusinessDay <= 23 else {
            throw DomainError(
                .invalid, "the due business day must be on or after the opening day and at most 23",
                field: "check_in_due_business_day")
        }
        guard reviewBusinessDay >= checkInDueBusinessDay, reviewBusinessDay <= 23 else {
            throw DomainError(
                .invalid, "the review business day must be on or after the due day and at most 23",
                field: "review_business_day")
        }
        guard (1...10).contains(shortCadenceDueBusinessDays) else {
            throw DomainError(.invalid, "must be between 1 and 10", field: "short_cadence_due_business_days")
        }
        guard shortCadenceReviewBusinessDays >= shortCadenceDueBusinessDays, shortCadenceReviewBusinessDays <= 15 else {
            throw DomainError(
                .invalid, "must be on or after the due day and at most 15", field: "short_cadence_review_business_days")
        }
        guard (0..<(24 * 60)).contains(openMinuteOfDay) else {
            throw DomainError(.invalid, "a time of day is 00:00–23:59", field: "open_time")
        }
        return self
    }
}
