public import Foundation
public import Store

extension AuditLog {
    /// Entries as the audit page filters them (an action, an actor, a span of time), newest first.
    public func list(action: String?, actorID: UUID?, from: Date?, until: Date?, before cursor: UUID?, limit: Int)
        async throws -> Page<AuditEvent>
    {
        try Self.requireRead(identity)
        return try await AuditRepository.list(tx, actorID: actorID, action: action, from: from, until: until, before: cursor, limit: limit)
    }

    /// The actions the log holds, for choosing one.
    public func actions() async throws -> [String] {
        try Self.requireRead(identity)
        return try await AuditRepository.actions(tx)
    }
}
