import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/me/notifications`: the caller's in-app inbox, newest first, in the language they read.
struct NotificationController {
    let store: Store

    struct NotificationDTO: Encodable, Sendable {
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
    struct InboxDTO: Encodable, Sendable {
        var items: [NotificationDTO]
        var nextCursor: String?
        var unread: Int
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "kind": Schema.string, "title": Schema.string, "body": Schema.string,
         "subject_type": Schema.nullable(Schema.string), "subject_id": Schema.nullable(Schema.uuid),
         "created_at": Schema.dateTime, "read_at": Schema.nullable(Schema.dateTime)])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/me/notifications", id: "listNotifications", summary: "The caller's inbox, newest first", tag: "notifications",
                         parameters: Schema.paging + [Schema.query("unread", Schema.boolean, "only unread ones")],
                         responses: [200: ("Inbox", Schema.object(["items": Schema.array(schema), "next_cursor": Schema.nullable(Schema.string),
                                                                   "unread": Schema.integer]))], problems: [422]),
        OpenAPIOperation("POST", "/v1/me/notifications/{id}/read", id: "readNotification", summary: "Mark one notification read",
                         tag: "notifications", parameters: [Schema.pathID()], responses: [204: ("Read", nil)], problems: [404]),
        OpenAPIOperation("POST", "/v1/me/notifications/read-all", id: "readAllNotifications", summary: "Mark every notification read",
                         tag: "notifications", responses: [200: ("How many", Schema.object(["marked": Schema.integer]))]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/me/notifications") { request, context in
            let identity = try context.requireIdentity()
            let list = try ListQuery(request)
            let unreadOnly = request.uri.queryParameters["unread"] == "true"
            let (page, unread) = try await store.tenant(identity.orgID) { tx in
                (
                    try await NotificationRepository.list(
                        tx, member: identity.memberID, unreadOnly: unreadOnly, before: list.cursor, limit: list.limit),
                    try await NotificationRepository.unreadCount(tx, member: identity.memberID)
                )
            }
            return try JSONResponse.make(
                InboxDTO(items: page.items.map(NotificationDTO.init), nextCursor: page.nextCursor?.uuidString.lowercased(), unread: unread))
        }
        router.post("/v1/me/notifications/read-all") { _, context in
            let identity = try context.requireIdentity()
            let marked = try await store.tenant(identity.orgID) { tx in
                try await NotificationRepository.markAllRead(tx, member: identity.memberID)
            }
            return try JSONResponse.make(["marked": marked])
        }
        router.post("/v1/me/notifications/:id/read") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "notification")
            let found = try await store.tenant(identity.orgID) { tx in
                try await NotificationRepository.markRead(tx, member: identity.memberID, id: id)
            }
            guard found else { throw Problem.notFound("notification") }
            return JSONResponse.noContent()
        }
    }
}
