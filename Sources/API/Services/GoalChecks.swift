import Database
import Domain
import Foundation
import HTTPTypes
import Store

/// The checks a goal goes through on every write: well-formedness (refused outright) and SMART (a warning, or a
/// refusal when the org blocks on it).
enum GoalChecks {
    /// Validates `goal` against the rules and its parent, and returns its SMART check in `locale`. A parent the
    /// caller may not read (`canRead`) is refused as if it did not exist: a reference must not reveal, nor attach
    /// to, what is out of sight.
    static func validate(
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
        if facts.settings.smartMode == .block, !check.passes {
            let failing = check.verdicts.filter { !$0.pass }
            throw Problem(
                status: .unprocessableContent, code: "smart_failed",
                detail: "the goal fails the SMART check: " + failing.map { "\($0.letter.rawValue): \($0.reason)" }.joined(separator: "; "),
                fields: failing.map { Problem.FieldError(field: field(for: $0.letter, kind: goal.kind), code: "smart_\($0.letter.rawValue)", message: $0.reason) })
        }
        return check
    }

    static func smart(
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

    /// The input field a failing letter points at, so a form can mark it.
    static func field(for letter: SmartCheck.Letter, kind: Goal.Kind) -> String {
        switch letter {
        case .specific: kind == .ksf ? "description" : "metric"
        case .measurable: "target"
        case .achievable: "target"
        case .relevant: "parent_id"
        case .timeBound: "due_date"
        }
    }
}
