public import Database
public import Foundation

/// One entry of the audit log.
public struct AuditEvent: Sendable, Equatable {
    public var id: UUID
    /// When it happened; stamped by the database on append (the transaction's `banso_now()`), so a new event leaves it unset.
    public var at: Date
    public var actorID: UUID?
    public var tokenID: UUID?
    public var action: String
    public var resourceType: String
    public var resourceID: UUID?
    /// JSON text of the resource before and after the change.
    public var before: String?
    public var after: String?
    public var requestID: String?

    public init(
        id: UUID = .v7(), at: Date = .distantPast, actorID: UUID?, tokenID: UUID?, action: String, resourceType: String,
        resourceID: UUID?, before: String?, after: String?, requestID: String?
    ) {
        self.id = id
        self.at = at
        self.actorID = actorID
        self.tokenID = tokenID
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.before = before
        self.after = after
        self.requestID = requestID
    }
}

/// The append-only audit log: the app role may insert and read it, never change it.
public enum AuditRepository {
    public static func append(_ tx: TenantTransaction, _ event: AuditEvent) async throws {
        try await tx.execute(
            """
            INSERT INTO audit_event (org_id, id, actor_id, token_id, action, resource_type, resource_id, before, after, request_id)
            VALUES (\(tx.org), \(event.id), \(event.actorID), \(event.tokenID), \(event.action), \(event.resourceType),
                    \(event.resourceID), \(event.before)::jsonb, \(event.after)::jsonb, \(event.requestID))
            """)
    }

    /// Newest first; each filter left `nil` is not applied (`from` inclusive, `until` exclusive).
    public static func list(
        _ tx: TenantTransaction, resourceType: String? = nil, resourceID: UUID? = nil, actorID: UUID?, action: String? = nil,
        from: Date? = nil, until: Date? = nil, before cursor: UUID?, limit: Int
    ) async throws -> Page<AuditEvent> {
        let rows = try await tx.query(
            """
            SELECT id, at, actor_id, token_id, action, resource_type, resource_id, before::text, after::text, request_id
            FROM audit_event
            WHERE org_id = \(tx.org)
              AND (\(resourceType)::text IS NULL OR resource_type = \(resourceType))
              AND (\(resourceID)::uuid IS NULL OR resource_id = \(resourceID))
              AND (\(actorID)::uuid IS NULL OR actor_id = \(actorID))
              AND (\(action)::text IS NULL OR action = \(action))
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
}
