import Logging
import Domain
import Hummingbird
import HTTPTypes
import Database
import Foundation
import Store
import UseCases

/// Writes an audit entry in the request's own transaction, so the change and its record commit together.
enum AuditTrail {
    static func record(
        _ tx: TenantTransaction, _ identity: Identity, context: some BansoContext, action: String, resource: String,
        id: UUID?, before: (some Encodable)? = nil as String?, after: (some Encodable)? = nil as String?
    ) async throws {
        try await record(
            tx, actor: identity.memberID,
            token: identity.credential.kind == .apiToken ? identity.credential.id : nil, context: context,
            action: action, resource: resource, id: id, before: before, after: after)
    }

    /// For public routes, which have no identity: the actor is the member the request acts for (the one who
    /// accepted an invitation or redeemed a reset link).
    static func record(
        _ tx: TenantTransaction, actor: UUID?, token: UUID? = nil, context: some BansoContext, action: String,
        resource: String, id: UUID?, before: (some Encodable)? = nil as String?, after: (some Encodable)? = nil as String?
    ) async throws {
        func json(_ value: (some Encodable)?) throws -> String? {
            guard let value else { return nil }
            return try Audit.json(value)
        }
        try await AuditRepository.append(
            tx,
            AuditEvent(
                actorID: actor, tokenID: token, action: action, resourceType: resource, resourceID: id,
                before: try json(before), after: try json(after), requestID: context.requestID))
    }
}
