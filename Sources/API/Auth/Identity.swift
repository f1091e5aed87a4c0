import Logging
import Database
import Hummingbird
import HTTPTypes
import Domain
import Foundation
import Store

/// Who a request acts as, established by ``AuthMiddleware``: the org, the member, the credential used, and the
/// member's grants narrowed by the token's scopes.
struct Identity: Sendable {
    var orgID: UUID
    var memberID: UUID
    var credential: Credential
    var actor: Actor
    var structure: OrgStructure

    var authorizer: Authorizer { Authorizer(structure: structure) }

    /// Refuses with 403 naming the missing permission.
    func require(_ permission: Permission, in scope: Scope) throws {
        try Self.enforce(authorizer.can(actor, permission, in: scope))
    }

    static func enforce(_ decision: Decision) throws {
        guard decision.allowed else {
            throw Problem(
                status: .forbidden, code: "forbidden", detail: decision.reason,
                missingPermission: decision.permission.rawValue)
        }
    }
}
