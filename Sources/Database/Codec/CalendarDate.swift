/// A day on the calendar with no time or zone: PostgreSQL's `date`. Due days, renewal dates and periods are
/// calendar dates interpreted in an organisation's time zone, never instants.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns `nil` for a day that does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDays.daysInMonth(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01.
    public init(daysSinceEpoch: Int) {
        let c = CivilDays.civil(days: daysSinceEpoch)
        (year, month, day) = (c.year, c.month, c.day)
    }

    public var daysSinceEpoch: Int { CivilDays.days(year: year, month: month, day: day) }

    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        var text = text
        let parsed: CalendarDate? = text.withUTF8 { utf8 in
            var scanner = ASCIIScanner(bytes: UnsafeRawBufferPointer(utf8))
            guard let date = CalendarDate.scan(&scanner), scanner.atEnd else { return nil }
            return date
        }
        guard let parsed else { return nil }
        self = parsed
    }

    static func scan(_ scanner: inout ASCIIScanner) -> CalendarDate? {
        guard let y = scanner.digits(count: 4), scanner.expect("-"), let m = scanner.digits(count: 2),
            scanner.expect("-"), let d = scanner.digits(count: 2)
        else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .date }
    public func databaseText() throws -> String? { description }

    public init(databaseValue value: DatabaseValue) throws {
        var scanner = ASCIIScanner(bytes: value.bytes)
        guard let date = CalendarDate.scan(&scanner), scanner.atEnd else {
            throw DatabaseDecodingFailure("not a date in YYYY-MM-DD form (infinite and BC dates are not supported)")
        }
        self = date
    }
}
