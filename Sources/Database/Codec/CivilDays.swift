/// Proleptic Gregorian conversions between (year, month, day) and days since 1970-01-01, after Howard Hinnant's
/// `days_from_civil`. Dates and timestamps are converted by arithmetic rather than through `Calendar`, which is
/// both slow and locale-sensitive.
enum CivilDays {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A small cursor over ASCII bytes for the date and time parsers.
struct ASCIIScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func digits(count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for _ in 0..<count {
            let d = bytes[index] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
            index += 1
        }
        return value
    }

    /// Reads one or more digits, returning the value and how many were read.
    mutating func digitRun() -> (value: Int, count: Int) {
        var value = 0
        var count = 0
        while let b = peek, b &- UInt8(ascii: "0") < 10 {
            if count < 18 { value = value * 10 + Int(b - UInt8(ascii: "0")) }
            count += 1
            index += 1
        }
        return (value, min(count, 18))
    }

    mutating func expect(_ ascii: Unicode.Scalar) -> Bool {
        guard peek == UInt8(ascii: ascii) else { return false }
        index += 1
        return true
    }
}
