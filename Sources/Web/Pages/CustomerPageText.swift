import Domain
import Foundation
import Store

/// What the customer pages (list, customer, health, edit, imports) word the same way: grades, phases and their
/// risk reasons, money per currency, signal values. Formatted in Swift so templates only place text.
enum CustomerPageText {
    /// Currencies without minor units (ISO 4217 exponent 0) among those a Japanese CS team meets.
    static let wholeCurrencies: Set<String> = ["JPY", "KRW", "VND", "CLP", "ISK", "TWD"]

    /// `JPY 1,200,000` / `USD 12,000.50`: the currency is always named, since amounts are never converted.
    static func money(_ amount: Money, _ f: PageFormat) -> String {
        let code = amount.currency.rawValue
        if wholeCurrencies.contains(code) { return "\(code) \(f.number(Double(amount.minorUnits), fractionDigits: 0))" }
        return "\(code) \(f.number(Double(amount.minorUnits) / 100, fractionDigits: 2))"
    }

    /// The grade as a badge: the letter and its meaning in words, so it is never colour alone.
    struct Grade: Sendable {
        let letter: String
        let label: String
        let css: String
    }

    static func grade(_ grade: HealthGrade?, _ t: Catalogue) -> Grade {
        guard let grade else { return Grade(letter: "–", label: t["cust_grade_none"], css: "none") }
        return Grade(letter: grade.rawValue, label: t["cust_grade_\(grade.rawValue.lowercased())"], css: grade.rawValue.lowercased())
    }

    static func phase(_ phase: LifecyclePhase, _ t: Catalogue) -> String { t["cust_phase_\(phase.rawValue)"] }

    /// Seed 002's wording of a risk reason, in the reader's language.
    static func risk(_ risk: LifecycleRisk, _ t: Catalogue) -> String { t["cust_risk_\(risk.rawValue)"] }

    static func signal(_ kind: HealthSignalKind, _ t: Catalogue) -> String {
        kind.label(t.language == .ja ? .ja : .en)
    }

    /// A 0–100 score or points with one decimal.
    static func points(_ value: Double, _ f: PageFormat) -> String { f.number(value, fractionDigits: 1) }

    /// `+3.5` / `−8.0`: a change in points, signed so that it reads without colour.
    static func signed(_ value: Double, _ f: PageFormat) -> String {
        let text = f.number(abs(value), fractionDigits: 1)
        if abs(value) < 0.05 { return "±0" }
        return (value < 0 ? "−" : "+") + text
    }

    /// `2026年3月` / `Mar 2026` for the first day of a month.
    static func month(_ day: LocalDate, _ f: PageFormat) -> String {
        switch f.language {
        case .ja: "\(day.year)年\(day.month)月"
        case .en: "\(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.month - 1]) \(day.year)"
        }
    }

    /// The id of a path parameter; anything that is not a UUID is a customer that does not exist.
    static func id(_ text: String?, what: String = "customer not found") throws -> UUID {
        guard let text, let id = UUID(uuidString: text) else { throw DomainError(.notFound, what) }
        return id
    }

    /// Blank text is nothing.
    static func text(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A refusal as the form shows it: the message in the reader's language, placed beside `field` when the form
    /// has that field, else at the top.
    struct Refusal: Sendable {
        let field: String?
        let message: String

        init(_ error: DomainError, _ t: Catalogue) {
            field = error.field
            message = t.explain(error)
        }

        func at(_ name: String) -> String? { field == name ? message : nil }
        func general(_ fields: Set<String>) -> String? { field.map { fields.contains($0) } == true ? nil : message }
    }
}
