public import Domain
public import Foundation
public import Store

/// Who a request acts as, established by the API's authentication step: the org, the member, the credential
/// used, and the member's grants narrowed by the token's scopes. Use cases take it with a tenant transaction of
/// the same org and check what it may do, so no adapter can forget a check.
public struct Identity: Sendable {
    public var orgID: UUID
    public var memberID: UUID
    public var credential: Credential
    public var actor: Actor
    public var structure: OrgStructure
    /// The org's fiscal year's first month, read with the credential: a period in a request (FY2026-H2) is read
    /// without a statement of its own.
    public var fiscalYearStartMonth: Int

    public init(orgID: UUID, memberID: UUID, credential: Credential, actor: Actor, structure: OrgStructure, fiscalYearStartMonth: Int) {
        (self.orgID, self.memberID, self.credential, self.actor, self.structure) = (orgID, memberID, credential, actor, structure)
        self.fiscalYearStartMonth = fiscalYearStartMonth
    }

    /// Who a credential's look-up says is asking: a session acts with the member's full roles, an API token within
    /// its scopes.
    public init(_ found: Authentication) {
        let credential = found.credential
        self.init(
            orgID: credential.orgID, memberID: credential.memberID, credential: credential,
            actor: Actor(memberID: credential.memberID, grants: found.grants, tokenScopes: credential.scopes),
            structure: found.structure, fiscalYearStartMonth: found.fiscalYearStartMonth)
    }

    public var authorizer: Authorizer { Authorizer(structure: structure) }

    /// Where the caller holds `permission`, for a list that keeps in its SQL only what the caller may see.
    public func reach(_ permission: Permission) -> Reach {
        authorizer.reach(actor, permission)
    }

    /// Refuses (403) naming the missing permission.
    public func require(_ permission: Permission, in scope: Scope) throws {
        try Self.enforce(authorizer.can(actor, permission, in: scope))
    }

    public static func enforce(_ decision: Decision) throws {
        guard decision.allowed else {
            throw DomainError(.forbidden, decision.reason, permission: decision.permission.rawValue)
        }
    }
}
