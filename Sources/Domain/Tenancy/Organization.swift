public import Foundation

/// A tenant: one customer-success organisation.
public struct Organization: Sendable, Equatable, Codable {
    public var id: UUID
    public var slug: String
    public var name: String
    public var timeZone: String
    public var fiscalYearStartMonth: Int
    public var locale: Locale
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, slug: String, name: String, timeZone: String, fiscalYearStartMonth: Int, locale: Locale,
        createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.slug = slug
        self.name = name
        self.timeZone = timeZone
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.locale = locale
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// The languages people read Banso in.
    public enum Locale: String, Sendable, Codable, CaseIterable {
        case ja, en
    }
}

extension Organization {
    /// The zone a stored time-zone name (an org's or a member's) stands for; Asia/Tokyo, the default org's, when the
    /// name is unknown to this machine's zone database.
    public static func zone(_ identifier: String?) -> TimeZone {
        identifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "Asia/Tokyo")!
    }
}
