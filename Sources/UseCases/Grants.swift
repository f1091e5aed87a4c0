public import Domain
public import Foundation
public import Store

/// Who holds which role where. Managers grant roles below their own within their scope; owners and admins
/// anywhere (only owners make owners and admins) — ``Authorizer/canGrant(_:role:in:to:)``. The organisation's last
/// active owner cannot be removed.
public struct Grants: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A grant that passed ``check(member:grant:)``. Granting is two steps so that a replayed request (an
    /// Idempotency-Key seen before) can be answered between the checks and the write; only `check` makes one, so
    /// the write cannot skip them.
    public struct Checked: Sendable {
        let member: UUID
        let grant: Grant
    }

    /// Members see their own grants and those in the scopes whose directory they read.
    public static func canSee(_ identity: Identity, _ record: GrantRecord) -> Bool {
        record.memberID == identity.memberID || identity.authorizer.can(identity.actor, .readDirectory, in: record.grant.scope).allowed
    }

    /// The member and the scope exist in this organisation, and the caller may grant the role there to them.
    public func check(member: UUID, grant: Grant) async throws -> Checked {
        guard try await MemberRepository.get(tx, id: member) != nil else {
            throw DomainError(.invalid, "no such member in this organisation", field: "member_id")
        }
        switch grant.scope {
        case .org: break
        case .company(let id):
            guard try await CompanyRepository.get(tx, id: id) != nil else {
                throw DomainError(.invalid, "no such company in this organisation", field: "scope_id")
            }
        case .team(let id):
            guard try await TeamRepository.get(tx, id: id) != nil else {
                throw DomainError(.invalid, "no such team in this organisation", field: "scope_id")
            }
        }
        try Identity.enforce(identity.authorizer.canGrant(identity.actor, role: grant.role, in: grant.scope, to: member))
        // Giving someone a lower role is still acting on them: nobody reaches a person of higher rank.
        try await Members.requireReach(identity, over: member, tx: tx)
        return Checked(member: member, grant: grant)
    }

    public func grant(_ checked: Checked) async throws -> GrantRecord {
        let record = try await GrantRepository.insert(tx, id: .v7(), member: checked.member, grant: checked.grant, by: identity.memberID)
        try await Audit.record(tx, caller, action: "grant.create", resource: "grant", id: record.id, after: GrantDTO(record))
        return record
    }

    /// Revokes a grant; revoking needs the same right as granting it.
    public func revoke(_ id: UUID) async throws {
        guard let record = try await GrantRepository.get(tx, id: id) else { throw DomainError(.notFound, "grant not found") }
        try Identity.enforce(identity.authorizer.canGrant(identity.actor, role: record.grant.role, in: record.grant.scope))
        try await Members.requireReach(identity, over: record.memberID, tx: tx)
        if record.grant.role == .owner, record.grant.scope == .org, try await GrantRepository.activeOrgOwners(tx) == [record.memberID] {
            throw DomainError(.conflict, "the organisation's last active owner cannot be removed")
        }
        _ = try await GrantRepository.delete(tx, id: id)
        try await Audit.record(tx, caller, action: "grant.delete", resource: "grant", id: id, before: GrantDTO(record))
    }
}
