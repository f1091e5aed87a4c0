import Domain
import Foundation

/// What the customer reports share: ratios as a reader reads them, and the window a report is asked for in its
/// query. (Money and months are `PageFormat`'s.) Formatted here so the templates only place text.
enum CustomerReportText {
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
