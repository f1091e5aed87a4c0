import Foundation

/// Validation of what people type when they set up an organisation.
public enum TenancyRules {
    /// A slug for sign-in URLs from a name. Japanese (or any non-Latin) names have no ASCII to keep, so the
    /// caller's `fallback` (random) suffix stands in; a Latin name keeps its words.
    public static func slug(from name: String, fallback: String) -> String {
        var slug = ""
        var lastWasDash = true
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                slug.append("-")
                lastWasDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 40 { slug = String(slug.prefix(40)); while slug.hasSuffix("-") { slug.removeLast() } }
        if slug.count < 3 { return "org-" + fallback }
        return slug
    }

    public static func validateSlug(_ slug: String) throws {
        let allowed = slug.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.lowercaseLetters.contains($0) || CharacterSet.decimalDigits.contains($0) || $0 == "-") }
        guard (3...63).contains(slug.count), allowed, !slug.hasPrefix("-"), !slug.hasSuffix("-") else {
            throw DomainError(
                .invalid, "a slug is 3–63 lowercase letters, digits and dashes, not starting or ending with a dash",
                field: "slug")
        }
    }

    /// A display name in any script, trimmed, 1–200 characters.
    public static func name(_ raw: String, field: String) throws -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError(.missing, "\(field) must not be empty", field: field) }
        guard trimmed.count <= 200 else { throw DomainError(.invalid, "\(field) is longer than 200 characters", field: field) }
        return trimmed
    }

    public static func email(_ raw: String, field: String = "email") throws -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !trimmed.contains(" "), trimmed.count <= 254
        else { throw DomainError(.invalid, "not an e-mail address", field: field) }
        return trimmed
    }

    public static func timeZone(_ raw: String, field: String = "time_zone") throws -> String {
        guard TimeZone(identifier: raw) != nil, raw.contains("/") || raw == "UTC" else {
            throw DomainError(.invalid, "not an IANA time zone such as Asia/Tokyo", field: field)
        }
        return raw
    }

    public static func locale(_ raw: String, field: String = "locale") throws -> Organization.Locale {
        guard let locale = Organization.Locale(rawValue: raw) else {
            throw DomainError(.invalid, "locale is ja or en", field: field)
        }
        return locale
    }

    public static func fiscalYearStartMonth(_ month: Int) throws -> Int {
        guard (1...12).contains(month) else {
            throw DomainError(.invalid, "the fiscal year starts in a month 1–12", field: "fiscal_year_start_month")
        }
        return month
    }

    /// A password long enough to resist guessing; bcrypt reads at most 72 bytes.
    public static func password(_ raw: String, field: String = "password") throws -> String {
        guard raw.count >= 10 else { throw DomainError(.invalid, "a password has at least 10 characters", field: field) }
        guard raw.utf8.count <= 72 else { throw DomainError(.invalid, "a password has at most 72 bytes", field: field) }
        return raw
    }
}
