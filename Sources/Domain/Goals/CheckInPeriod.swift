/// The stretch of time one check-in reports on: an ISO week, two ISO weeks, a calendar month or a fiscal quarter,
/// by the goal's cadence. Written `2026-W47` (a week or the first week of a fortnight), `2026-11`, `FY2026-Q3`.
public struct CheckInPeriod: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let cadence: Cadence
    public let start: LocalDate
    public let end: LocalDate
    /// The fiscal calendar, so a quarter prints in the org's numbering.
    public let fiscalYearStartMonth: Int

    /// The Monday 1970-01-05 anchors fortnights, so every org splits the weeks the same way.
    static let fortnightAnchor = LocalDate(checkedYear: 1970, month: 1, day: 5)

    init(cadence: Cadence, start: LocalDate, end: LocalDate, fiscalYearStartMonth: Int) {
        self.cadence = cadence
        self.start = start
        self.end = end
        self.fiscalYearStartMonth = fiscalYearStartMonth
    }

    /// The period of `cadence` that contains `date`.
    public static func containing(_ date: LocalDate, cadence: Cadence, fiscalYearStartMonth: Int) -> CheckInPeriod {
        switch cadence {
        case .weekly:
            let monday = date.adding(days: 1 - date.weekday)
            return CheckInPeriod(cadence: cadence, start: monday, end: monday.adding(days: 6), fiscalYearStartMonth: fiscalYearStartMonth)
        case .biweekly:
            let monday = date.adding(days: 1 - date.weekday)
            let weeks = floorDiv(fortnightAnchor.days(to: monday), 7)
            let first = monday.adding(days: -7 * floorMod(weeks, 2))
            return CheckInPeriod(cadence: cadence, start: first, end: first.adding(days: 13), fiscalYearStartMonth: fiscalYearStartMonth)
        case .monthly:
            return CheckInPeriod(cadence: cadence, start: date.firstOfMonth, end: date.lastOfMonth, fiscalYearStartMonth: fiscalYearStartMonth)
        case .quarterly:
            let quarter = FiscalPeriod.containing(date, kind: .quarter, startMonth: fiscalYearStartMonth)
            return CheckInPeriod(cadence: cadence, start: quarter.start, end: quarter.end, fiscalYearStartMonth: fiscalYearStartMonth)
        }
    }

    /// Reads a period written as `description` prints it, for `cadence`.
    public static func parse(_ text: String, cadence: Cadence, fiscalYearStartMonth: Int) throws -> CheckInPeriod {
        let invalid = DomainError(
            .invalid, "'\(text)' is not a \(cadence.rawValue) check-in period (\(cadence.example))", field: "period")
        switch cadence {
        case .weekly, .biweekly:
            let parts = text.split(separator: "-W", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
                let week = Int(parts[1]), (1...53).contains(week)
            else { throw invalid }
            let monday = isoWeekOneMonday(year).adding(days: 7 * (week - 1))
            guard isoWeekYear(monday) == year else { throw invalid }
            let period = containing(monday, cadence: cadence, fiscalYearStartMonth: fiscalYearStartMonth)
            guard period.start == monday else {
                throw DomainError(
                    .invalid, "a fortnight starts on an even week; \(text) is its second week (\(period))",
                    field: "period")
            }
            return period
        case .monthly:
            let parsed: FiscalPeriod
            do { parsed = try FiscalPeriod.parse(text, fiscalYearStartMonth: fiscalYearStartMonth) } catch { throw invalid }
            guard parsed.kind == .month else { throw invalid }
            return containing(parsed.start, cadence: cadence, fiscalYearStartMonth: fiscalYearStartMonth)
        case .quarterly:
            let parsed: FiscalPeriod
            do { parsed = try FiscalPeriod.parse(text, fiscalYearStartMonth: fiscalYearStartMonth) } catch { throw invalid }
            guard parsed.kind == .quarter else { throw invalid }
            return containing(parsed.start, cadence: cadence, fiscalYearStartMonth: fiscalYearStartMonth)
        }
    }

    /// The check-in periods a goal over `period` reports: those that end inside it.
    public static func periods(of period: FiscalPeriod, cadence: Cadence) -> [CheckInPeriod] {
        var result: [CheckInPeriod] = []
        var current = containing(period.start, cadence: cadence, fiscalYearStartMonth: period.fiscalYearStartMonth)
        if current.end < period.start { current = current.next }
        while current.end <= period.end {
            if current.end >= period.start { result.append(current) }
            current = current.next
        }
        return result
    }

    public var next: CheckInPeriod {
        CheckInPeriod.containing(end.adding(days: 1), cadence: cadence, fiscalYearStartMonth: fiscalYearStartMonth)
    }

    public var previous: CheckInPeriod {
        CheckInPeriod.containing(start.adding(days: -1), cadence: cadence, fiscalYearStartMonth: fiscalYearStartMonth)
    }

    public var description: String {
        switch cadence {
        case .weekly, .biweekly:
            let week = CheckInPeriod.isoWeekOneMonday(CheckInPeriod.isoWeekYear(start)).days(to: start) / 7 + 1
            return "\(CheckInPeriod.isoWeekYear(start))-W\(week < 10 ? "0" : "")\(week)"
        case .monthly:
            return "\(start.year)-\(start.month < 10 ? "0" : "")\(start.month)"
        case .quarterly:
            return FiscalPeriod.containing(start, kind: .quarter, startMonth: fiscalYearStartMonth).description
        }
    }

    public static func < (lhs: CheckInPeriod, rhs: CheckInPeriod) -> Bool { lhs.start < rhs.start }

    /// The Monday of ISO week 1 of `year` (the week holding January 4th).
    static func isoWeekOneMonday(_ year: Int) -> LocalDate {
        let jan4 = LocalDate(checkedYear: year, month: 1, day: 4)
        return jan4.adding(days: 1 - jan4.weekday)
    }

    /// The ISO week-numbering year of `date`.
    static func isoWeekYear(_ date: LocalDate) -> Int {
        let thursday = date.adding(days: 4 - date.weekday)
        return thursday.year
    }
}

extension Cadence {
    var example: String {
        switch self {
        case .weekly: "e.g. 2026-W47"
        case .biweekly: "e.g. 2026-W46, an even week"
        case .monthly: "e.g. 2026-11"
        case .quarterly: "e.g. FY2026-Q3"
        }
    }

    /// Roughly how many months one period lasts, to refuse a cadence longer than the goal's own period.
    public var approximateMonths: Double {
        switch self {
        case .weekly: 0.25
        case .biweekly: 0.5
        case .monthly: 1
        case .quarterly: 3
        }
    }
}
