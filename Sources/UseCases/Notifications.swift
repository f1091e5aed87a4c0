public import Domain
public import Foundation
public import Store

/// A member's in-app inbox. Everyone reads and clears only their own: the caller is the member, so there is no
/// one else's inbox to name and no permission beyond being signed in.
public struct Notifications: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var member: UUID { caller.identity.memberID }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A page of the inbox, newest first, with how many are unread in all (not just on this page).
    public func list(unreadOnly: Bool, before cursor: UUID?, limit: Int) async throws
        -> (page: Page<NotificationRepository.Item>, unread: Int)
    {
        (
            try await NotificationRepository.list(tx, member: member, unreadOnly: unreadOnly, before: cursor, limit: limit),
            try await NotificationRepository.unreadCount(tx, member: member)
        )
    }

    /// Marks one read; another member's notification is not found, not forbidden.
    public func markRead(_ id: UUID) async throws {
        guard try await NotificationRepository.markRead(tx, member: member, id: id) else {
            throw DomainError(.notFound, "notification not found")
        }
    }

    /// Marks every one read; answers how many were unread.
    public func markAllRead() async throws -> Int {
        try await NotificationRepository.markAllRead(tx, member: member)
    }
}
