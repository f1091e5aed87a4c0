import Domain
import HTTPTypes
import Hummingbird

/// What the pages a customer contact opens from a mailed link share (`/g/{token}`, `/c/{token}`, `/u/{token}`):
/// their language, and an answer that is never cached, indexed or sent on as a referrer — the URL is the credential.
enum PublicLinkPage {
    static func respond(_ template: String, _ model: Any) -> Response {
        var response = PageResponse.render(template, model)
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[HTTPField.Name("X-Robots-Tag")!] = "noindex, nofollow"
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func languages(_ t: Catalogue) -> [Chrome.LanguageOption] {
        Language.allCases.map { Chrome.LanguageOption(value: $0.rawValue, label: t["language_\($0.rawValue)"], current: $0 == t.language) }
    }

    /// `?lang=` when the contact switched, else the org's language (a contact has none of their own), else the
    /// browser's.
    static func language(_ request: Request, org: Organization.Locale?) -> Language {
        if let picked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return picked }
        if let org { return Language(org) }
        return Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
    }
}
