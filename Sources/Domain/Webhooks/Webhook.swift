public import Foundation

/// An org's outbound webhook endpoint (DESIGN §2): which events it hears, in which format and language.
public struct WebhookEndpoint: Sendable, Equatable {
    public enum Format: String, Sendable, Codable, CaseIterable {
        /// `{"id", "type", "created_at", "org_id", "data"}`.
        case json
        /// Slack incoming webhooks: `{"text": …}` in the endpoint's language.
        case slack
        /// Microsoft Teams incoming webhooks: a message card with the text.
        case teams
    }

    public var id: UUID
    public var url: String
    public var description: String?
    /// Event types it receives; `*` for all.
    public var eventTypes: [String]
    public var format: Format
    public var locale: Organization.Locale
    public var secret: String
    public var active: Bool
    public var consecutiveFailures: Int
    public var disabledAt: Date?
    public var disabledReason: String?
    public var createdAt: Date
    public var version: Int

    public init(
        id: UUID, url: String, description: String?, eventTypes: [String], format: Format, locale: Organization.Locale, secret: String,
        active: Bool, consecutiveFailures: Int, disabledAt: Date?, disabledReason: String?, createdAt: Date, version: Int
    ) {
        self.id = id
        self.url = url
        self.description = description
        self.eventTypes = eventTypes
        self.format = format
        self.locale = locale
        self.secret = secret
        self.active = active
        self.consecutiveFailures = consecutiveFailures
        self.disabledAt = disabledAt
        self.disabledReason = disabledReason
        self.createdAt = createdAt
        self.version = version
    }

    public func receives(_ type: String) -> Bool { eventTypes.contains("*") || eventTypes.contains(type) }

    /// After this many failed attempts in a row an endpoint is disabled and the org's admins are told.
    public static let failuresBeforeDisabling = 10

    /// Event types an endpoint may subscribe to.
    public static let eventTypes: Set<String> = [
        "*", "webhook.test", "check_in.submitted", "check_in.reviewed", "accountability.assigned", "accountability.declined",
        "goal.created", "schedule.missed", "schedule.fired", "customer.health_dropped", "renewal.alert",
        "customer.success_reached", "customer.success_lost", "process.version_published", "process.adopted",
        "customer_process.placed", "customer_process.step_completed",
    ]

    /// A URL as shown after its creation: scheme and host, the rest hidden (a Slack or Teams URL's path is its
    /// credential).
    public static func masked(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "…" }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hidden = rest.count > host.count
        return String(url[..<schemeEnd.upperBound]) + host + (hidden ? "/…" : "")
    }

    public static func validateURL(_ text: String) throws -> String {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            url.host != nil, text.count <= 2000
        else { throw DomainError(.invalid, "a webhook URL is an http(s) URL", field: "url") }
        return text
    }
}

/// One thing that happened, as webhooks carry it: the data for machines and a sentence for people in both languages.
public struct WebhookEvent: Sendable, Equatable, Codable {
    public var id: UUID
    public var type: String
    public var occurredAt: Date
    /// A JSON object's text.
    public var data: String
    public var textJa: String
    public var textEn: String

    public init(id: UUID, type: String, occurredAt: Date, data: String, textJa: String, textEn: String) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.data = data
        self.textJa = textJa
        self.textEn = textEn
    }
}
