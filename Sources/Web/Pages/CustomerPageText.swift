import Domain
import Foundation
import Store

/// What the customer pages (list, customer, health, edit, imports) word the same way: grades, phases and their
/// risk reasons, signal values. (Money and months are `PageFormat`'s.) Formatted in Swift so templates only place text.
enum CustomerPageText {
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
