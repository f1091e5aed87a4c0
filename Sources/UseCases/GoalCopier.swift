import Domain
import Foundation
import Store

/// Copies a goal subtree into another period (the next half's tree from this half's): same shape, owners and
/// measures; periods and due dates moved by the same number of months (a month-end due date stays at month end);
/// each KPI's baseline becomes the last actual its original reported, which is where the new period starts.
struct GoalCopier {
    let tx: TenantTransaction
    let identity: Identity
    let facts: OrgFacts

    /// - Parameter parent: where the new root hangs: `nil` decides (see below), `.some(nil)` at the top.
    func copy(root: Goal, into target: FiscalPeriod, parent: UUID??) async throws -> (Goal, Int) {
        let shift = target.firstMonthOffset(from: root.period)
        let subtree = try await GoalRepository.subtree(tx, of: root.id).filter { !$0.isArchived }
        guard !subtree.isEmpty else { throw DomainError(.conflict, "the goal is archived", field: "status") }
        let lastActuals = try await CheckInRepository.lastActuals(tx, goalIDs: subtree.map(\.id))
        // The new root hangs under the given parent; by default under the old parent if that parent's period
        // holds the new one, else at the top.
        let newParent: UUID?
        if let parent {
            newParent = parent
        } else if let old = root.parentID, let oldParent = try await GoalRepository.get(tx, id: old),
            oldParent.period.contains(target)
        {
            newParent = old
        } else {
            newParent = nil
        }
        var newIDs: [UUID: UUID] = [:]
        var newRoot: Goal?
        for goal in subtree {
            var copy = goal
            copy.id = .v7()
            copy.copiedFromID = goal.id
            copy.parentID = goal.id == root.id ? newParent : goal.parentID.flatMap { newIDs[$0] }
            copy.period = goal.period.shifted(months: shift)
            copy.dueDate = goal.dueDate.map { $0.adding(months: shift) }
            if goal.kind != .ksf, let actual = lastActuals[goal.id] { copy.baseline = actual }
            copy.status = .active
            try GoalAccess.requireWrite(identity, copy)
            if goal.id == root.id {
                _ = try await GoalChecks.validate(
                    tx, goal: copy, facts: facts, locale: facts.locale, canRead: { GoalAccess.canRead(identity, $0) })
            }
            let saved = try await GoalRepository.insert(tx, copy)
            newIDs[goal.id] = saved.id
            if goal.id == root.id { newRoot = saved }
        }
        return (newRoot!, subtree.count)
    }
}
