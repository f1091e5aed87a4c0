/// A period of an organisation's fiscal calendar: a fiscal year (`FY2026`), a half (`FY2026-H1`, 上期 /
/// `FY2026-H2`, 下期), a quarter (`FY2026-Q1`…`Q4`) or a calendar month (`2026-11`).
///
/// `FY2026` is the fiscal year that *starts* in calendar 2026 (2026年度): with a fiscal-year start month of 4 it
/// runs 2026-04-01…2027-03-31, with 10 it runs 2026-10-01…2027-09-30, with 1 it is calendar 2026. A period carries
/// the start month of the calendar it belongs to, so two periods with the same text but different start months are
/// different periods.
public struct FiscalPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case year, half, quarter, month

        /// Length in months.
        public var months: Int {
            switch self {
            case .year: 12
            case .half: 6
            case .quarter: 3
            case .month: 1
            }
        }
    }

    public let kind: Kind
    /// The calendar month (1–12) in which the organisation's fiscal year starts.
    public let fiscalYearStartMonth: Int
    /// The first month of the period as `year * 12 + (month - 1)`.
    let firstMonthIndex: Int

    init(kind: Kind, fiscalYearStartMonth: Int, firstMonthIndex: Int) {
        self.kind = kind
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.firstMonthIndex = firstMonthIndex
    }

    // MARK: Construction

    /// The fiscal year `FY<fiscalYear>`. `startMonth` must be 1–12.
    public static func year(_ fiscalYear: Int, startMonth: Int) -> FiscalPeriod {
        precondition((1...12).contains(startMonth), "fiscal-year start month must be 1–12")
        return FiscalPeriod(kind: .year, fiscalYearStartMonth: startMonth,
                            firstMonthIndex: fiscalYear * 12 + startMonth - 1)
    }

    /// The half `FY<fiscalYear>-H<half>`; `half` is 1 or 2.
    public static func half(_ fiscalYear: Int, _ half: Int, startMonth: Int) -> FiscalPeriod {
        precondition((1...2).contains(half), "half must be 1 or 2")
        let year = Self.year(fiscalYear, startMonth: startMonth)
        return FiscalPeriod(kind: .half, fiscalYearStartMonth: startMonth,
                            firstMonthIndex: year.firstMonthIndex + 6 * (half - 1))
    }

    /// The quarter `FY<fiscalYear>-Q<quarter>`; `quarter` is 1–4.
    public static func quarter(_ fiscalYear: Int, _ quarter: Int, startMonth: Int) -> FiscalPeriod {
        precondition((1...4).contains(quarter), "quarter must be 1–4")
        let year = Self.year(fiscalYear, startMonth: startMonth)
        return FiscalPeriod(kind: .quarter, fiscalYearStartMonth: startMonth,
                            firstMonthIndex: year.firstMonthIndex + 3 * (quarter - 1))
    }

    /// The calendar month `YYYY-MM`.
    public static func month(year: Int, month: Int, startMonth: Int) -> FiscalPeriod {
        precondition((1...12).contains(month), "month must be 1–12")
        precondition((1...12).contains(startMonth), "fiscal-year start month must be 1–12")
        return FiscalPeriod(kind: .month, fiscalYearStartMonth: startMonth, firstMonthIndex: year * 12 + month - 1)
    }

    /// The period of `kind` containing `date`.
    public static func containing(_ date: LocalDate, kind: Kind, startMonth: Int) -> FiscalPeriod {
        precondition((1...12).contains(startMonth), "fiscal-year start month must be 1–12")
        let index = date.year * 12 + date.month - 1
        let offset = floorMod(index - (startMonth - 1), kind.months)
        return FiscalPeriod(kind: kind, fiscalYearStartMonth: startMonth, firstMonthIndex: index - offset)
    }

    /// The fiscal year containing `date`: with start month 4, 2027-02-10 is in FY2026.
    public static func fiscalYear(containing date: LocalDate, startMonth: Int) -> FiscalPeriod {
        containing(date, kind: .year, startMonth: startMonth)
    }

    /// The calendar month containing `date`.
    public static func month(containing date: LocalDate, startMonth: Int) -> FiscalPeriod {
        containing(date, kind: .month, startMonth: startMonth)
    }

    // MARK: Parsing

    /// Parses `FY2026`, `FY2026-H1`, `FY2026-H2`, `FY2026-Q1`…`FY2026-Q4` or `2026-11` in the fiscal calendar
    /// whose year starts in `fiscalYearStartMonth` (1–12). Throws `DomainError(.invalid, field: "period")`.
    public static func parse(_ text: String, fiscalYearStartMonth: Int) throws -> FiscalPeriod {
        guard (1...12).contains(fiscalYearStartMonth) else {
            throw DomainError(.invalid, "The fiscal-year start month must be 1–12.", field: "fiscalYearStartMonth")
        }
        guard let period = scan(Array(text.utf8), startMonth: fiscalYearStartMonth) else {
            throw DomainError(
                .invalid,
                "A period is written FY2026, FY2026-H1, FY2026-Q3 or 2026-11.",
                field: "period"
            )
        }
        return period
    }

    private static func scan(_ bytes: [UInt8], startMonth: Int) -> FiscalPeriod? {
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        if bytes.count >= 6, bytes[0] == UInt8(ascii: "F"), bytes[1] == UInt8(ascii: "Y") {
            guard let year = number(2..<6) else { return nil }
            if bytes.count == 6 { return .year(year, startMonth: startMonth) }
            guard bytes.count == 9, bytes[6] == UInt8(ascii: "-"), let n = number(8..<9) else { return nil }
            switch bytes[7] {
            case UInt8(ascii: "H") where (1...2).contains(n): return .half(year, n, startMonth: startMonth)
            case UInt8(ascii: "Q") where (1...4).contains(n): return .quarter(year, n, startMonth: startMonth)
            default: return nil
            }
        }
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = number(0..<4), let month = number(5..<7),
            (1...12).contains(month)
        else { return nil }
        return .month(year: year, month: month, startMonth: startMonth)
    }

    // MARK: Properties

    /// The fiscal year the period belongs to (for a calendar month, the fiscal year containing it).
    public var fiscalYear: Int { floorDiv(firstMonthIndex - (fiscalYearStartMonth - 1), 12) }

    /// 1-based position of the period within its fiscal year: the half (1–2), quarter (1–4) or fiscal month
    /// (1–12, 1 being the start month); 1 for a year.
    public var number: Int { floorMod(firstMonthIndex - (fiscalYearStartMonth - 1), 12) / kind.months + 1 }

    /// The calendar year of the period's first month.
    public var calendarYear: Int { floorDiv(firstMonthIndex, 12) }

    /// The calendar month (1–12) of the period's first month.
    public var calendarMonth: Int { floorMod(firstMonthIndex, 12) + 1 }

    /// The first day of the period.
    public var start: LocalDate { LocalDate(checkedYear: calendarYear, month: calendarMonth, day: 1) }

    /// The last day of the period (inclusive).
    public var end: LocalDate {
        let last = firstMonthIndex + kind.months - 1
        let year = floorDiv(last, 12)
        let month = floorMod(last, 12) + 1
        return LocalDate(checkedYear: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))
    }

    public func contains(_ date: LocalDate) -> Bool { start <= date && date <= end }

    /// Whether `other` (of the same fiscal calendar) lies entirely inside this period.
    public func contains(_ other: FiscalPeriod) -> Bool {
        other.fiscalYearStartMonth == fiscalYearStartMonth && other.firstMonthIndex >= firstMonthIndex
            && other.firstMonthIndex + other.kind.months <= firstMonthIndex + kind.months
    }

    /// The following period of the same kind.
    public var next: FiscalPeriod { shifted(by: 1) }

    /// The preceding period of the same kind.
    public var previous: FiscalPeriod { shifted(by: -1) }

    /// The period `count` periods of the same kind later (earlier when negative).
    public func shifted(by count: Int) -> FiscalPeriod {
        FiscalPeriod(kind: kind, fiscalYearStartMonth: fiscalYearStartMonth,
                     firstMonthIndex: firstMonthIndex + count * kind.months)
    }

    /// The same kind of period `count` calendar months later (a subtree moves together when a tree is copied).
    public func shifted(months count: Int) -> FiscalPeriod {
        FiscalPeriod(kind: kind, fiscalYearStartMonth: fiscalYearStartMonth, firstMonthIndex: firstMonthIndex + count)
    }

    /// How many months this period starts after `other`.
    public func firstMonthOffset(from other: FiscalPeriod) -> Int { firstMonthIndex - other.firstMonthIndex }

    /// The calendar months inside the period, in order.
    public var months: [FiscalPeriod] {
        (0..<kind.months).map { offset in
            FiscalPeriod(
                kind: .month, fiscalYearStartMonth: fiscalYearStartMonth, firstMonthIndex: firstMonthIndex + offset)
        }
    }

    /// The quarters inside a year or half (empty for a quarter or month).
    public var quarters: [FiscalPeriod] { subperiods(.quarter) }

    /// The halves inside a year (empty otherwise).
    public var halves: [FiscalPeriod] { subperiods(.half) }

    private func subperiods(_ sub: Kind) -> [FiscalPeriod] {
        guard sub.months < kind.months else { return [] }
        return stride(from: 0, to: kind.months, by: sub.months).map {
            FiscalPeriod(kind: sub, fiscalYearStartMonth: fiscalYearStartMonth, firstMonthIndex: firstMonthIndex + $0)
        }
    }

    /// The enclosing period of `kind`: `FY2026-Q3.enclosing(.half)` is `FY2026-H2`. `nil` when `kind` is not
    /// larger than the period's own kind.
    public func enclosing(_ kind: Kind) -> FiscalPeriod? {
        guard kind.months > self.kind.months else { return nil }
        return .containing(start, kind: kind, startMonth: fiscalYearStartMonth)
    }

    /// The period directly above: month → quarter → half → year; `nil` for a year.
    public var parent: FiscalPeriod? {
        switch kind {
        case .month: enclosing(.quarter)
        case .quarter: enclosing(.half)
        case .half: enclosing(.year)
        case .year: nil
        }
    }

    /// The fiscal year containing the period (itself for a year).
    public var fiscalYearPeriod: FiscalPeriod { enclosing(.year) ?? self }

    /// The half containing the period (itself for a half; `nil` for a year).
    public var halfPeriod: FiscalPeriod? { kind == .half ? self : enclosing(.half) }

    /// The quarter containing the period (itself for a quarter; `nil` for a year or half).
    public var quarterPeriod: FiscalPeriod? { kind == .quarter ? self : enclosing(.quarter) }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        switch kind {
        case .year: return "FY\(pad(fiscalYear, 4))"
        case .half: return "FY\(pad(fiscalYear, 4))-H\(number)"
        case .quarter: return "FY\(pad(fiscalYear, 4))-Q\(number)"
        case .month: return "\(pad(calendarYear, 4))-\(pad(calendarMonth, 2))"
        }
    }

    // MARK: Codable — {"period": "FY2026-H1", "fiscalYearStartMonth": 4}

    private enum CodingKeys: String, CodingKey {
        case period, fiscalYearStartMonth
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .period)
        let startMonth = try container.decode(Int.self, forKey: .fiscalYearStartMonth)
        guard (1...12).contains(startMonth), let period = Self.scan(Array(text.utf8), startMonth: startMonth) else {
            throw DecodingError.dataCorruptedError(
                forKey: .period, in: container, debugDescription: "expected FY2026, FY2026-H1, FY2026-Q1 or 2026-11")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(description, forKey: .period)
        try container.encode(fiscalYearStartMonth, forKey: .fiscalYearStartMonth)
    }
}

func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func floorMod(_ a: Int, _ b: Int) -> Int {
    let r = a % b
    return r < 0 ? r + b : r
}
