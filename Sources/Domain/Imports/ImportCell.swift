public import Foundation

/// How the cells of an import file are read: dates as `2026-04-01` or `2026/4/1`, months as `2026-04` or `2026/4`,
/// times as RFC 3339 or a local `2026/4/1 10:00` (in the org's time zone), amounts in major units with the
/// currency's minor digits (JPY 0, USD 2), flags as true/false, yes/no, 1/0 or はい/いいえ. Each parser answers the
/// reason a cell is refused, in English (the API's problem text), or the value.
public enum ImportCell {
    public enum Failure: Error, Equatable { case invalid(String) }

    public static func date(_ text: String) -> Result<LocalDate, Failure> {
        let parts = splitDate(text)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4,
            let day = LocalDate(year: y, month: m, day: d)
        else { return .failure(.invalid("not a date (2026-04-01 or 2026/4/1)")) }
        return .success(day)
    }

    /// A month, as the first day of it.
    public static func month(_ text: String) -> Result<LocalDate, Failure> {
        let parts = splitDate(text)
        guard parts.count == 2 || (parts.count == 3 && Int(parts[2]) == 1), let y = Int(parts[0]), let m = Int(parts[1]),
            parts[0].count == 4, let day = LocalDate(year: y, month: m, day: 1)
        else { return .failure(.invalid("not a month (2026-04 or 2026/4)")) }
        return .success(day)
    }

    /// A point in time: RFC 3339 (`2026-04-01T10:00:00+09:00`), or a local date and time (`2026/4/1 10:00`, seconds
    /// optional) or a date alone (midnight) read in `zone`.
    public static func instant(_ text: String, zone: TimeZone) -> Result<Date, Failure> {
        let failure = Result<Date, Failure>.failure(.invalid("not a date and time (2026-04-01T10:00:00+09:00 or 2026/4/1 10:00)"))
        var rest = Substring(text)
        var datePart = rest
        var timePart: Substring = ""
        if let cut = rest.firstIndex(where: { $0 == "T" || $0 == " " }) {
            datePart = rest[..<cut]
            timePart = rest[rest.index(after: cut)...]
        }
        guard case .success(let day) = date(String(datePart)) else { return failure }
        var offset: Int?
        if timePart.hasSuffix("Z") {
            offset = 0
            timePart = timePart.dropLast()
        } else if let sign = timePart.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zoneText = timePart[timePart.index(after: sign)...].split(separator: ":")
            guard zoneText.count <= 2, let h = Int(zoneText.first ?? ""), let m = Int(zoneText.count == 2 ? zoneText[1] : "0")
            else { return failure }
            offset = (h * 3600 + m * 60) * (timePart[sign] == "-" ? -1 : 1)
            timePart = timePart[..<sign]
        }
        var seconds = 0.0
        if !timePart.isEmpty {
            let hms = timePart.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(hms.count), let h = Int(hms[0]), let m = Int(hms[1]), (0...23).contains(h), (0...59).contains(m)
            else { return failure }
            let s = hms.count == 3 ? Double(hms[2]) : 0
            guard let s, s >= 0, s < 61 else { return failure }
            seconds = Double(h * 3600 + m * 60) + s
        }
        rest = ""
        let local = Double(day.daysSinceEpoch) * 86_400 + seconds
        if let offset { return .success(Date(timeIntervalSince1970: local - Double(offset))) }
        // The zone's offset at (about) that instant; a daylight-saving edge is off by the shift at most.
        let guess = Date(timeIntervalSince1970: local - Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        return .success(Date(timeIntervalSince1970: local - Double(zone.secondsFromGMT(for: guess))))
    }

    /// How many digits after the point a currency's amounts have (ISO 4217).
    public static func minorDigits(_ currency: String) -> Int {
        switch currency {
        case "JPY", "KRW", "VND", "CLP", "ISK", "PYG", "UGX", "XAF", "XOF", "XPF", "RWF", "KMF", "GNF", "DJF", "BIF", "VUV": 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    /// An amount in major units (`1,200,000`, `1200.50`) as minor units of `currency`; more decimals than the
    /// currency has, negatives and values beyond 10¹⁵ are refused.
    public static func amount(_ text: String, currency: String) -> Result<Int64, Failure> {
        let digits = minorDigits(currency)
        var cleaned = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        for symbol in ["¥", "￥", "$", "€", "円"] { cleaned = cleaned.replacingOccurrences(of: symbol, with: "") }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 15,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let whole = Int64(parts[0])
        else { return .failure(.invalid("not an amount (digits, optionally with a decimal point)")) }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= digits else {
            return .failure(.invalid("\(currency) has \(digits) decimal digits"))
        }
        let padded = fraction + String(repeating: "0", count: digits - fraction.count)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        return .success(whole * scale + (Int64(padded) ?? 0))
    }

    /// An amount in minor units written back in major units (the export's form): `1200.50` for USD, `1200000` for JPY.
    public static func majorUnits(_ minor: Int64, currency: String) -> String {
        let digits = minorDigits(currency)
        guard digits > 0 else { return String(minor) }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let fraction = String(minor % scale)
        return "\(minor / scale)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    public static func flag(_ text: String) -> Result<Bool, Failure> {
        switch compatibilityMapped(text).lowercased() {
        case "true", "yes", "y", "1", "はい", "○", "◯", "有", "あり": .success(true)
        case "false", "no", "n", "0", "いいえ", "×", "無", "なし": .success(false)
        default: .failure(.invalid("not true or false"))
        }
    }

    public static func integer(_ text: String, in range: ClosedRange<Int>) -> Result<Int, Failure> {
        guard let value = Int(compatibilityMapped(text).replacingOccurrences(of: ",", with: "")),
            range.contains(value)
        else { return .failure(.invalid("not a whole number from \(range.lowerBound) to \(range.upperBound)")) }
        return .success(value)
    }

    public static func number(_ text: String) -> Result<Double, Failure> {
        guard let value = Double(compatibilityMapped(text).replacingOccurrences(of: ",", with: "")),
            value.isFinite
        else { return .failure(.invalid("not a number")) }
        return .success(value)
    }

    /// NFKC (full-width digits and letters read as ASCII). ASCII text is its own NFKC form, so it skips
    /// Foundation's normalisation, which costs microseconds a cell on Linux.
    public static func compatibilityMapped(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
    }

    /// Whether `text` is a lower-case identifier of at most `limit` characters: `[a-z][a-z0-9_]{0,limit-1}`, whole.
    public static func isIdentifier(_ text: String, limit: Int = 40) -> Bool {
        var count = 0
        for byte in text.utf8 {
            let letter = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
            if count == 0 ? !letter : !(letter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")) {
                return false
            }
            count += 1
            if count > limit { return false }
        }
        return count > 0
    }

    private static func splitDate(_ text: String) -> [Substring] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: NFKC changes nothing and 年月日 cannot occur; `/` reads as `-`.
            return text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" }
        }
        let normal = text.precomposedStringWithCompatibilityMapping
            .replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: "").replacingOccurrences(of: "/", with: "-")
        return normal.split(separator: "-", omittingEmptySubsequences: false)
    }
}
