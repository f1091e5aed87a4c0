public import Foundation

/// Which of a customer's contacts a check-up or NPS survey goes to. `decisionMakerFirst`: one contact per customer —
/// the decision maker if one can be mailed, else the earliest-added other contact that can — so a customer counts
/// once in the response rate and is not asked twice a month; `allContacts`: every contact that can be mailed.
public enum SurveyRecipients: String, Sendable, Codable, CaseIterable {
    case decisionMakerFirst = "decision_maker_first"
    case allContacts = "all_contacts"
}

/// A team's monthly check-up (issue 15: off until the team turns it on): which questionnaire, for which of the
/// team's customers (all, or one segment), on which day of the month, to whom.
public struct CheckUpPlan: Sendable, Equatable, Codable {
    public var teamID: UUID
    public var enabled: Bool
    public var templateID: UUID?
    public var segment: String?
    /// 1–28, so every month has the day; a day that is not a business day moves to the next business day of the month.
    public var dayOfMonth: Int
    public var recipients: SurveyRecipients
    public var updatedAt: Date?
    /// 0 for a plan never saved (the defaults).
    public var version: Int

    public init(
        teamID: UUID, enabled: Bool = false, templateID: UUID? = nil, segment: String? = nil, dayOfMonth: Int = 1,
        recipients: SurveyRecipients = .decisionMakerFirst, updatedAt: Date? = nil, version: Int = 0
    ) {
        (self.teamID, self.enabled, self.templateID, self.segment, self.dayOfMonth) = (teamID, enabled, templateID, segment, dayOfMonth)
        (self.recipients, self.updatedAt, self.version) = (recipients, updatedAt, version)
    }

    public func validated() throws -> CheckUpPlan {
        var copy = self
        copy.segment = segment?.trimmingCharacters(in: .whitespacesAndNewlines)
        if copy.segment?.isEmpty == true { copy.segment = nil }
        // Code points, as the customer's own segment column counts them.
        guard (copy.segment?.unicodeScalars.count ?? 0) <= 100 else { throw DomainError(.invalid, "a segment is at most 100 characters", field: "segment") }
        guard (1...28).contains(dayOfMonth) else { throw DomainError(.invalid, "the day of the month is 1 to 28", field: "day_of_month") }
        guard !enabled || templateID != nil else {
            throw DomainError(.missing, "choose the questionnaire before turning the check-up on", field: "template_id")
        }
        return copy
    }

    /// The day of `month` the plan sends: its day of the month, moved to the next business day — or, when that
    /// would leave the month (a day before a long closure at the month's end), the previous one.
    public func sendingDay(in month: YearMonth, calendar: BusinessCalendar) -> LocalDate {
        let nominal = LocalDate(checkedYear: month.year, month: month.month, day: dayOfMonth)
        let next = calendar.shift(nominal, to: .next)
        return YearMonth(next) == month ? next : calendar.shift(nominal, to: .previous)
    }

    /// Whether the daily run on `today` sends this plan's check-ups: on a business day on or after this month's
    /// sending day, so a day the worker missed is caught up (each customer is still sent to once a month).
    public func isDue(today: LocalDate, calendar: BusinessCalendar) -> Bool {
        guard enabled, calendar.isBusinessDay(today) else { return false }
        return today >= sendingDay(in: YearMonth(today), calendar: calendar)
    }
}
