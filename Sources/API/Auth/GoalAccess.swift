import Database
import Domain
import Foundation
import Store

/// Who may see and change a goal: its owner, and anyone who reads goals in its scope or below it — goals cascade
/// down in view, so a team sees the company's and the org's goals its own hang under, but not another company's.
/// Its owner edits it with `goals.write_own`; others need `goals.manage` in its scope.
enum GoalAccess {
    static func canRead(_ identity: Identity, _ goal: Goal) -> Bool {
        goal.ownerID == identity.memberID
            || identity.authorizer.canSomewhere(identity.actor, .readGoals, within: goal.permissionScope)
    }

    static func requireWrite(_ identity: Identity, _ goal: Goal, ownOK: Bool = true, orManage: Bool = true) throws {
        if ownOK, goal.ownerID == identity.memberID,
            identity.authorizer.can(identity.actor, .writeOwnGoals, in: goal.permissionScope).allowed
        {
            return
        }
        try identity.require(.manageGoals, in: goal.permissionScope)
    }

    /// A goal's owner (or an assignee) is an active member of the org.
    static func requireActiveMember(_ tx: Transaction, org: UUID, _ id: UUID, field: String) async throws {
        guard let member = try await MemberRepository.get(tx, org: org, id: id) else {
            throw DomainError(.invalid, "no such member in this organisation", field: field)
        }
        guard member.active else { throw DomainError(.invalid, "the member is deactivated", field: field) }
    }

    /// After a goal's period changes, its children must still fit inside it.
    static func requireChildrenInside(_ tx: Transaction, org: UUID, goal: Goal) async throws {
        let children = try await GoalRepository.list(
            tx, org: org, filter: .init(parentID: goal.id), after: nil, limit: 1000)
        if let outside = children.items.first(where: { !goal.period.contains($0.period) }) {
            throw DomainError(
                .invalid, "the child goal “\(outside.title)” (\(outside.period)) would fall outside \(goal.period)", field: "period")
        }
    }
}
