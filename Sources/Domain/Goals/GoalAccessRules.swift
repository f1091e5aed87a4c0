/// Who may see and change a goal (DESIGN §2): its owner, and anyone who reads goals in its scope or below it —
/// goals cascade down in view, so a team sees the company's and the org's goals its own hang under, but not another
/// company's. Its owner edits it with `goals.write_own`; others need `goals.manage` in its scope.
public enum GoalAccessRules {
    public static func canRead(_ actor: Actor, _ goal: Goal, authorizer: Authorizer) -> Bool {
        goal.ownerID == actor.memberID || authorizer.canSomewhere(actor, .readGoals, within: goal.permissionScope)
    }

    /// Whether `actor` may write `goal`: as its owner (when `ownOK`), else by managing goals in its scope.
    public static func write(_ actor: Actor, _ goal: Goal, authorizer: Authorizer, ownOK: Bool = true) -> Decision {
        if ownOK, goal.ownerID == actor.memberID, authorizer.can(actor, .writeOwnGoals, in: goal.permissionScope).allowed {
            return .allow(.writeOwnGoals)
        }
        return authorizer.can(actor, .manageGoals, in: goal.permissionScope)
    }
}
