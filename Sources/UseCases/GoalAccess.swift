
public import Domain
public import Foundation
public import Store

/// The goal rules of ``GoalAccessRules`` (Domain) for a request's identity, and the checks that need the store.
public enum GoalAccess {
    public static func canRead(_ identity: Identity, _ goal: Goal) -> Bool {
        GoalAccessRules.canRead(identity.actor, goal, authorizer: identity.authorizer)
    }

    public static func requireWrite(_ identity: Identity, _ goal: Goal, ownOK: Bool = true, orManage: Bool = true) throws {
        try Identity.enforce(GoalAccessRules.write(identity.actor, goal, authorizer: identity.authorizer, ownOK: ownOK))
    }

    /// A goal's owner (or an assignee) is an active member of the org.
    public static func requireActiveMember(_ tx: TenantTransaction, _ id: UUID, field: String) async throws {
        guard let member = try await MemberRepository.get(tx, id: id) else {
            throw DomainError(.invalid, "no such member in this organisation", field: field)
        }
        guard member.active else { throw DomainError(.invalid, "the member is deactivated", field: field) }
    }

    /// After a goal's period changes, its children must still fit inside it.
    public static func requireChildrenInside(_ tx: TenantTransaction, goal: Goal) async throws {
        let children = try await GoalRepository.list(
            tx, filter: .init(parentID: goal.id), visibleTo: nil, after: nil, limit: 1000)
        if let outside = children.items.first(where: { !goal.period.contains($0.period) }) {
            throw DomainError(
                .invalid, "the child goal “\(outside.title)” (\(outside.period)) would fall outside \(goal.period)", field: "period")
        }
    }
}
