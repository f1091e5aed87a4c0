public import Domain
public import Foundation
public import Store

/// The checks a goal goes through on every write: well-formedness (refused outright) and SMART (a warning, or a
/// refusal when the org blocks on it).
public enum GoalChecks {
    /// Validates `goal` against the rules and its parent, and returns its SMART check in `locale`. A parent the
    /// caller may not read (`canRead`) is refused as if it did not exist: a reference must not reveal, nor attach
    /// to, what is out of sight.
    public static func validate(
        _ tx: TenantTransaction, goal: Goal, facts: OrgFacts, locale: Organization.Locale, canRead: (Goal) -> Bool
    ) async throws -> SmartCheck {
        try GoalRules.checkScope(goal)
        try GoalRules.checkMeasure(goal)
        var ancestors: [Goal] = []
        if let parentID = goal.parentID {
            guard let parent = try await GoalRepository.get(tx, id: parentID), canRead(parent) else {
                throw DomainError(.invalid, "no such goal in this organisation", field: "parent_id")
            }
            try GoalRules.checkParent(goal, parent: parent)
            ancestors = [parent] + (try await GoalRepository.ancestors(tx, of: parentID))
            if ancestors.contains(where: { $0.id == goal.id }) {
                throw DomainError(.invalid, "a goal cannot move under its own subtree", field: "parent_id")
            }
        }
        let check = try await smart(tx, goal: goal, ancestors: ancestors, facts: facts, locale: locale)
        if facts.settings.smartMode == .block, !check.passes { throw SmartCheckFailure(check: check, kind: goal.kind) }
        return check
    }

    public static func smart(
        _ tx: TenantTransaction, goal: Goal, ancestors: [Goal]? = nil, facts: OrgFacts, locale: Organization.Locale
    ) async throws -> SmartCheck {
        let line: [Goal]
        if let ancestors { line = ancestors } else { line = try await GoalRepository.ancestors(tx, of: goal.id) }
        let context = SmartCheck.Context(
            ancestorKinds: line.map(\.kind),
            measuringKPIs: goal.kind == .kpi ? [] : try await GoalRepository.measuringKPITitles(tx, of: goal.id),
            bestPastActual: goal.kind == .ksf ? nil : try await GoalRepository.bestPastActual(tx, goal: goal),
            achievableMultiple: facts.settings.achievableMultiple)
        return SmartCheck(goal: goal, context: context, locale: locale)
    }
}

/// A goal refused because it fails the SMART check in an org that blocks on it: every failing letter, each with the
/// input field it points at, so a form can mark them (one ``DomainError`` names a single field only).
public struct SmartCheckFailure: Error, Sendable {
    public let check: SmartCheck
    public let kind: Goal.Kind

    public var failing: [SmartCheck.Verdict] { check.verdicts.filter { !$0.pass } }

    /// The input field a failing letter points at.
    public func field(for letter: SmartCheck.Letter) -> String {
        switch letter {
        case .specific: kind == .ksf ? "description" : "metric"
        case .measurable: "target"
        case .achievable: "target"
        case .relevant: "parent_id"
        case .timeBound: "due_date"
        }
    }
}
