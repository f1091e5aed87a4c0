public import Foundation
public import Store

/// A calendar feed as the API shows it and the audit log keeps it: which calendar it is, never its token. The URL,
/// which holds the token, is only in the answer that issued it.
public struct CalendarFeedDTO: Codable, Sendable {
    public var id: UUID
    /// `null` for the member's own feed (the meetings they take part in).
    public var bodyId: UUID?
    public var bodyName: String?
    public var createdAt: Date
    /// Only in the answer that issued it: the subscription URL, secret included.
    public var url: String?

    public init(_ feed: CalendarFeedRecord, url: String? = nil) {
        (id, bodyId, bodyName, createdAt, self.url) = (feed.id, feed.bodyID, feed.bodyName, feed.createdAt, url)
    }

    enum CodingKeys: String, CodingKey { case id, bodyId, bodyName, createdAt, url }

    /// `body_id` and `body_name` are written as `null` for a member's own feed, so a client need not tell a missing
    /// key from "no body".
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        if let bodyId { try c.encode(bodyId, forKey: .bodyId) } else { try c.encodeNil(forKey: .bodyId) }
        if let bodyName { try c.encode(bodyName, forKey: .bodyName) } else { try c.encodeNil(forKey: .bodyName) }
        try c.encode(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(url, forKey: .url)
    }
}
