/// The months of a success program, counted from its start date rather than the calendar (issue 15).
///
/// Month *k* (1-based) starts on the start date's day of the month in the *k−1*-th month after the start,
/// clamped to that month's last day, and ends the day before month *k+1* starts. So a program starting on the
/// 20th has months 20th–19th, and one starting on the 31st has months that end the day before the (clamped)
/// start day of the next month:
///
/// | start      | month 1               | month 2               | month 3               |
/// |------------|-----------------------|-----------------------|-----------------------|
/// | 2027-01-20 | 01-20 … 02-19         | 02-20 … 03-19         | 03-20 … 04-19         |
/// | 2027-01-31 | 01-31 … 02-27         | 02-28 … 03-30         | 03-31 … 04-29         |
/// | 2028-01-31 | 01-31 … 02-28         | 02-29 … 03-30         | 03-31 … 04-29         |
/// | 2028-02-29 | 02-29 … 03-28         | 03-29 … 04-28         | 04-29 … 05-28         |
/// | 2027-01-29 | 01-29 … 02-27         | 02-28 … 03-28         | 03-29 … 04-28         |
///
/// The clamp applies to each month on its own, never carried forward: after a short February the start day
/// comes back (02-28 → 03-31 for a start on the 31st), so months never drift earlier over a long program.
/// (``LocalDate/adding(months:)`` is not used: it keeps a month's last day the last day, which would move a
/// start on 2027-02-28 to 03-31.)
public struct ProgramCalendar: Sendable, Equatable {
    public let start: LocalDate
    public let months: Int

    public init(start: LocalDate, months: Int) {
        precondition(months >= 1, "a program has at least one month")
        (self.start, self.months) = (start, months)
    }

    /// The first day of program month `k`; defined for any `k` (≥ 1), also past the program's end.
    public func firstDay(ofMonth k: Int) -> LocalDate {
        let month = YearMonth(start).adding(months: k - 1)
        return LocalDate(checkedYear: month.year, month: month.month, day: min(start.day, month.dayCount))
    }

    /// The days of program month `k`.
    public func days(ofMonth k: Int) -> ClosedRange<LocalDate> { firstDay(ofMonth: k)...firstDay(ofMonth: k + 1).adding(days: -1) }

    /// The program's last day.
    public var end: LocalDate { days(ofMonth: months).upperBound }

    /// The program month `date` falls in, 1…`months`; `nil` before the start or after the end.
    public func programMonth(of date: LocalDate) -> Int? {
        guard date >= start else { return nil }
        var k = YearMonth(start).months(to: YearMonth(date)) + 1
        // In its calendar month the date is either on/after that month's start day (month k) or before it (k − 1).
        if date < firstDay(ofMonth: k) { k -= 1 }
        return k <= months ? k : nil
    }
}
