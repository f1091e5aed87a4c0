/// When a check-in for a period opens, is due and should be reviewed — in the org's business calendar
/// (DESIGN §2: the month just ended is checked in from the 1st business day of the next month, due the 5th,
/// reviewed by the 10th).
public struct CheckInSchedule: Sendable, Equatable, Codable {
    public var opensOn: LocalDate
    /// Local time of day (minutes after midnight) at which it opens.
    public var opensAtMinute: Int
    public var dueOn: LocalDate
    public var reviewBy: LocalDate

    public init(period: CheckInPeriod, settings: GoalSettings, calendar: BusinessCalendar) {
        let after = period.end.adding(days: 1)
        switch period.cadence {
        case .monthly, .quarterly:
            opensOn = calendar.nthBusinessDay(settings.checkInOpenBusinessDay, ofMonth: after.year, after.month)
            dueOn = calendar.nthBusinessDay(settings.checkInDueBusinessDay, ofMonth: after.year, after.month)
            reviewBy = calendar.nthBusinessDay(settings.reviewBusinessDay, ofMonth: after.year, after.month)
        case .weekly, .biweekly:
            opensOn = calendar.businessDays(from: period.end, adding: 1)
            dueOn = calendar.businessDays(from: period.end, adding: settings.shortCadenceDueBusinessDays)
            reviewBy = calendar.businessDays(from: period.end, adding: settings.shortCadenceReviewBusinessDays)
        }
        opensAtMinute = settings.openMinuteOfDay
    }

    /// Whether a check-in submitted on local day `day` is late: after its due day.
    public func isLate(submittedOn day: LocalDate) -> Bool { day > dueOn }
}
