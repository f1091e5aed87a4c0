import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/me/notifications`: the caller's in-app inbox, newest first, in the language they read.
struct NotificationController: RouteCollection {
    let store: Store

    struct NotificationDTO: Codable, Sendable {
        var id: UUID
        var kind: String
        var title: String
        var body: String
        var subjectType: String?
        var subjectID: UUID?
        var createdAt: Date
        var readAt: Date?
        init(_ n: NotificationRepository.Item) {
            (id, kind, title, body, subjectType, subjectID, createdAt, readAt) =
                (n.id, n.kind, n.title, n.body, n.subjectType, n.subjectID, n.createdAt, n.readAt)
        }
    }
    struct InboxDTO: Codable, Sendable {
        var items: [NotificationDTO]
        var nextCursor: String?
        var unread: Int
    }

    static let schema = Schema.of(NotificationDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "notifications"
        return [
            Route(.get, "/v1/me/notifications", id: "listNotifications", summary: "The caller's inbox, newest first", tag: tag,
                  parameters: Schema.paging + [Schema.query("unread", Schema.boolean, "only unread ones")],
                  responses: [200: ("Inbox", Schema.of(InboxDTO.self))],
                  problems: [422], handler: list),
            Route(.post, "/v1/me/notifications/{id}/read", id: "readNotification", summary: "Mark one notification read", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Read", nil)], problems: [404], handler: read),
            Route(.post, "/v1/me/notifications/read-all", id: "readAllNotifications", summary: "Mark every notification read", tag: tag,
                  responses: [200: ("How many", Schema.object(["marked": Schema.integer]))], handler: readAll),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let unreadOnly = request.uri.queryParameters["unread"] == "true"
        let (page, unread) = try await store.tenant(context) { tx, caller in
            try await Notifications(tx, caller).list(unreadOnly: unreadOnly, before: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(
            InboxDTO(items: page.items.map(NotificationDTO.init), nextCursor: page.nextCursor?.uuidString.lowercased(), unread: unread))
    }

    @Sendable func readAll(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let marked = try await store.tenant(context) { tx, caller in try await Notifications(tx, caller).markAllRead() }
        return try JSONResponse.make(["marked": marked])
    }

    @Sendable func read(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "notification")
        try await store.tenant(context) { tx, caller in try await Notifications(tx, caller).markRead(id) }
        return JSONResponse.noContent()
    }
}
