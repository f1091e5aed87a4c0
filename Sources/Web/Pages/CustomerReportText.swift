import Domain
import Foundation

/// What the customer reports share: money per currency, months, ratios and grades as a reader reads them, and the
/// window a report is asked for in its query. Formatted here so the templates only place text.
enum CustomerReportText {
    /// Currencies without minor units (ISO 4217 exponent 0) among those a Japanese CS team meets.
    static let wholeCurrencies: Set<String> = ["JPY", "KRW", "VND", "CLP", "ISK"]

    /// `JPY 1,200,000`, `USD 12,000.5`: the code is always shown, since figures are never converted.
    static func money(_ amount: Money, _ f: PageFormat) -> String {
        let code = amount.currency.rawValue
        let digits = wholeCurrencies.contains(code) ? 0 : 2
        let scale = digits == 0 ? 1.0 : 100.0
        let sign = amount.isNegative ? "-" : ""
        return "\(sign)\(code) \(f.number(Double(abs(amount.minorUnits)) / scale, fractionDigits: digits))"
    }

    /// `2026年3月` / `Mar 2026`.
    static func month(_ month: YearMonth, _ f: PageFormat) -> String {
        switch f.language {
        case .ja: "\(month.year)年\(month.month)月"
        case .en: "\(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month.month - 1]) \(month.year)"
        }
    }

    /// A ratio (1.0 = 100 %) with one decimal: `97.5%`; a dash when there is no cohort.
    static func ratio(_ value: Double?, _ f: PageFormat) -> String {
        guard let value, value.isFinite else { return "–" }
        return f.number(value * 100, fractionDigits: 1) + "%"
    }

    /// A month query parameter (`YYYY-MM`); nil when absent or empty, `DomainError(.invalid, field:)` when malformed.
    static func month(query value: Substring?, field: String) throws -> YearMonth? {
        guard let value, !value.isEmpty else { return nil }
        guard value.count == 7, let month = YearMonth(iso: String(value)) else {
            throw DomainError(.invalid, "crep_error_month", field: field)
        }
        return month
    }

    /// A UUID query parameter; nil when absent or empty. One that is not a UUID is ignored as a filter nobody can
    /// have chosen from the page.
    static func uuid(_ value: Substring?) -> UUID? {
        guard let value, !value.isEmpty else { return nil }
        return UUID(uuidString: String(value))
    }
}
