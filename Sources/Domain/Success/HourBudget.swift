/// The hours logged on a program's sessions, summed per program month (``ProgramCalendar``) against the monthly
/// budget. A session's hours count in the month of the day it was held.
public struct HourBudget: Sendable, Equatable {
    /// Hours worked on one day (a held session's duration).
    public struct Entry: Sendable, Equatable {
        public var on: LocalDate
        public var minutes: Int

        public init(on: LocalDate, minutes: Int) { (self.on, self.minutes) = (on, minutes) }
    }

    public let calendar: ProgramCalendar
    public let monthlyBudgetMinutes: Int
    private let usedByMonth: [Int: Int]
    /// Minutes logged before the start or after the last day: still worked, so still shown, but charged to no
    /// month's budget (a presentation held a week late is not month 4 of a 3-month program).
    public let outsideMinutes: Int

    public init(calendar: ProgramCalendar, monthlyBudgetMinutes: Int, entries: [Entry]) {
        self.calendar = calendar
        self.monthlyBudgetMinutes = monthlyBudgetMinutes
        var used: [Int: Int] = [:]
        var outside = 0
        for entry in entries {
            if let month = calendar.programMonth(of: entry.on) { used[month, default: 0] += entry.minutes } else { outside += entry.minutes }
        }
        (self.usedByMonth, self.outsideMinutes) = (used, outside)
    }

    /// Program month `month`'s use of the budget (`month` in 1…`calendar.months`; any other month has used nothing).
    public func status(month: Int) -> BudgetUse { BudgetUse(usedMinutes: usedByMonth[month] ?? 0, limitMinutes: monthlyBudgetMinutes) }

    /// Every program month's status, month 1 first: the bars on the enrolment's page.
    public var statuses: [BudgetUse] { (1...calendar.months).map(status(month:)) }

    /// The program months past 100 %, for the manager's flag.
    public var monthsOver: [Int] { (1...calendar.months).filter { status(month: $0).state == .over } }

    /// All minutes logged, inside the months or not.
    public var totalMinutes: Int { usedByMonth.values.reduce(0, +) + outsideMinutes }
}
