public import Foundation
public import Store
import Domain

/// Writes an audit entry in the use case's own transaction, so the change and its record commit together.
public enum Audit {
    public static func record(
        _ tx: TenantTransaction, _ caller: Caller, action: String, resource: String, id: UUID?,
        before: (some Encodable)? = nil as String?, after: (some Encodable)? = nil as String?
    ) async throws {
        let identity = caller.identity
        try await AuditRepository.append(
            tx,
            AuditEvent(
                actorID: identity.memberID, tokenID: identity.credential.kind == .apiToken ? identity.credential.id : nil,
                action: action, resourceType: resource, resourceID: id, before: try json(before), after: try json(after),
                requestID: caller.requestID))
    }

    /// Snapshots in the API's JSON conventions (snake_case, RFC 3339, lower-case UUIDs), so an entry reads like
    /// the resource did.
    public static func json(_ value: (some Encodable)?) throws -> String? {
        guard let value else { return nil }
        return String(decoding: try CanonicalJSONEncoder().encode(value), as: UTF8.self)
    }
}
