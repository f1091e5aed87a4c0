public import Database
public import Foundation

/// A keyset page's window: the rows after the cursor (the last id of the previous page) in id order — ids are
/// time-ordered UUIDv7s — and one more row than the page holds, which only says whether a next page exists. Every
/// list query ends with ``clause(_:)`` and builds its ``Page`` from the fetched rows.
public struct Keyset: Sendable {
    public var after: UUID?
    public var limit: Int
    /// Newest first: notifications, audit entries and jobs read from the latest back.
    public var newestFirst: Bool

    public init(after: UUID?, limit: Int, newestFirst: Bool = false) {
        self.after = after
        self.limit = limit
        self.newestFirst = newestFirst
    }

    /// `AND <column> beyond the cursor ORDER BY <column> LIMIT limit + 1`, to close a query's WHERE. `column` is
    /// trusted SQL text (a column name), never input.
    func clause(_ column: SQLQuery) -> SQLQuery {
        newestFirst
            ? "AND (\(after)::uuid IS NULL OR \(column) < \(after)) ORDER BY \(column) DESC LIMIT \(limit + 1)"
            : "AND (\(after)::uuid IS NULL OR \(column) > \(after)) ORDER BY \(column) LIMIT \(limit + 1)"
    }
}
