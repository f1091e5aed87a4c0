public import Foundation

/// Who is acting: the member, their grants, and — for an API token — the token's scopes.
public struct Actor: Sendable, Equatable {
    public var memberID: UUID
    public var grants: [Grant]
    /// `nil` for a signed-in session (the member's full roles); a token's scopes otherwise.
    public var tokenScopes: Set<TokenScope>?

    public init(memberID: UUID, grants: [Grant], tokenScopes: Set<TokenScope>? = nil) {
        self.memberID = memberID
        self.grants = grants
        self.tokenScopes = tokenScopes
    }
}

/// A refusal names the permission that was missing, so a 403 can say what would have allowed the action.
public struct Decision: Sendable, Equatable {
    public var allowed: Bool
    public var permission: Permission
    public var reason: String

    public static func allow(_ permission: Permission) -> Decision {
        Decision(allowed: true, permission: permission, reason: "")
    }
}

/// The permission function: pure, given the actor, the action, the scope of the resource and the org's structure.
public struct Authorizer: Sendable {
    public let structure: OrgStructure

    public init(structure: OrgStructure) { self.structure = structure }

    /// May `actor` use `permission` on a resource that lives in `scope`?
    public func can(_ actor: Actor, _ permission: Permission, in scope: Scope) -> Decision {
        if let refusal = tokenRefusal(actor, permission) { return refusal }
        for grant in actor.grants where grant.role.permissions.contains(permission) {
            if structure.contains(grant.scope, scope) { return .allow(permission) }
        }
        return Decision(
            allowed: false, permission: permission, reason: "\(permission.rawValue) is not granted for this \(scope.kind)")
    }

    /// Whether the actor holds `permission` anywhere inside `scope` (or over it): a CSM of an SMB team reads the
    /// goals SMB and the org set above their team's.
    public func canSomewhere(_ actor: Actor, _ permission: Permission, within scope: Scope) -> Bool {
        if can(actor, permission, in: scope).allowed { return true }
        return actor.grants.contains { grant in
            grant.role.permissions.contains(permission) && structure.contains(scope, grant.scope)
                && can(actor, permission, in: grant.scope).allowed
        }
    }

    /// Where `actor` holds `permission`, for lists that filter in SQL what ``can(_:_:in:)`` and
    /// ``canSomewhere(_:_:within:)`` would judge row by row.
    public func reach(_ actor: Actor, _ permission: Permission) -> Reach {
        guard tokenRefusal(actor, permission) == nil else {
            return Reach(memberID: actor.memberID, everywhere: false, companies: [], teams: [], companiesWithin: [], anywhere: false)
        }
        var everywhere = false
        var companies = Set<UUID>(), grantedTeams = Set<UUID>()
        for grant in actor.grants where grant.role.permissions.contains(permission) {
            switch grant.scope {
            case .org: everywhere = true
            case .company(let id): companies.insert(id)
            case .team(let id): grantedTeams.insert(id)
            }
        }
        let teamsOfCompanies = structure.companyOfTeam.filter { companies.contains($0.value) }.keys
        let companiesOfTeams = grantedTeams.compactMap { structure.companyOfTeam[$0] }
        // Sorted so that the same grants always make the same statement parameters.
        func sorted(_ ids: Set<UUID>) -> [UUID] { ids.sorted { $0.uuidString < $1.uuidString } }
        return Reach(
            memberID: actor.memberID, everywhere: everywhere, companies: sorted(companies),
            teams: sorted(grantedTeams.union(teamsOfCompanies)), companiesWithin: sorted(companies.union(companiesOfTeams)),
            anywhere: everywhere || !companies.isEmpty || !grantedTeams.isEmpty)
    }

    /// An API token narrows every grant: administrative permissions need its admin scope, the others that change
    /// state its write (or admin) scope.
    private func tokenRefusal(_ actor: Actor, _ permission: Permission) -> Decision? {
        guard let tokenScopes = actor.tokenScopes else { return nil }
        if permission.isAdministrative && !tokenScopes.contains(.admin) {
            return Decision(
                allowed: false, permission: permission,
                reason: "the API token lacks the admin scope needed for \(permission.rawValue)")
        }
        if permission.isWrite && !tokenScopes.contains(.write) && !tokenScopes.contains(.admin) {
            return Decision(
                allowed: false, permission: permission,
                reason: "the API token is read-only; \(permission.rawValue) needs the write scope")
        }
        return nil
    }

    /// May `actor` grant (or revoke) `role` in `scope`? Managers grant below manager within their scope; only
    /// owners grant owner and admin.
    public func canGrant(_ actor: Actor, role: Role, in scope: Scope) -> Decision {
        let needed: Permission = role >= .admin ? .manageOrg : .manageGrants
        let base = can(actor, needed, in: scope)
        guard base.allowed else { return base }
        if needed == .manageGrants {
            let strongest = actor.grants.filter { structure.contains($0.scope, scope) }.map(\.role).max()
            if let strongest, strongest < .admin, role >= strongest {
                return Decision(
                    allowed: false, permission: needed,
                    reason: "a \(strongest.rawValue) can only grant roles below \(strongest.rawValue)")
            }
        }
        return base
    }

    /// May `actor` change, deactivate, move or reset the password of the member who holds `grants`? Only with the
    /// right to grant every one of those roles where it is held: nobody reaches a person of higher rank (a manager
    /// cannot deactivate an owner who was put in their team).
    public func canActOn(_ actor: Actor, holderOf grants: [Grant]) -> Decision {
        for grant in grants {
            let decision = canGrant(actor, role: grant.role, in: grant.scope)
            if !decision.allowed {
                return Decision(
                    allowed: false, permission: decision.permission,
                    reason: "the member holds \(grant.role.rawValue) in this \(grant.scope.kind), which you may not grant: \(decision.reason)")
            }
        }
        return .allow(.manageMembers)
    }

    /// May `actor` grant `role` in `scope` to `member`? As ``canGrant(_:role:in:)``, and never to oneself.
    public func canGrant(_ actor: Actor, role: Role, in scope: Scope, to member: UUID) -> Decision {
        if member == actor.memberID {
            return Decision(allowed: false, permission: role >= .admin ? .manageOrg : .manageGrants, reason: "nobody grants a role to themselves")
        }
        return canGrant(actor, role: role, in: scope)
    }

    /// Every permission the actor holds somewhere, for `GET /v1/me`.
    public func effectivePermissions(_ actor: Actor) -> [Permission] {
        Permission.allCases.filter { permission in
            actor.grants.contains { grant in
                grant.role.permissions.contains(permission) && can(actor, permission, in: grant.scope).allowed
            }
        }
    }
}
