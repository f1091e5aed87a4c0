import Foundation
import Store

/// A page of what the caller may see, filled: rows the caller may not see are skipped and more are fetched, so a
/// page comes back short only at the end of the list, and `next_cursor` is set only when a visible row follows.
///
/// Interim: the rows are read in keyset order and judged in Swift (the same rules as a single read), which costs
/// a scan of what the caller may not see. The lasting shape is visibility in the SQL (issue 11).
enum VisiblePage {
    static func fill<Item: Sendable>(
        limit: Int, after cursor: UUID?, id: (Item) -> UUID, visible: (Item) -> Bool,
        fetch: (_ after: UUID?, _ limit: Int) async throws -> Page<Item>
    ) async throws -> Page<Item> {
        var items: [Item] = []
        var after = cursor
        // Fetch in batches at least as large as the page, more when little is visible.
        let batch = max(limit, 50)
        while true {
            let page = try await fetch(after, batch)
            for item in page.items where visible(item) {
                // One visible row past the page: there is a next page, and it starts after the last one given.
                if items.count == limit { return Page(items: items, nextCursor: items.last.map(id)) }
                items.append(item)
            }
            guard let next = page.nextCursor else { return Page(items: items, nextCursor: nil) }
            after = next
        }
    }
}
