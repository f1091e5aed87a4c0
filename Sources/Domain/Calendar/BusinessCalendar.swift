

/// An organisation's business calendar: weekends, Japanese public holidays and its own closure days
/// (e.g. 年末年始 12/29–1/3, お盆).
public struct BusinessCalendar: Sendable, Hashable {
    public enum Shift: String, Sendable, Hashable, Codable {
        /// Move to the next business day on or after the date.
        case next
        /// Move to the previous business day on or before the date.
        case previous
    }

    /// Company closure days on top of public holidays.
    public var closures: Set<LocalDate>
    /// ISO weekdays (1 = Monday … 7 = Sunday) that are not worked.
    public var weekendDays: Set<Int>
    /// Whether Japanese public holidays are days off.
    public var observesJapaneseHolidays: Bool

    public init(closures: Set<LocalDate> = [], weekendDays: Set<Int> = [6, 7], observesJapaneseHolidays: Bool = true) {
        self.closures = closures
        self.weekendDays = weekendDays
        self.observesJapaneseHolidays = observesJapaneseHolidays
    }

    /// An org's calendar: weekends, its closure days, and Japan's public holidays when the org keeps Japan's clock
    /// (`Asia/Tokyo`, or no zone, which defaults to it). An org elsewhere keeps weekends and its own closures; a
    /// holiday calendar per country is a later setting. The one place this rule is written.
    public static func forOrg(timeZone: String?, closures: Set<LocalDate>) -> BusinessCalendar {
        BusinessCalendar(closures: closures, observesJapaneseHolidays: timeZone == nil || japanZones.contains(timeZone!))
    }

    /// The IANA names of Japan's clock (`Japan` is the old alias of `Asia/Tokyo`).
    static let japanZones: Set<String> = ["Asia/Tokyo", "Japan"]

    /// Whether some weekday is worked at all (otherwise no business day exists and searches would not end).
    public var hasBusinessDays: Bool { !weekendDays.isSuperset(of: 1...7) }

    public func isBusinessDay(_ date: LocalDate) -> Bool {
        !weekendDays.contains(date.weekday) && !closures.contains(date)
            && !(observesJapaneseHolidays && JapaneseHolidays.isHoliday(date))
    }

    /// The `n`th business day of a month: `n` ≥ 1 counts from the 1st (1 = the first business day), `n` ≤ -1
    /// counts back from the end (-1 = the last business day). When the month has fewer business days the count
    /// runs on into the next (previous) month. `n` must not be 0.
    public func nthBusinessDay(_ n: Int, ofMonth year: Int, _ month: Int) -> LocalDate {
        precondition(n != 0, "the business day number must not be 0")
        precondition(hasBusinessDays, "the calendar has no business days")
        let first = LocalDate(checkedYear: year, month: month, day: 1)
        if n > 0 {
            return businessDays(from: first.adding(days: -1), adding: n)
        }
        return businessDays(from: first.lastOfMonth.adding(days: 1), adding: n)
    }

    /// The date `count` business days after `date` (before it when negative); `date` itself is not counted and
    /// need not be a business day. `count` 0 returns `date`.
    public func businessDays(from date: LocalDate, adding count: Int) -> LocalDate {
        guard count != 0 else { return date }
        precondition(hasBusinessDays, "the calendar has no business days")
        let step = count > 0 ? 1 : -1
        var remaining = abs(count)
        var day = date
        while remaining > 0 {
            day = day.adding(days: step)
            if isBusinessDay(day) { remaining -= 1 }
        }
        return day
    }

    /// `date` when it is a business day, otherwise the nearest business day in `direction`.
    public func shift(_ date: LocalDate, to direction: Shift) -> LocalDate {
        precondition(hasBusinessDays, "the calendar has no business days")
        let step = direction == .next ? 1 : -1
        var day = date
        while !isBusinessDay(day) { day = day.adding(days: step) }
        return day
    }

    /// The business days from `start` to `end`, both inclusive (0 when `end` is before `start`).
    public func countBusinessDays(from start: LocalDate, through end: LocalDate) -> Int {
        guard start <= end else { return 0 }
        var count = 0
        var day = start
        while day <= end {
            if isBusinessDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// The 年末年始 closure days that fall in calendar `year`: January 1–3 and December 29–31 of that year (so one
    /// New Year's closure, 12/29–1/3, spans `year` and `year + 1`; see `newYearClosure(years:)`).
    public static func newYearClosure(for year: Int) -> Set<LocalDate> {
        Set([(1, 1), (1, 2), (1, 3), (12, 29), (12, 30), (12, 31)].map {
            LocalDate(checkedYear: year, month: $0.0, day: $0.1)
        })
    }

    /// The 年末年始 closure days of every year in `years`.
    public static func newYearClosure(years: ClosedRange<Int>) -> Set<LocalDate> {
        years.reduce(into: []) { $0.formUnion(newYearClosure(for: $1)) }
    }
}
