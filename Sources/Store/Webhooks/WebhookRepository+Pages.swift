public import Database
public import Domain
public import Foundation

extension WebhookRepository {
    /// Changes what an endpoint is called and which events it receives (its URL and secret stay: a new URL is a
    /// new endpoint, with a new secret).
    public static func update(_ tx: TenantTransaction, id: UUID, description: String?, eventTypes: [String]) async throws -> WebhookEndpoint? {
        try await tx.query(
            """
            UPDATE webhook_endpoint SET description = \(description), event_types = \(eventTypes),
                updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id)
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    /// When each of the endpoint's failed deliveries is tried next, by event id: the delivery jobs waiting to retry.
    public static func nextRetries(_ tx: TenantTransaction, endpoint: UUID) async throws -> [UUID: Date] {
        // The delivery job's unique key is `webhook:<event>:<endpoint>` (hex and hyphens: nothing LIKE reads as a wildcard).
        let pattern = "webhook:%:" + endpoint.uuidString.lowercased()
        var retries: [UUID: Date] = [:]
        for row in try await tx.query(
            """
            SELECT unique_key, run_at FROM job
            WHERE org_id = \(tx.org) AND kind = \(deliveryJobKind) AND state = 'retryable'
              AND unique_key LIKE \(pattern)
            """)
        {
            let (key, at) = try row.decode((String, Date).self)
            let parts = key.split(separator: ":")
            if parts.count == 3, let event = UUID(uuidString: String(parts[1])) { retries[event] = at }
        }
        return retries
    }
}
