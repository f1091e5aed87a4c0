import Logging
import Settings
import Domain
import Foundation

/// Dates, periods and figures as a Japanese or an English reader expects them, made in Swift so templates only
/// place text: `2026年12月7日(月)` / `Mon 7 Dec 2026`, `2026年度 下期` / `FY2026 H2`, `1,234.5`.
struct PageFormat: Sendable {
    let language: Language
    /// The reader's time zone, for instants.
    let timeZone: TimeZone

    private static let japaneseWeekdays = ["月", "火", "水", "木", "金", "土", "日"]
    private static let englishWeekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    func date(_ day: LocalDate) -> String {
        switch language {
        case .ja: "\(day.year)年\(day.month)月\(day.day)日(\(Self.japaneseWeekdays[day.weekday - 1]))"
        case .en: "\(Self.englishWeekdays[day.weekday - 1]) \(day.day) \(Self.englishMonths[day.month - 1]) \(day.year)"
        }
    }

    /// A day without its weekday or year, for lists within the current year: `12月7日` / `7 Dec`.
    func shortDate(_ day: LocalDate) -> String {
        switch language {
        case .ja: "\(day.month)月\(day.day)日"
        case .en: "\(day.day) \(Self.englishMonths[day.month - 1])"
        }
    }

    /// The reader's calendar day of an instant.
    func day(of instant: Date) -> LocalDate { Recurrence.localDate(of: instant, in: timeZone) }

    /// An instant as the reader's day and time: `2026年12月7日(月) 09:30` / `Mon 7 Dec 2026 09:30`.
    func dateTime(_ instant: Date) -> String {
        let time = Recurrence.localTime(of: instant, in: timeZone)
        return date(day(of: instant)) + " " + (time.hour < 10 ? "0" : "") + "\(time.hour):" + (time.minute < 10 ? "0" : "") + "\(time.minute)"
    }

    func period(_ period: FiscalPeriod) -> String {
        let year = period.fiscalYear
        switch (language, period.kind) {
        case (.ja, .year): return "\(year)年度"
        case (.ja, .half): return "\(year)年度 \(period.number == 1 ? "上期" : "下期")"
        case (.ja, .quarter): return "\(year)年度 第\(period.number)四半期"
        case (.ja, .month): return "\(period.calendarYear)年\(period.calendarMonth)月"
        case (.en, .year): return "FY\(year)"
        case (.en, .half): return "FY\(year) H\(period.number)"
        case (.en, .quarter): return "FY\(year) Q\(period.number)"
        case (.en, .month): return month(year: period.calendarYear, month: period.calendarMonth)
        }
    }

    /// A calendar month: `2026年3月` / `Mar 2026`.
    func month(year: Int, month: Int) -> String {
        switch language {
        case .ja: "\(year)年\(month)月"
        case .en: "\(Self.englishMonths[month - 1]) \(year)"
        }
    }

    func month(_ month: YearMonth) -> String { self.month(year: month.year, month: month.month) }

    /// The weekdays' short names, Monday first, as calendar columns: `月`… / `Mon`….
    var weekdays: [String] { language == .ja ? Self.japaneseWeekdays : Self.englishWeekdays }

    /// `JPY 1,200,000`, `USD 12,000.5`, `-USD 300`: the code is always shown, since amounts are never converted, and
    /// the minor units are the currency's (ISO 4217, as imports read them).
    func money(_ amount: Money) -> String {
        let code = amount.currency.rawValue
        let digits = ImportCell.minorDigits(code)
        let sign = amount.isNegative ? "-" : ""
        return "\(sign)\(code) \(number(Double(amount.minorUnits.magnitude) / pow(10, Double(digits)), fractionDigits: digits))"
    }

    /// A figure with thousands separators and at most `fractionDigits` decimals, trailing zeros dropped:
    /// `1,234.5`, `-0.25`, `12`.
    func number(_ value: Double, fractionDigits: Int = 2) -> String {
        guard value.isFinite else { return "–" }
        let scale = pow(10, Double(fractionDigits))
        let rounded = (abs(value) * scale).rounded() / scale
        let whole = Int(rounded)
        var fraction = String(Int(((rounded - Double(whole)) * scale).rounded()))
        fraction = String(repeating: "0", count: max(0, fractionDigits - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        var digits = Array(String(whole))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        let sign = value < 0 && (whole != 0 || !fraction.isEmpty) ? "-" : ""
        return sign + grouped + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A share as a whole percentage: `68%`.
    func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        return "\(Int((share * 100).rounded()))%"
    }
}
