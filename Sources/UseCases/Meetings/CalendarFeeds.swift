public import Domain
public import Foundation
public import Store
import Credentials

/// Calendar feeds: a secret URL per member (the meetings they take part in) or per body they may read, which
/// Google Calendar, Outlook or Apple Calendar subscribe to. The token is made here and shown once; only its SHA-256
/// is kept. Issuing a feed that is already live rotates it (the old URL dies); a member's feeds are revoked when
/// they are deactivated, and checked again on every fetch.
public struct CalendarFeeds: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The caller's live feeds. Only their own: a feed is a personal link, and nobody else has a use for it.
    public func list(after cursor: UUID?, limit: Int) async throws -> Page<CalendarFeedRecord> {
        try await CalendarFeedRepository.list(tx, member: identity.memberID, after: cursor, limit: limit)
    }

    /// The body a feed would show, or 404 — the same for a body that does not exist and one the caller may not
    /// read, so a feed request cannot probe for bodies.
    public func checkBody(_ body: UUID?) async throws {
        guard let body else { return }
        _ = try await MeetingBodies(tx, caller).get(body)
    }

    /// Issues the caller's feed — their own (`body` nil) or a body's they may read — with its token, which nothing
    /// keeps: the caller's only chance to see it. A live feed for the same calendar is replaced and its URL dies.
    public func issue(body: UUID?) async throws -> (feed: CalendarFeedRecord, token: String) {
        try await checkBody(body)
        let token = Secrets.newToken()
        let (feed, replaced) = try await CalendarFeedRepository.issue(
            tx, id: .v7(), member: identity.memberID, body: body, tokenHash: Secrets.hash(token: token))
        try await Audit.record(
            tx, caller, action: replaced == nil ? "calendar_feed.create" : "calendar_feed.rotate", resource: "calendar_feed",
            id: feed.id, before: replaced.map { CalendarFeedDTO($0) }, after: CalendarFeedDTO(feed))
        return (feed, token)
    }

    /// A new URL for one of the caller's feeds; the old one stops working at once. The feed gets a new id.
    public func rotate(_ id: UUID) async throws -> (feed: CalendarFeedRecord, token: String) {
        guard let feed = try await CalendarFeedRepository.get(tx, id: id, lock: true), feed.memberID == identity.memberID else {
            throw Self.notFound
        }
        // Through issue's check of the body: a rotation must not renew a body feed for someone who may no longer
        // read the body.
        return try await issue(body: feed.bodyID)
    }

    public func revoke(_ id: UUID) async throws {
        guard let feed = try await CalendarFeedRepository.get(tx, id: id, lock: true), feed.memberID == identity.memberID else {
            throw Self.notFound
        }
        _ = try await CalendarFeedRepository.revoke(tx, id: id)
        try await Audit.record(tx, caller, action: "calendar_feed.revoke", resource: "calendar_feed", id: id, before: CalendarFeedDTO(feed))
    }

    /// Another member's feed, a revoked one and an unknown id answer alike.
    static let notFound = DomainError(.notFound, "calendar feed not found")
}

// MARK: - Following the URL

/// What a calendar client gets with a feed URL, without being signed in. The token's look-up is declared system work
/// — the one thing that cannot know the org in advance — and everything after it runs in the feed's org's own
/// transaction, with the member's rights as they are now.
extension CalendarFeeds {
    /// The feed's path on the public base URL: the token, then `.ics`, which some clients want to see.
    public static func path(token: String) -> String { "/v1/calendar/\(token).ics" }

    /// The page of one occurrence, on the public base URL.
    public static func meetingPagePath(_ id: UUID) -> String { "/meetings/\(id.uuidString.lowercased())" }

    /// The calendar behind a token as iCalendar text, or `nil` when the token is unknown or revoked, its member is
    /// no longer active, or — for a body's feed — the member may no longer read the body: one answer for each, so a
    /// fetch tells nothing about why.
    /// - Parameter publicURL: the base of the links in the events (no trailing slash).
    public static func render(_ store: Store, tokenHash: [UInt8], publicURL: String) async throws -> String? {
        guard let target = try await store.system({ tx in try await CalendarFeedRepository.resolve(tx, tokenHash: tokenHash) })
        else { return nil }
        let now = store.now
        return try await store.tenant(target.orgID) { tx in
            // Checked again in the org's own transaction: the feed may have been revoked since the look-up.
            guard let feed = try await CalendarFeedRepository.get(tx, id: target.id),
                  let member = try await MemberRepository.get(tx, id: feed.memberID), member.active,
                  let org = try await OrganizationRepository.get(tx, id: tx.org)
            else { return nil }
            let zone = TimeZone(identifier: org.timeZone) ?? TimeZone(secondsFromGMT: 0)!
            let window = MeetingCalendarEntry.feedWindow(at: now)
            let name: String
            let entries: [MeetingCalendarEntry]
            if let bodyID = feed.bodyID {
                guard let body = try await MeetingBodyRepository.get(tx, id: bodyID),
                      try await MeetingBodies(tx, memberCaller(tx, member, org, now: now)).canRead(body)
                else { return nil }
                name = body.name
                entries = try await CalendarFeedRepository.bodyEntries(tx, body: bodyID, window: window)
            } else {
                name = MeetingCalendarEntry.memberCalendarName(member.displayName)
                entries = try await CalendarFeedRepository.memberEntries(tx, member: member.id, window: window)
            }
            let calendar = MeetingCalendarEntry.calendar(
                name: name, zone: zone, window: window, entries: entries,
                page: { URL(string: publicURL + meetingPagePath($0)) }, locale: member.locale ?? org.locale)
            return calendar.render()
        }
    }

    /// The feed's member as a caller with their grants as they are now: a member who lost the right to read a body
    /// loses its feed on the next fetch.
    static func memberCaller(_ tx: TenantTransaction, _ member: Member, _ org: Organization, now: Date) async throws -> Caller {
        let grants = try await GrantRepository.forMember(tx, member: member.id).map(\.grant)
        let structure = try await TeamRepository.structure(tx)
        let credential = Credential(kind: .session, id: member.id, orgID: tx.org, memberID: member.id, scopes: nil)
        let identity = Identity(
            orgID: tx.org, memberID: member.id, credential: credential, actor: Actor(memberID: member.id, grants: grants),
            structure: structure, fiscalYearStartMonth: org.fiscalYearStartMonth)
        return Caller(identity: identity, requestID: "calendar-feed", now: now)
    }
}
