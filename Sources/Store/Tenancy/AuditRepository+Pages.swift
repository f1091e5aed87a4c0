import Database
public import Foundation

extension AuditRepository {
    /// Newest first, filtered as the audit page filters: an action, an actor, and a span of time (`from` inclusive,
    /// `until` exclusive).
    public static func list(
        _ tx: TenantTransaction, action: String?, actorID: UUID?, from: Date?, until: Date?, before cursor: UUID?, limit: Int
    ) async throws -> Page<AuditEvent> {
        let rows = try await tx.query(
            """
            SELECT id, at, actor_id, token_id, action, resource_type, resource_id, before::text, after::text, request_id
            FROM audit_event
            WHERE org_id = \(tx.org)
              AND (\(action)::text IS NULL OR action = \(action))
              AND (\(actorID)::uuid IS NULL OR actor_id = \(actorID))
              AND (\(from)::timestamptz IS NULL OR at >= \(from))
              AND (\(until)::timestamptz IS NULL OR at < \(until))
            \(Keyset(after: cursor, limit: limit, newestFirst: true).clause("id"))
            """)
        let events = try rows.map { row in
            let (id, at, actor, token, action, type, resource, before, after, request) = try row.decode(
                (UUID, Date, UUID?, UUID?, String, String, UUID?, String?, String?, String?).self)
            return AuditEvent(
                id: id, at: at, actorID: actor, tokenID: token, action: action, resourceType: type, resourceID: resource,
                before: before, after: after, requestID: request)
        }
        return Page(fetched: events, limit: limit, id: \.id)
    }

    /// The actions the org's log holds, for the page's filter.
    public static func actions(_ tx: TenantTransaction) async throws -> [String] {
        try await tx.query("SELECT DISTINCT action FROM audit_event WHERE org_id = \(tx.org) ORDER BY action").decodeColumn(String.self)
    }
}
