public import Foundation

/// A local time of day, minutes after midnight.
public struct LocalTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let minuteOfDay: Int

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        minuteOfDay = hour * 60 + minute
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var hour: Int { minuteOfDay / 60 }
    public var minute: Int { minuteOfDay % 60 }
    public var description: String { (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute) }
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let time = LocalTime(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected HH:MM")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// When a schedule fires, evaluated in its org's time zone and business calendar (DESIGN §5).
public enum Recurrence: Sendable, Equatable {
    /// Day `day` of every month (clamped to the month's end: 31 → 30 in November), optionally moved to a business
    /// day.
    case monthlyDay(day: Int, at: LocalTime, shift: BusinessCalendar.Shift?)
    /// The `n`th `weekday` (1 = Monday … 7 = Sunday) of the month; `n` = -1 for the last; optionally moved to a
    /// business day. The move can cross into the neighbouring month (the 1st Monday of January 2028 is in the 年末年始
    /// closure; moved back it falls on 2027-12-28), so a month can hold two occurrences and the next none.
    case nthWeekday(n: Int, weekday: Int, at: LocalTime, shift: BusinessCalendar.Shift? = nil)
    /// The `n`th business day of the month (1 = first), or counting back from the end (-1 = the last).
    case nthBusinessDay(n: Int, at: LocalTime)
    /// On the given weekdays (1 = Monday … 7 = Sunday), optionally moved off or skipping days that are not business
    /// days.
    case weekly(weekdays: Set<Int>, at: LocalTime, onClosedDay: OnClosedDay? = nil)
    /// Every other week on the given weekdays: the Monday-start (ISO) week that contains `anchor` is an "on" week, and
    /// so is every second week before and after it. A moved date keeps its week's turn even when the move lands in
    /// an "off" week.
    case fortnightly(weekdays: Set<Int>, anchor: LocalDate, at: LocalTime, onClosedDay: OnClosedDay? = nil)
    /// Every `n` minutes (anchored to the Unix epoch, so every node agrees).
    case everyMinutes(Int)

    /// One occurrence: its nominal local date and time (the ledger's key — local, so the hour a DST fall-back repeats
    /// cannot fire twice) and the instant it falls on.
    public struct Occurrence: Sendable, Equatable {
        public var nominal: String
        public var instant: Date
    }

    public func validated() throws -> Recurrence {
        switch self {
        case .monthlyDay(let day, _, _):
            guard (1...31).contains(day) else { throw DomainError(.invalid, "a day of the month is 1–31", field: "day") }
        case .nthWeekday(let n, let weekday, _, _):
            guard (1...5).contains(n) || n == -1 else { throw DomainError(.invalid, "n is 1–5, or -1 for the last", field: "n") }
            guard (1...7).contains(weekday) else { throw DomainError(.invalid, "a weekday is 1 (Monday) to 7 (Sunday)", field: "weekday") }
        case .nthBusinessDay(let n, _):
            guard (1...23).contains(n) || (-23 ... -1).contains(n) else {
                throw DomainError(.invalid, "n is 1–23, or -1 to -23 counting from the month's end", field: "n")
            }
        case .weekly(let weekdays, _, _), .fortnightly(let weekdays, _, _, _):
            guard !weekdays.isEmpty, weekdays.allSatisfy({ (1...7).contains($0) }) else {
                throw DomainError(.invalid, "weekdays are 1 (Monday) to 7 (Sunday), at least one", field: "weekdays")
            }
        case .everyMinutes(let n):
            guard (1...(7 * 24 * 60)).contains(n) else { throw DomainError(.invalid, "every 1 minute to 1 week", field: "minutes") }
        }
        return self
    }

    /// The first occurrence strictly after `instant`.
    public func next(after instant: Date, in zone: TimeZone, calendar business: BusinessCalendar) -> Occurrence {
        if case .everyMinutes(let n) = self {
            let step = Double(n * 60)
            let next = (instant.timeIntervalSince1970 / step).rounded(.down) * step + step
            let date = Date(timeIntervalSince1970: next)
            return Occurrence(nominal: Self.utcNominal(date), instant: date)
        }
        let civil = Self.civil(zone)
        let start = Self.localDate(of: instant, civil)
        switch self {
        case .weekly(_, let time, let onClosedDay), .fortnightly(_, _, let time, let onClosedDay):
            return nextInWeeks(after: instant, from: start, at: time, onClosedDay, civil, business)
        default:
            // Candidate months from the one before (a shift can move a month's date back into it) onwards; a few
            // months suffice, sixteen cover a fifth weekday.
            var best: Occurrence?
            var month = LocalDate(checkedYear: start.year, month: start.month, day: 1).adding(months: -1)
            for _ in 0..<16 {
                if let day = date(inMonth: month, business), let time = self.time {
                    let occurrence = Self.occurrence(day, time, civil)
                    if occurrence.instant > instant, best.map({ occurrence.instant < $0.instant }) ?? true { best = occurrence }
                }
                month = month.adding(months: 1)
                // A shift moves a date by days, never by a month: once a month starts after the best so far, no
                // later month can do better.
                if let best, Self.localDate(of: best.instant, civil) < month.adding(months: -1) { break }
            }
            return best ?? Self.never
        }
    }

    /// What a rule with no possible date (a business-day rule on a calendar without business days) answers.
    public static let never = Occurrence(nominal: "never", instant: .distantFuture)

    /// Whether the rule fires at local `day` and `time` (for checking the search against a brute force).
    public func matches(_ day: LocalDate, _ time: LocalTime, calendar business: BusinessCalendar) -> Bool {
        switch self {
        case .everyMinutes: return false
        case .weekly(_, let at, let onClosedDay), .fortnightly(_, _, let at, let onClosedDay):
            return at == time && matchesInWeeks(day, onClosedDay, business)
        default:
            guard self.time == time else { return false }
            let month = day.firstOfMonth
            return [month.adding(months: -1), month, month.adding(months: 1)].contains { date(inMonth: $0, business) == day }
        }
    }

    /// Every occurrence in (`after`, `through`], oldest first (at most `limit`).
    public func occurrences(after: Date, through: Date, in zone: TimeZone, calendar business: BusinessCalendar, limit: Int = 10_000)
        -> [Occurrence]
    {
        var result: [Occurrence] = []
        var cursor = after
        while result.count < limit {
            let next = next(after: cursor, in: zone, calendar: business)
            guard next.instant <= through else { break }
            result.append(next)
            cursor = next.instant
        }
        return result
    }

    var time: LocalTime? {
        switch self {
        case .monthlyDay(_, let at, _), .nthWeekday(_, _, let at, _), .nthBusinessDay(_, let at), .weekly(_, let at, _),
            .fortnightly(_, _, let at, _):
            at
        case .everyMinutes: nil
        }
    }

    /// The rule's date in the month of `first` (a month's first day), if it has one.
    func date(inMonth first: LocalDate, _ business: BusinessCalendar) -> LocalDate? {
        switch self {
        case .monthlyDay(let day, _, let shift):
            let date = LocalDate(checkedYear: first.year, month: first.month, day: min(day, first.daysInMonth))
            guard let shift, business.hasBusinessDays else { return date }
            return business.shift(date, to: shift)
        case .nthWeekday(let n, let weekday, _, let shift):
            let date: LocalDate
            if n > 0 {
                let firstMatch = first.adding(days: (weekday - first.weekday + 7) % 7)
                date = firstMatch.adding(days: 7 * (n - 1))
                guard date.month == first.month else { return nil }
            } else {
                let last = first.lastOfMonth
                date = last.adding(days: -((last.weekday - weekday + 7) % 7))
            }
            guard let shift, business.hasBusinessDays else { return date }
            return business.shift(date, to: shift)
        case .nthBusinessDay(let n, _):
            guard business.hasBusinessDays else { return nil }
            return business.nthBusinessDay(n, ofMonth: first.year, first.month)
        case .weekly, .fortnightly, .everyMinutes:
            return nil
        }
    }

    // MARK: civil time

    static func civil(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The local time of day (to the minute) of `instant` in `zone`.
    public static func localTime(of instant: Date, in zone: TimeZone) -> LocalTime {
        let parts = civil(zone).dateComponents([.hour, .minute], from: instant)
        return LocalTime(hour: parts.hour ?? 0, minute: parts.minute ?? 0)!
    }

    /// The local date of `instant` in `zone`.
    public static func localDate(of instant: Date, in zone: TimeZone) -> LocalDate { localDate(of: instant, civil(zone)) }

    static func localDate(of instant: Date, _ civil: Calendar) -> LocalDate {
        let parts = civil.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(checkedYear: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The instant of local `day` at `time` in `zone` (a time a DST gap skips: just after the gap).
    public static func instant(_ day: LocalDate, _ time: LocalTime, in zone: TimeZone) -> Date {
        occurrence(day, time, civil(zone)).instant
    }

    /// The instant of a local date and time. A time a DST spring-forward skips maps to the instant after the gap;
    /// a time a fall-back repeats maps to its first instance.
    static func occurrence(_ day: LocalDate, _ time: LocalTime, _ civil: Calendar) -> Occurrence {
        let parts = DateComponents(year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute)
        let instant = civil.date(from: parts) ?? Date.distantFuture
        return Occurrence(nominal: "\(day)T\(time)", instant: instant)
    }

    static func utcNominal(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let time = LocalTime(hour: rest / 3600, minute: rest / 60 % 60)!
        return "\(LocalDate(daysSinceEpoch: days))T\(time)Z"
    }
}
