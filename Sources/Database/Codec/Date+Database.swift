public import struct Foundation.Date

// Instants are `timestamptz`. The connection runs with TimeZone=UTC and DateStyle=ISO, so the server's text is
// `YYYY-MM-DD HH:MM:SS[.ffffff]+00`; the parser still honours any offset, and reads `timestamp` and `date`
// columns as UTC.
extension Date: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .timestamptz }

    public func databaseText() throws -> String? {
        let interval = timeIntervalSince1970
        // `infinity` and `-infinity` decode as `distantFuture` and `distantPast`, so those encode back as them: a
        // value read must be writable again (`distantPast` is proleptic year 0, outside the encodable range).
        if interval == .infinity || self == .distantFuture { return "infinity" }
        if interval == -.infinity || self == .distantPast { return "-infinity" }
        let micros = Int64((interval * 1_000_000).rounded())
        var seconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 {
            fraction += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let civil = CivilDays.civil(days: Int(days))
        guard civil.year >= 1, civil.year <= 9999 else {
            throw DatabaseEncodingFailure("timestamp outside years 1–9999")
        }
        var text = CalendarDate(year: civil.year, month: civil.month, day: civil.day)!.description
        text += " "
        text += Self.two(Int(secondOfDay / 3600)) + ":" + Self.two(Int(secondOfDay / 60 % 60)) + ":"
            + Self.two(Int(secondOfDay % 60))
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return text + "+00"
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }

    public init(databaseValue value: DatabaseValue) throws {
        if value.bytes.count == 8 || value.bytes.count == 9 {
            let text = value.string
            if text == "infinity" { self = .distantFuture; return }
            if text == "-infinity" { self = .distantPast; return }
        }
        var scanner = ASCIIScanner(bytes: value.bytes)
        guard let date = CalendarDate.scan(&scanner) else {
            throw DatabaseDecodingFailure("not an ISO timestamp")
        }
        var seconds = Double(date.daysSinceEpoch * 86_400)
        if !scanner.atEnd {
            guard scanner.expect(" ") || scanner.expect("T"), let h = scanner.digits(count: 2), scanner.expect(":"),
                let m = scanner.digits(count: 2), scanner.expect(":"), let s = scanner.digits(count: 2)
            else { throw DatabaseDecodingFailure("not an ISO timestamp") }
            seconds += Double(h * 3600 + m * 60 + s)
            if scanner.expect(".") {
                let run = scanner.digitRun()
                var micros = run.value
                var count = run.count
                while count < 6 { micros *= 10; count += 1 }
                while count > 6 { micros /= 10; count -= 1 }
                seconds += Double(micros) / 1_000_000
            }
            if let sign = scanner.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                scanner.index += 1
                guard let oh = scanner.digits(count: 2) else { throw DatabaseDecodingFailure("bad UTC offset") }
                var offset = oh * 3600
                if scanner.expect(":") {
                    guard let om = scanner.digits(count: 2) else { throw DatabaseDecodingFailure("bad UTC offset") }
                    offset += om * 60
                    if scanner.expect(":") {
                        guard let os = scanner.digits(count: 2) else {
                            throw DatabaseDecodingFailure("bad UTC offset")
                        }
                        offset += os
                    }
                }
                seconds -= Double(sign == UInt8(ascii: "+") ? offset : -offset)
            }
        }
        guard scanner.atEnd else { throw DatabaseDecodingFailure("not an ISO timestamp (BC dates are not supported)") }
        self = Date(timeIntervalSince1970: seconds)
    }
}

/// Why a value could not be encoded as a parameter.
public struct DatabaseEncodingFailure: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
