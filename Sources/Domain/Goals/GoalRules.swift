import Foundation

/// What makes a goal well-formed, whatever the SMART check says: these are refused outright.
public enum GoalRules {
    public static func title(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else {
            throw DomainError(.invalid, "a title is 1 to 200 characters", field: "title")
        }
        return trimmed
    }

    /// The measure's fields agree with the goal's kind: a KSF is qualitative; a target needs a unit; a value
    /// is a finite number.
    public static func checkMeasure(_ goal: Goal) throws {
        for (value, field) in [(goal.baseline, "baseline"), (goal.target, "target")] {
            if let value, !value.isFinite { throw DomainError(.invalid, "\(field) must be a finite number", field: field) }
        }
        if goal.kind == .ksf, goal.target != nil || goal.baseline != nil {
            throw DomainError(
                .invalid, "a KSF is qualitative; measure it with KPIs under it", field: goal.target != nil ? "target" : "baseline")
        }
        if goal.target != nil, (goal.unit ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError(.invalid, "a target needs a unit (%, 円, 件, pt …)", field: "unit")
        }
        if let unit = goal.unit, unit.count > 20 { throw DomainError(.invalid, "a unit is at most 20 characters", field: "unit") }
        if let metric = goal.metric, metric.count > 100 {
            throw DomainError(.invalid, "a metric name is at most 100 characters", field: "metric")
        }
        guard goal.weight > 0, goal.weight <= 1000, goal.weight.isFinite else {
            throw DomainError(.invalid, "a weight is above 0 and at most 1000", field: "weight")
        }
        guard goal.cadence.approximateMonths <= Double(goal.period.kind.months) else {
            throw DomainError(
                .invalid, "a \(goal.cadence.rawValue) cadence is longer than the goal's period \(goal.period)", field: "cadence")
        }
    }

    /// The scope fields agree with the scope kind.
    public static func checkScope(_ goal: Goal) throws {
        switch goal.scopeKind {
        case .org:
            guard goal.companyID == nil, goal.teamID == nil else {
                throw DomainError(.invalid, "an org-wide goal names no company or team", field: "company_id")
            }
        case .company:
            guard goal.companyID != nil else { throw DomainError(.invalid, "a company goal names its company", field: "company_id") }
            guard goal.teamID == nil else { throw DomainError(.invalid, "a company goal names no team", field: "team_id") }
        case .team:
            guard goal.companyID != nil else { throw DomainError(.invalid, "a team goal names its company", field: "company_id") }
            guard goal.teamID != nil else { throw DomainError(.invalid, "a team goal names its team", field: "team_id") }
        case .member:
            guard goal.companyID != nil else { throw DomainError(.invalid, "a personal goal names its company", field: "company_id") }
        }
    }

    /// A goal under `parent`: the kinds fit, the period lies inside the parent's, the scope inside the parent's
    /// (an SMB goal cannot hang under an Enterprise KSF), and the parent is live.
    public static func checkParent(_ goal: Goal, parent: Goal) throws {
        guard parent.id != goal.id else { throw DomainError(.invalid, "a goal cannot be its own parent", field: "parent_id") }
        guard !parent.isArchived else { throw DomainError(.invalid, "the parent goal is archived", field: "parent_id") }
        guard parent.kind.mayHaveChild(goal.kind) else {
            throw DomainError(
                .invalid, "a \(goal.kind.rawValue.uppercased()) cannot sit under a \(parent.kind.rawValue.uppercased())",
                field: "parent_id")
        }
        guard parent.period.contains(goal.period) else {
            throw DomainError(
                .invalid, "the period \(goal.period) is not inside the parent's \(parent.period)", field: "period")
        }
        if let company = parent.companyID, goal.companyID != company {
            throw DomainError(.invalid, "the parent belongs to another company's tree", field: "parent_id")
        }
        if let team = parent.teamID, goal.teamID != team {
            throw DomainError(.invalid, "the parent belongs to another team's tree", field: "parent_id")
        }
    }
}
