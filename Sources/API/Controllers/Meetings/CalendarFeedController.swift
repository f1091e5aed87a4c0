import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/me/calendar-feeds`: the caller's calendar subscriptions — their own meetings, or one body's they may read.
/// The URL holds a secret token and is shown once, when the feed is issued or rotated; only its SHA-256 is kept.
/// Every member manages their own feeds and nobody else's; the feed itself is served by
/// ``CalendarFeedFetchController``.
struct CalendarFeedController: RouteCollection {
    let store: Store
    /// Where people open Banso: the base of the feed URLs.
    let publicURL: String

    struct Input: RequestBody {
        var bodyId: UUID?

        static let schema = Schema.object(["body_id": Schema.nullable(Schema.uuid)])
    }

    static let schema = Schema.of(CalendarFeedDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "meetings"
        return [
            Route(.get, "/v1/me/calendar-feeds", id: "listCalendarFeeds",
                  summary: "Your live calendar feeds (never their URLs, which hold the secret)", tag: tag,
                  parameters: Schema.paging, responses: [200: ("Calendar feeds", Schema.list(Self.schema))], problems: [422],
                  handler: list),
            Route(.post, "/v1/me/calendar-feeds", id: "createCalendarFeed",
                  summary: "Issue an iCalendar feed of your meetings (`body_id` null) or of a meeting body you may read; the URL is shown once. Issuing one that is live rotates it: the old URL stops working",
                  tag: tag, body: Input.self, responses: [201: ("Issued; `url` holds the secret", Self.schema)], problems: [404, 409, 422],
                  handler: create),
            Route(.post, "/v1/me/calendar-feeds/{id}/rotate", id: "rotateCalendarFeed",
                  summary: "A new URL for one of your calendar feeds (a new id too); the old URL stops working at once", tag: tag,
                  parameters: [Schema.pathID()], responses: [201: ("Rotated; `url` holds the secret", Self.schema)], problems: [404, 409],
                  handler: rotate),
            Route(.delete, "/v1/me/calendar-feeds/{id}", id: "revokeCalendarFeed", summary: "Revoke one of your calendar feeds",
                  tag: tag, parameters: [Schema.pathID()], responses: [204: ("Revoked", nil)], problems: [404], handler: revoke),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await CalendarFeeds(tx, caller).list(after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map { CalendarFeedDTO($0) }, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: Input.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let feeds = CalendarFeeds(tx, caller)
            // Checked before a replay is answered, as a fresh request would be: a replay must not show a body's name
            // to someone who lost the right to read it.
            try await feeds.checkBody(input.bodyId)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let (feed, token) = try await feeds.issue(body: input.bodyId)
                // A replay answers without the URL, which is never stored.
                return try .init(CalendarFeedDTO(feed, url: url(token)), replay: CalendarFeedDTO(feed))
            }
        }
    }

    @Sendable func rotate(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "calendar feed")
        let (feed, token) = try await store.tenant(context) { tx, caller in try await CalendarFeeds(tx, caller).rotate(id) }
        return try JSONResponse.make(CalendarFeedDTO(feed, url: url(token)), status: .created)
    }

    @Sendable func revoke(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "calendar feed")
        try await store.tenant(context) { tx, caller in try await CalendarFeeds(tx, caller).revoke(id) }
        return JSONResponse.noContent()
    }

    func url(_ token: String) -> String { publicURL + CalendarFeeds.path(token: token) }
}
