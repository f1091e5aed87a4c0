public import Domain
public import Foundation
public import Store
import Credentials

/// Following a client party's goal-sheet link, without signing in (`/g/{token}`). The token's look-up is declared
/// system work — the one thing that cannot know the org in advance — and everything after it runs in the link's
/// org's own transaction. An unknown, expired or used link, or one whose program no longer runs, answers alike
/// (``Outcome/gone``), so a link tells nothing about why; a link issued before the sheet changed says so and asks for
/// a new one, showing nothing of the sheet.
public enum GoalSheetLinks {
    /// What the page shows: this link's sheet and nothing else.
    public struct View: Sendable {
        public var orgName: String
        public var orgLocale: Organization.Locale
        public var timeZone: String
        public var customerName: String
        public var party: GoalSheetParty
        public var contactName: String
        public var sheet: GoalSheet
        /// The names of the people who agreed (members and contacts), by id.
        public var names: [UUID: String]
        public var expiresAt: Date
        /// Whether this link's contact already agreed this version.
        public var agreed: Bool
    }

    public enum Outcome: Sendable {
        case open(View)
        /// Agreed now (or earlier, through another link).
        case agreed(View)
        /// The sheet changed after the link was issued: a new link is needed.
        case stale(orgLocale: Organization.Locale)
        case gone
    }

    public static func open(_ store: Store, token: String) async throws -> Outcome {
        try await follow(store, token: token, agree: false)
    }

    /// Records the link's party's agreement, given by the link's contact to the version the link was issued for, and
    /// marks the link used.
    public static func agree(_ store: Store, token: String) async throws -> Outcome {
        try await follow(store, token: token, agree: true)
    }

    /// How many agreements one client address may post in ``window``: plenty for a person, little for a guesser.
    public static let postsPerWindow = 20
    public static let window: Duration = .seconds(600)

    /// Counts a POST from `address` against the limit; the seconds to wait when over it, else `nil`.
    public static func admit(_ store: Store, address: String) async throws -> Int? {
        let key = "goal_sheet_link:address:\(address)"
        let (refused, _) = try await store.system { tx in
            try await CredentialRepository.countAttempt(tx, limits: [(key, postsPerWindow)], window: window)
        }
        guard let refused else { return nil }
        let now = store.now
        let retry = (refused.oldest ?? now).addingTimeInterval(TimeInterval(window.components.seconds)).timeIntervalSince(now)
        return max(1, Int(retry.rounded(.up)))
    }

    static func follow(_ store: Store, token: String, agree: Bool) async throws -> Outcome {
        // Anything that cannot be a token is not looked up at all.
        guard token.hasPrefix(SecretToken.prefix), (20...100).contains(token.count) else { return .gone }
        let hash = SecretToken.hash(token)
        guard let target = try await store.system({ tx in try await GoalSheetLinkRepository.resolve(tx, tokenHash: hash) })
        else { return .gone }
        let now = store.now
        return try await store.tenant(target.orgID) { tx in
            guard let link = try await GoalSheetLinkRepository.get(tx, id: target.id, lock: agree),
                  link.usedAt == nil, link.expiresAt > now,
                  let enrolment = try await EnrolmentRepository.get(tx, id: link.enrolmentID, lock: agree), enrolment.state == .active,
                  let customer = try await CustomerRepository.get(tx, id: enrolment.customerID), customer.archivedAt == nil,
                  let org = try await OrganizationRepository.get(tx, id: tx.org),
                  var sheet = try await GoalSheetRepository.get(tx, enrolment: enrolment.id, lock: agree)
            else { return .gone }
            guard sheet.version == link.sheetVersion else { return .stale(orgLocale: org.locale) }
            var agreed = sheet.current(link.party)?.personID == link.contactID
            if agree {
                if !agreed {
                    try sheet.agree(link.party, by: link.contactID, toVersion: link.sheetVersion, csmID: enrolment.csmID, at: now)
                    sheet = try await GoalSheetRepository.save(tx, sheet)
                }
                try await GoalSheetLinkRepository.markUsed(tx, id: link.id)
                agreed = true
            }
            let contacts = [sheet.content.clientOwnerID, sheet.content.decisionMakerID]
            var names = try await EnrolmentRepository.contactNames(tx, contacts + sheet.agreements.map(\.personID))
            names.merge(try await CustomerRepository.memberNames(tx, sheet.agreements.filter { $0.party == .csm }.map(\.personID))) { $1 }
            let view = View(
                orgName: org.name, orgLocale: org.locale, timeZone: org.timeZone, customerName: customer.name, party: link.party, contactName: names[link.contactID] ?? "",
                sheet: sheet, names: names, expiresAt: link.expiresAt, agreed: agreed)
            return agree ? .agreed(view) : .open(view)
        }
    }
}
