/// A calendar month with no fiscal calendar attached (`2026-11`). Revenue snapshots are keyed by it: a month's
/// revenue is the same fact whatever month an organisation's fiscal year starts in, so unlike `FiscalPeriod`
/// (which carries its calendar's start month and compares unequal across calendars) two `YearMonth`s of the
/// same month are always equal and can key a dictionary safely.
public struct YearMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// `year * 12 + (month - 1)`: one integer, so ordering and month arithmetic are exact.
    public let index: Int

    /// `month` must be 1–12 (a programming error otherwise: callers build months from valid dates or periods).
    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month must be 1–12")
        self.index = year * 12 + month - 1
    }

    init(index: Int) { self.index = index }

    /// The month containing `date`.
    public init(_ date: LocalDate) { self.init(year: date.year, month: date.month) }

    /// The month of a month-kind fiscal period (`2026-11`); `nil` for a year, half or quarter, which span several.
    public init?(_ period: FiscalPeriod) {
        guard period.kind == .month else { return nil }
        self.init(year: period.calendarYear, month: period.calendarMonth)
    }

    public var year: Int { index >= 0 ? index / 12 : (index - 11) / 12 }
    public var month: Int { ((index % 12) + 12) % 12 + 1 }

    /// The first day of the month.
    public var firstDay: LocalDate { LocalDate(checkedYear: year, month: month, day: 1) }
    /// The last day of the month (28–31).
    public var lastDay: LocalDate { LocalDate(checkedYear: year, month: month, day: dayCount) }
    /// Days in the month, leap years included.
    public var dayCount: Int { LocalDate.daysInMonth(year: year, month: month) }

    /// The month `count` months later (earlier when negative).
    public func adding(months count: Int) -> YearMonth { YearMonth(index: index + count) }

    /// Months from `self` to `other` (positive when `other` is later).
    public func months(to other: YearMonth) -> Int { other.index - index }

    /// The month as a period of an organisation's fiscal calendar, for binding to KPIs and check-ins.
    public func fiscalPeriod(startMonth: Int) -> FiscalPeriod {
        FiscalPeriod.month(year: year, month: month, startMonth: startMonth)
    }

    /// Every month from `first` through `last`, inclusive; empty when `last` is before `first`.
    public static func range(_ first: YearMonth, through last: YearMonth) -> [YearMonth] {
        first <= last ? (first.index...last.index).map(YearMonth.init(index:)) : []
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.index < rhs.index }

    public var description: String {
        let m = month
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + (m < 10 ? "-0" : "-") + String(m)
    }

    /// Parses `YYYY-MM`.
    public init?(iso text: String) {
        guard let date = LocalDate(iso: text + "-01") else { return nil }
        self.init(date)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = YearMonth(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM")
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
