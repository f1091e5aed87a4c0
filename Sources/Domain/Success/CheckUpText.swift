import Foundation

/// A check-up's wording in both of Banso's languages: the form is shown in the contact's language, and a
/// questionnaire that exists only in one would silently send the other half of the customers a form they
/// cannot read.
public struct CheckUpText: Sendable, Hashable, Codable {
    public var ja: String
    public var en: String

    public init(ja: String, en: String) { (self.ja, self.en) = (ja, en) }

    public func text(_ locale: Organization.Locale) -> String {
        switch locale {
        case .ja: ja
        case .en: en
        }
    }

    /// Both wordings trimmed and 1…`limit` characters; the error names `field.ja` or `field.en`.
    func validated(field: String, limit: Int = 500) throws -> CheckUpText {
        let trimmed = CheckUpText(ja: ja.trimmingCharacters(in: .whitespacesAndNewlines), en: en.trimmingCharacters(in: .whitespacesAndNewlines))
        for (language, value) in [("ja", trimmed.ja), ("en", trimmed.en)] where !(1...limit).contains(value.count) {
            throw DomainError(.invalid, "the \(language) wording is 1 to \(limit) characters", field: "\(field).\(language)")
        }
        return trimmed
    }
}
