import Domain
public import Foundation
public import Store

/// The append-only log of changes, newest first, read by owners and admins. Entries are written by the use cases
/// themselves (``Audit``), in the transaction of the change they record.
public struct AuditLog: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// Checked by ``list(resourceType:resourceID:actorID:before:limit:)``, and exposed so an adapter can refuse
    /// before it reads the query: a caller who may not read the log learns nothing from a 422.
    public static func requireRead(_ identity: Identity) throws {
        try identity.require(.readAudit, in: .org)
    }

    /// Entries matching every filter given.
    public func list(resourceType: String?, resourceID: UUID?, actorID: UUID?, before cursor: UUID?, limit: Int)
        async throws -> Page<AuditEvent>
    {
        try Self.requireRead(identity)
        return try await AuditRepository.list(
            tx, resourceType: resourceType, resourceID: resourceID, actorID: actorID, before: cursor, limit: limit)
    }
}
