import Logging
import Settings
import Domain
import Foundation
import Store
import UseCases

/// The signed-in person a page is written for: their name, their language and time zone (their own, else the
/// organisation's), loaded in the page's own transaction.
struct Reader: Sendable {
    let profile: MemberProfile
    let t: Catalogue
    let format: PageFormat
    let identity: Identity

    static func load(_ tx: TenantTransaction, _ caller: Caller) async throws -> Reader {
        guard let profile = try await MemberProfile.load(tx, member: caller.identity.memberID) else {
            throw DomainError(.notFound, "member not found")
        }
        let language = Language(profile.member.locale ?? profile.org.locale)
        let zone = TimeZone(identifier: profile.member.timeZone ?? profile.org.timeZone) ?? TimeZone(identifier: "Asia/Tokyo")!
        return Reader(profile: profile, t: Catalogue(language), format: PageFormat(language: language, timeZone: zone), identity: caller.identity)
    }

    /// `page` is the request's path and query, for the language switch to come back to.
    func chrome(title: String, current: String, page: String) -> Chrome {
        .signedIn(
            t, title: title, memberName: profile.member.displayName, orgName: profile.org.name, current: current,
            back: SignInTarget.safe(page), administers: administers, tickets: identity.reach(.writeTickets).anywhere)
    }

    /// Whether the reader holds, somewhere, a permission one of the administration pages needs: the menu shows
    /// them the way there.
    var administers: Bool {
        Self.administration.contains { identity.reach($0).anywhere }
    }

    static let administration: [Permission] = [
        .manageCompanies, .manageTeams, .manageMembers, .manageGrants, .manageOrg, .manageAllTokens, .readAudit,
        .manageGoalSettings, .manageJobs, .manageHealthModels,
    ]

    /// Whether the reader may `permission` somewhere: a page shows an action's form only to those it would not refuse.
    func may(_ permission: Permission) -> Bool { identity.reach(permission).anywhere }

    /// The reader's calendar day now.
    func today(_ now: Date) -> LocalDate { format.day(of: now) }
}
