import Credentials
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `GET /v1/calendar/{token}.ics`: the iCalendar feed a calendar client subscribes to — public, the token in the
/// path is the only credential (calendar clients send no headers of ours). An unknown, revoked or dead token gets
/// the same 404 whatever the reason.
///
/// The route is declared as `/v1/calendar/{token}` and the token is read with its `.ics`: ``Route`` turns `{token}`
/// into Hummingbird's `:token`, and `:token.ics` would be a capture named `token.ics`, so the suffix is taken off
/// here. The request log writes this route's template, never its path (``RequestLogMiddleware``).
struct CalendarFeedFetchController: RouteCollection {
    let store: Store
    /// The base of the meeting links inside the events.
    let publicURL: String

    static let path = "/v1/calendar/{token}"

    var routes: [Route<AppRequestContext>] {
        [
            Route(.get, Self.path, id: "getCalendarFeed",
                  summary: "An iCalendar (RFC 5545) feed of meetings, for calendar clients: the URL a calendar feed was issued with (`<token>.ics`). Times, titles and a link only; ETag and If-None-Match honoured",
                  tag: "meetings",
                  parameters: [["name": "token", "in": "path", "required": true, "schema": Schema.string,
                                "description": "the feed's secret token followed by .ics"]],
                  responses: [200: ("The calendar, as text/calendar", nil), 304: ("Not modified since the ETag sent", nil)],
                  problems: [404], handler: feed),
        ]
    }

    /// Calendar clients poll, some every few minutes: five minutes of private caching spares a render while a
    /// revoked URL still dies within minutes; no shared cache may keep a personal calendar.
    static let cacheControl = "private, max-age=300"

    @Sendable func feed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let raw = context.parameters.get("token") ?? ""
        let token = raw.hasSuffix(".ics") ? String(raw.dropLast(4)) : raw
        // Anything that is not one of our tokens is not looked up.
        guard token.hasPrefix(Secrets.tokenPrefix), token.utf8.count <= 100,
              let text = try await CalendarFeeds.render(store, tokenHash: Secrets.hash(token: token), publicURL: publicURL)
        else { return try Self.notFound(context) }
        let bytes = Array(text.utf8)
        var headers = Self.privateHeaders
        let tag = Self.entityTag(bytes)
        headers[.eTag] = tag
        headers[.cacheControl] = Self.cacheControl
        if let wanted = request.headers[.ifNoneMatch], Self.matches(wanted, tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "text/calendar; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// What every answer carries: a feed URL is a credential, so nothing may leak it onwards or index it.
    static var privateHeaders: HTTPFields {
        [HTTPField.Name("Referrer-Policy")!: "no-referrer", HTTPField.Name("X-Robots-Tag")!: "noindex, nofollow",
         HTTPField.Name("X-Content-Type-Options")!: "nosniff"]
    }

    /// The calendar's bytes hashed: the writer renders the same calendar to the same bytes, so an unchanged feed
    /// keeps its tag and a poll costs no download.
    static func entityTag(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// `If-None-Match` (RFC 9110 §13.1.2): a list of tags or `*`, compared weakly.
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || (trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed) == tag
        }
    }

    /// The problem answer with the route's template as its `instance`: the path would hold the token.
    static func notFound(_ context: AppRequestContext) throws -> Response {
        let body = Problem.Body(
            type: "urn:banso:problem:not_found", title: HTTPResponse.Status.notFound.reasonPhrase, status: 404, code: "not_found",
            detail: "no calendar feed at this address; issue a new one in Banso", instance: path + ".ics", field: nil, errors: nil,
            requestID: context.requestID, missingPermission: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = privateHeaders
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        return Response(status: .notFound, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }
}
