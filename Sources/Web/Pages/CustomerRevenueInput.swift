import Domain
import Foundation

/// How the contract, revenue and NPS forms read what people type: amounts in major units as they write them
/// (`¥1,200,000`, `1200000`, `1,200.50 USD`, full-width digits too) turned into minor units with the currency's own
/// digits, dates from `<input type="date">`, months as `2026-10` or `2026/10`, notice periods. Each refusal is a
/// `DomainError` whose message is a catalogue key and whose field is the form's, so the page puts it beside the field.
enum CustomerRevenueInput {
    /// The currencies the forms offer first; any other ISO code already on the customer's contracts is added.
    static let currencies = ["JPY", "USD", "EUR", "GBP", "AUD", "CAD", "CHF", "CNY", "HKD", "KRW", "SGD", "TWD", "THB", "INR"]

    static func currency(_ text: String?, field: String = "currency") throws -> CurrencyCode {
        guard let text = CustomerPageText.text(text) else { throw DomainError(.missing, "crev_error_currency", field: field) }
        guard let code = try? CurrencyCode(ImportCell.compatibilityMapped(text).uppercased()) else {
            throw DomainError(.invalid, "crev_error_currency", field: field)
        }
        return code
    }

    /// An amount in major units of `currency`. A currency code typed with the amount must be the chosen one, and more
    /// decimals than the currency has (`1.5` yen) are refused rather than rounded: the figure would not be what was meant.
    static func amount(_ text: String?, currency: CurrencyCode, field: String) throws -> Money {
        guard var cleaned = CustomerPageText.text(text).map(ImportCell.compatibilityMapped) else {
            throw DomainError(.missing, "crev_error_amount_missing", field: field)
        }
        let letters = cleaned.filter { $0.isLetter && $0 != "円" }
        if !letters.isEmpty {
            guard letters.count == 3, letters.uppercased() == currency.rawValue else {
                throw DomainError(.invalid, "crev_error_amount_currency", field: field)
            }
            cleaned = cleaned.filter { !($0.isLetter && $0 != "円") }
        }
        cleaned = cleaned.replacingOccurrences(of: " ", with: "")
        switch ImportCell.amount(cleaned, currency: currency.rawValue) {
        case .success(let minor): return Money(minorUnits: minor, currency: currency)
        case .failure:
            if cleaned.contains("-") || cleaned.contains("−") { throw DomainError(.invalid, "crev_error_amount_negative", field: field) }
            let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 == "," || ($0.isASCII && $0.isNumber) } }) {
                switch ImportCell.minorDigits(currency.rawValue) {
                case 0: throw DomainError(.invalid, "crev_error_amount_decimals_0", field: field)
                case 3: throw DomainError(.invalid, "crev_error_amount_decimals_3", field: field)
                default: throw DomainError(.invalid, "crev_error_amount_decimals_2", field: field)
                }
            }
            throw DomainError(.invalid, "crev_error_amount_invalid", field: field)
        }
    }

    /// Minor units written back as a person would type them: `1,200,000`, `1,200.50`.
    static func typed(_ money: Money) -> String {
        let plain = ImportCell.majorUnits(money.minorUnits, currency: money.currency.rawValue)
        let parts = plain.split(separator: ".", maxSplits: 1)
        var digits = Array(parts[0])
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        return parts.count == 2 ? grouped + "." + parts[1] : grouped
    }

    static func date(_ text: String?, field: String) throws -> LocalDate {
        guard let text = CustomerPageText.text(text) else { throw DomainError(.missing, "crev_error_date_missing", field: field) }
        guard case .success(let day) = ImportCell.date(ImportCell.compatibilityMapped(text)) else {
            throw DomainError(.invalid, "crev_error_date_invalid", field: field)
        }
        return day
    }

    static func month(_ text: String?, field: String = "month") throws -> YearMonth {
        guard let text = CustomerPageText.text(text) else { throw DomainError(.missing, "crev_error_month", field: field) }
        guard case .success(let day) = ImportCell.month(ImportCell.compatibilityMapped(text)) else {
            throw DomainError(.invalid, "crev_error_month", field: field)
        }
        return YearMonth(day)
    }

    /// The notice period: a whole number and its unit; blank is none.
    static func notice(_ value: String?, unit: String?) throws -> (days: Int?, months: Int?) {
        guard let text = CustomerPageText.text(value) else { return (nil, nil) }
        guard let n = Int(ImportCell.compatibilityMapped(text)), n >= 0 else {
            throw DomainError(.invalid, "crev_error_notice", field: "notice")
        }
        switch unit {
        case "days": return (n, nil)
        case "months", nil, "": return (nil, n)
        default: throw DomainError(.invalid, "crev_error_notice", field: "notice")
        }
    }

    /// The form's field a use case's refusal names (the API's JSON paths become the form's names).
    static func formField(_ field: String?) -> String? {
        guard var field else { return nil }
        if field.hasPrefix("renewed_contract.") { field.removeFirst("renewed_contract.".count) }
        switch field {
        case "arr.amount_minor", "arr", "amount_minor", "arr.currency": return field == "arr.currency" ? "currency" : "arr"
        case "notice_days", "notice_months": return "notice"
        default: return field
        }
    }

    /// The form as sent, one value a name (the last wins).
    static func fields(_ pairs: [(name: String, value: String)]) -> [String: String] {
        pairs.reduce(into: [:]) { $0[$1.name] = $1.value }
    }
}
