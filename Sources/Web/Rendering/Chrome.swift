import Logging
import Settings
import Foundation
/// What the layout around every page shows: the document's language and title, the assets, and for a signed-in
/// person the menu, their name and the language switch.
struct Chrome: Sendable {
    struct Link: Sendable {
        let label: String
        let href: String
        /// `aria-current="page"` on the page being shown.
        let current: Bool
    }

    struct LanguageOption: Sendable {
        let value: String
        let label: String
        let current: Bool
    }

    let lang: String
    let title: String
    let stylesheet: String
    let script: String
    let signedIn: Bool
    let memberName: String
    let orgName: String
    let nav: [Link]
    let languages: [LanguageOption]
    /// The page shown (path and query), where the language switch comes back to.
    let back: String
    /// What a signed-out page's language links start with: `?`, or the query to keep (a link's token) and `&`.
    var languageQuery = "?"

    /// The menu's pages; `current` is the path of the page shown.
    static func signedIn(
        _ t: Catalogue, title: String, memberName: String, orgName: String, current: String, back: String,
        administers: Bool = false, tickets: Bool = false
    ) -> Chrome {
        var pages = [("nav_home", "/"), ("nav_goals", "/goals/tree"), ("nav_customers", "/customers"), ("nav_success", "/success")]
        // The support queue is in the menu of those who work tickets (support, CSMs, managers, ops).
        if tickets { pages.append(("nav_tickets", "/tickets")) }
        pages += [
            ("nav_meetings", "/meetings"), ("nav_dashboards", "/dashboards"), ("nav_reviews", "/reviews"), ("nav_accountabilities", "/accountabilities"),
            ("nav_reports", "/renewals"), ("nav_org", "/org"), ("nav_inbox", "/me/notifications"),
        ]
        if administers { pages.append(("nav_admin", "/admin")) }
        return Chrome(
            lang: t.language.rawValue, title: title, stylesheet: Assets.stylesheet.path, script: Assets.script.path,
            signedIn: true, memberName: memberName, orgName: orgName,
            nav: pages.map { Link(label: t[$0.0], href: $0.1, current: $0.1 == current || (current.hasPrefix($0.1 + "/") && $0.1 != "/")) },
            languages: Language.allCases.map { LanguageOption(value: $0.rawValue, label: t["language_\($0.rawValue)"], current: $0 == t.language) },
            back: back)
    }

    static func signedOut(_ t: Catalogue, title: String) -> Chrome {
        Chrome(
            lang: t.language.rawValue, title: title, stylesheet: Assets.stylesheet.path, script: Assets.script.path,
            signedIn: false, memberName: "", orgName: "", nav: [],
            languages: Language.allCases.map { LanguageOption(value: $0.rawValue, label: t["language_\($0.rawValue)"], current: $0 == t.language) },
            back: "/")
    }
}
