public import Foundation

/// One page of a keyset-paginated list: items in id order (ids are time-ordered) and the cursor for the next.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: UUID?

    public init(items: [Item], nextCursor: UUID?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only says that there is more.
    init(fetched: [Item], limit: Int, id: (Item) -> UUID) {
        if fetched.count > limit {
            items = Array(fetched.prefix(limit))
            nextCursor = items.last.map(id)
        } else {
            items = fetched
            nextCursor = nil
        }
    }
}
