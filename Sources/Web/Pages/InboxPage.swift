import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/me/notifications`: the member's inbox, newest first, unread marked, each linking to its subject; one read or
/// all read with a button (POST). Reading the page marks nothing: no GET changes anything.
struct InboxPage: Sendable {
    let store: Store

    struct Item: Sendable {
        let id: String
        let title: String
        let body: String
        let when: String
        let unread: Bool
        let href: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let items: [Item]
        let unread: Int
        let unreadLabel: String
        let hasUnread: Bool
        let next: String?
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let before = request.uri.queryParameters["before"].flatMap { UUID(uuidString: String($0)) }
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t
            let (page, unread) = try await Notifications(tx, caller).list(unreadOnly: false, before: before, limit: 50)
            return Model(
                chrome: reader.chrome(title: t["inbox_title"], current: "/me/notifications", page: request.uri.description),
                t: t.strings,
                items: page.items.map { item in
                    Item(
                        id: item.id.lowercased, title: item.title, body: item.body, when: reader.format.dateTime(item.createdAt),
                        unread: item.readAt == nil, href: Self.link(item))
                },
                unread: unread, unreadLabel: t.format("inbox_unread", ["count": String(unread)]), hasUnread: unread > 0,
                next: page.nextCursor.map { "/me/notifications?before=\($0)" })
        }
        return PageResponse.render("inbox", model)
    }

    struct ReadFields: Decodable {
        var id: String?
    }

    func markRead(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: ReadFields.self, context: context)
        try await store.tenant(context) { tx, caller in
            let notifications = Notifications(tx, caller)
            if let id = form.id.flatMap(UUID.init(uuidString:)) {
                try await notifications.markRead(id)
            } else {
                _ = try await notifications.markAllRead()
            }
        }
        return .seeOther("/me/notifications")
    }

    /// Where a notification's subject lives among the pages.
    static func link(_ item: NotificationRepository.Item) -> String? {
        guard let id = item.subjectID?.lowercased else { return nil }
        switch item.subjectType {
        case "goal": return "/goals/\(id)"
        case "accountability": return "/accountabilities/\(id)"
        case "meeting": return "/meetings/\(id)"
        default: return nil
        }
    }
}
