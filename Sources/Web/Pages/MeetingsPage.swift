import API
import Domain
import Foundation
import Hummingbird
import Settings
import Store
import UseCases

/// `/meetings`: my meetings of the next five weeks, the meeting bodies I may read, and my calendar subscriptions —
/// issue, rotate, revoke. A feed's URL holds its secret, so it is shown once, on the answer to the POST that made it,
/// and never again (the list shows only which calendars are live).
struct MeetingsPage: Sendable {
    let services: AppServices
    var store: Store { services.store }

    struct Upcoming: Sendable {
        let href: String
        let when: String
        let body: String
        let state: String
        let stateClass: String
        let offCadence: Bool
    }

    struct BodyRow: Sendable {
        let href: String
        let name: String
        let purpose: String
        let cadence: String
        let scope: String
        let facilitator: String
    }

    struct Feed: Sendable {
        let id: String
        let label: String
        let issued: String
        let rotateLabel: String
        let revokeLabel: String
    }

    /// A URL just issued: the reader's one chance to copy it.
    struct Issued: Sendable {
        let url: String
        let label: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let upcoming: [Upcoming]
        let noUpcoming: Bool
        let bodies: [BodyRow]
        let noBodies: Bool
        let canManage: Bool
        let feeds: [Feed]
        let noFeeds: Bool
        let hasOwnFeed: Bool
        let issued: Issued?
        let notice: String?
    }

    static let notices = ["revoked": "mtg_notice_feed_revoked", "archived": "mtg_notice_body_archived"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, issued: nil, notice: notice)
        }
        return PageResponse.render("mtg-index", model)
    }

    // MARK: - Calendar feeds

    struct FeedFields: Decodable {
        var body: String?
    }

    /// Issues the reader's own feed (or a body's, from the body's page): the page that answers shows the URL once.
    func issueFeed(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: FeedFields.self, context: context)
        let body = form.body.flatMap { $0.isEmpty ? nil : $0 }
        let bodyID: UUID? = try body.map { text in
            guard let id = MeetingPageText.id(text) else { throw DomainError(.notFound, "meeting body not found") }
            return id
        }
        let model = try await store.tenant(context) { tx, caller in
            let (feed, token) = try await CalendarFeeds(tx, caller).issue(body: bodyID)
            return try await load(tx, caller, page: "/meetings", issued: (feed, token), notice: nil)
        }
        return PageResponse.render("mtg-index", model, status: .created)
    }

    func rotateFeed(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.feedID(context)
        let model = try await store.tenant(context) { tx, caller in
            let (feed, token) = try await CalendarFeeds(tx, caller).rotate(id)
            return try await load(tx, caller, page: "/meetings", issued: (feed, token), notice: nil)
        }
        return PageResponse.render("mtg-index", model, status: .created)
    }

    func revokeFeed(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.feedID(context)
        try await store.tenant(context) { tx, caller in try await CalendarFeeds(tx, caller).revoke(id) }
        return .seeOther("/meetings?done=revoked#calendar-heading")
    }

    static func feedID(_ context: AuthenticatedContext) throws -> UUID {
        guard let id = MeetingPageText.id(context.parameters.get("feed")) else { throw DomainError(.notFound, "calendar feed not found") }
        return id
    }

    // MARK: - The page

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, issued: (feed: CalendarFeedRecord, token: String)?, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let now = caller.now
        let mine = try await Meetings(tx, caller).mine(from: now.addingTimeInterval(-3600), to: now.addingTimeInterval(35 * 86_400))
        let bodies = try await MeetingBodies(tx, caller).list()
        let names = try await MemberRepository.displayNames(tx)
        let places = try await MeetingPageText.places(tx, caller)
        let feeds = try await CalendarFeeds(tx, caller).list(after: nil, limit: 100).items.filter { $0.revokedAt == nil }
        func feedLabel(_ feed: CalendarFeedRecord) -> String {
            feed.bodyID == nil ? t["mtg_feed_mine"] : t.format("mtg_feed_body", ["name": feed.bodyName ?? ""])
        }
        return Model(
            chrome: reader.chrome(title: t["mtg_title"], current: "/meetings", page: page), t: t.strings,
            upcoming: mine.map { meeting, bodyName in
                let state = MeetingPageText.state(meeting, t)
                return Upcoming(
                    href: "/meetings/\(meeting.id.lowercased)", when: MeetingPageText.when(meeting, f), body: bodyName,
                    state: state.label, stateClass: state.css, offCadence: meeting.offCadence)
            },
            noUpcoming: mine.isEmpty,
            bodies: bodies.map { body in
                BodyRow(
                    href: "/meeting-bodies/\(body.id.lowercased)", name: body.name, purpose: MeetingPageText.purpose(body.purpose, t),
                    cadence: body.cadence.map { f.recurrence($0) } ?? t["mtg_no_cadence"],
                    scope: places.name(of: body.scope, t),
                    facilitator: body.facilitatorID.flatMap { names[$0] } ?? t["mtg_no_facilitator"])
            },
            noBodies: bodies.isEmpty,
            canManage: reader.may(.manageMeetings),
            feeds: feeds.map { feed in
                let label = feedLabel(feed)
                return Feed(
                    id: feed.id.lowercased, label: label, issued: t.format("mtg_feed_issued", ["date": f.dateTime(feed.createdAt)]),
                    rotateLabel: t.format("mtg_feed_rotate_named", ["name": label]),
                    revokeLabel: t.format("mtg_feed_revoke_named", ["name": label]))
            },
            noFeeds: feeds.isEmpty,
            hasOwnFeed: feeds.contains { $0.bodyID == nil },
            issued: issued.map { Issued(url: services.configuration.publicURL + CalendarFeeds.path(token: $0.token), label: feedLabel($0.feed)) },
            notice: notice.map { t[$0] })
    }
}
