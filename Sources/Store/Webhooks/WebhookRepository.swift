public import Database
public import Domain
public import Foundation

/// Webhook endpoints, their delivery log, and the emission of events to them.
public enum WebhookRepository {
    static let columns: SQLQuery = """
        id, url, description, event_types, format, locale, secret, active, consecutive_failures, disabled_at, disabled_reason,
        created_at, version
        """

    static func decode(_ row: Row) throws -> WebhookEndpoint {
        var r = RowReader(row)
        let id: UUID = try r.next(), url: String = try r.next(), description: String? = try r.next(), types: [String] = try r.next()
        let format: String = try r.next(), locale: String = try r.next()
        return WebhookEndpoint(
            id: id, url: url, description: description, eventTypes: types, format: WebhookEndpoint.Format(rawValue: format) ?? .json,
            locale: Organization.Locale(rawValue: locale) ?? .ja, secret: try r.next(), active: try r.next(),
            consecutiveFailures: try r.next(), disabledAt: try r.next(), disabledReason: try r.next(), createdAt: try r.next(),
            version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ e: WebhookEndpoint, by member: UUID) async throws -> WebhookEndpoint {
        let rows = try await tx.query(
            """
            INSERT INTO webhook_endpoint (org_id, id, url, description, event_types, format, locale, secret, created_by)
            VALUES (\(tx.org), \(e.id), \(e.url), \(e.description), \(e.eventTypes), \(e.format.rawValue)::text, \(e.locale.rawValue)::text,
                \(e.secret), \(member))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> WebhookEndpoint? {
        try await tx.query("SELECT \(columns) FROM webhook_endpoint WHERE org_id = \(tx.org) AND id = \(id)").first.map(decode)
    }

    public static func list(_ tx: TenantTransaction) async throws -> [WebhookEndpoint] {
        try await tx.query("SELECT \(columns) FROM webhook_endpoint WHERE org_id = \(tx.org) ORDER BY id").map(decode)
    }

    /// Turns an endpoint back on (after a fix) or off by hand; re-enabling clears the failure count.
    public static func setActive(_ tx: TenantTransaction, id: UUID, active: Bool) async throws -> WebhookEndpoint? {
        try await tx.query(
            """
            UPDATE webhook_endpoint SET active = \(active), consecutive_failures = CASE WHEN \(active) THEN 0 ELSE consecutive_failures END,
                disabled_at = CASE WHEN \(active) THEN NULL ELSE banso_now() END,
                disabled_reason = CASE WHEN \(active) THEN NULL ELSE 'disabled by an administrator' END,
                updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id)
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    public static func delete(_ tx: TenantTransaction, id: UUID) async throws -> Bool {
        try await tx.execute("DELETE FROM webhook_endpoint WHERE org_id = \(tx.org) AND id = \(id)") == 1
    }

    /// Queues the event for every active endpoint of the org that receives its type, in the caller's transaction.
    /// Returns how many deliveries were queued.
    @discardableResult
    public static func emit(_ tx: TenantTransaction, _ event: WebhookEvent) async throws -> Int {
        let endpoints = try await list(tx).filter { $0.active && $0.receives(event.type) }
        for endpoint in endpoints { try await emitTo(tx, endpoint: endpoint, event) }
        return endpoints.count
    }

    /// Queues the event's delivery to one endpoint.
    public static func emitTo(_ tx: TenantTransaction, endpoint: WebhookEndpoint, _ event: WebhookEvent) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        do {
            struct Payload: Encodable {
                var endpointId: UUID
                var event: WebhookEvent
                enum CodingKeys: String, CodingKey {
                    case endpointId = "endpoint_id"
                    case event
                }
            }
            let payload = String(decoding: try encoder.encode(Payload(endpointId: endpoint.id, event: event)), as: UTF8.self)
            try await JobRepository.enqueue(
                tx,
                NewJob(
                    kind: deliveryJobKind, payload: payload, orgID: tx.org, queue: "webhooks", maxAttempts: 8,
                    uniqueKey: "webhook:\(event.id.uuidString.lowercased()):\(endpoint.id.uuidString.lowercased())"))
        }
    }

    public static let deliveryJobKind = "webhooks.deliver"

    public struct Delivery: Sendable {
        public var id: UUID
        public var eventID: UUID
        public var eventType: String
        public var attempt: Int
        public var succeeded: Bool
        public var statusCode: Int?
        public var error: String?
        public var durationMs: Double
        public var at: Date
    }

    /// Logs one attempt and keeps the endpoint's failure count; returns the count after this attempt.
    @discardableResult
    public static func record(
        _ tx: TenantTransaction, endpoint: UUID, event: WebhookEvent, attempt: Int, succeeded: Bool, statusCode: Int?,
        error: String?, durationMs: Double
    ) async throws -> Int {
        try await tx.execute(
            """
            INSERT INTO webhook_delivery (org_id, id, endpoint_id, event_id, event_type, attempt, succeeded, status_code, error, duration_ms)
            VALUES (\(tx.org), \(UUID.v7()), \(endpoint), \(event.id), \(event.type), \(attempt), \(succeeded), \(statusCode),
                \(error.map { String($0.prefix(2000)) }), \(durationMs))
            """)
        return try await tx.query(
            """
            UPDATE webhook_endpoint SET consecutive_failures = CASE WHEN \(succeeded) THEN 0 ELSE consecutive_failures + 1 END
            WHERE org_id = \(tx.org) AND id = \(endpoint)
            RETURNING consecutive_failures
            """
        ).scalar(Int.self) ?? 0
    }

    /// Turns an endpoint off after repeated failure.
    public static func disable(_ tx: TenantTransaction, id: UUID, reason: String) async throws {
        try await tx.execute(
            """
            UPDATE webhook_endpoint SET active = false, disabled_at = banso_now(), disabled_reason = \(reason), updated_at = banso_now(),
                version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id) AND active
            """)
    }

    public static func deliveries(_ tx: TenantTransaction, endpoint: UUID, limit: Int) async throws -> [Delivery] {
        try await tx.query(
            """
            SELECT id, event_id, event_type, attempt, succeeded, status_code, error, duration_ms, at FROM webhook_delivery
            WHERE org_id = \(tx.org) AND endpoint_id = \(endpoint) ORDER BY id DESC LIMIT \(limit)
            """
        ).map { row in
            var r = RowReader(row)
            return Delivery(
                id: try r.next(), eventID: try r.next(), eventType: try r.next(), attempt: try r.next(), succeeded: try r.next(),
                statusCode: try r.next(), error: try r.next(), durationMs: try r.next(), at: try r.next())
        }
    }
}
