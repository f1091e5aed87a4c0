import Domain
import Foundation
import Store
import UseCases

/// What the check-up pages share: reading ids from paths, naming kinds, recipients and verdicts in the reader's
/// language, the rate bar's geometry.
enum CheckUpPageText {
    /// The id in the path's `name` parameter, or the 404 the use case would give for an unknown one.
    static func id(_ text: String?, _ what: String) throws -> UUID {
        guard let id = MeetingPageText.id(text) else { throw DomainError(.notFound, what) }
        return id
    }

    static func kind(_ kind: CheckUpQuestion.Kind, _ t: Catalogue) -> String {
        switch kind {
        case .scale(let min, let max): t.format("cku_kind_scale_range", ["min": String(min), "max": String(max)])
        case .choice: t["cku_kind_choice"]
        case .freeText: t["cku_kind_free_text"]
        }
    }

    static func recipients(_ rule: SurveyRecipients, _ t: Catalogue) -> String {
        t["cku_recipients_\(rule.rawValue)"]
    }

    static func locale(_ t: Catalogue) -> Organization.Locale { t.language == .en ? .en : .ja }

    /// A rate as `20%`, or a dash when nothing was sent ("no check-ups" is not "nobody answered").
    static func percent(_ rate: ResponseRate, _ f: PageFormat) -> String {
        rate.rate.map(f.percent) ?? "–"
    }

    /// `20%（10件中2件）` / `20% (2 of 10)`.
    static func rateText(_ rate: ResponseRate, _ t: Catalogue, _ f: PageFormat) -> String {
        guard rate.sent > 0 else { return t["cku_rate_none"] }
        return t.format("cku_rate_of", ["rate": percent(rate, f), "answered": f.number(Double(rate.answered)), "sent": f.number(Double(rate.sent))])
    }

    /// The width (0–100) a rate's bar fills.
    static func width(_ rate: ResponseRate) -> String {
        String(format: "%.1f", min(100, max(0, (rate.rate ?? 0) * 100)))
    }

    /// The customer's name in the reader's language, as the customer pages show it.
    static func customerName(_ customer: Customer, _ t: Catalogue) -> String {
        if t.language == .en, let english = customer.nameEn, !english.isEmpty { return english }
        return customer.name
    }
}
