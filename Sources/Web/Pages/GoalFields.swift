import Domain
import Foundation
import UseCases

/// The fields of a new-goal form (a KGI from the tree, a KSF or KPI from its parent's page), as typed, and what
/// the Goals use case makes of them. Numbers may carry thousands separators; an empty field is "not given".
struct GoalFields: Decodable, Sendable {
    var kind: String?
    var title: String?
    var company: String?
    var metric: String?
    var unit: String?
    var baseline: String?
    var target: String?
    var direction: String?
    var dueDate: String?
    var boundMetric: String?

    enum CodingKeys: String, CodingKey {
        case kind, title, company, metric, unit, baseline, target, direction
        case dueDate = "due_date", boundMetric = "bound_metric"
    }

    /// What was typed, to show a refused form again.
    var typed: [String: String] {
        ["title": title ?? "", "company": company ?? "", "metric": metric ?? "", "unit": unit ?? "",
         "baseline": baseline ?? "", "target": target ?? "", "direction": direction ?? "", "due_date": dueDate ?? "",
         "bound_metric": boundMetric ?? ""]
    }

    func new(kind: Goal.Kind, parentID: UUID?, period: String, companyID: UUID?, teamID: UUID?) throws -> Goals.New {
        func number(_ text: String?, _ field: String) throws -> Double? {
            guard let text = text?.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ""), !text.isEmpty
            else { return nil }
            guard let value = Double(text), value.isFinite else { throw DomainError(.invalid, "form_number", field: field) }
            return value
        }
        let due = try dueDate.flatMap { text -> LocalDate? in
            guard !text.isEmpty else { return nil }
            guard let day = LocalDate(iso: text) else { throw DomainError(.invalid, "form_date", field: "due_date") }
            return day
        }
        var bound: BoundMetric?
        if let text = boundMetric, !text.isEmpty {
            guard let metric = BoundMetric(rawValue: text) else { throw DomainError(.invalid, "form_choose", field: "bound_metric") }
            bound = metric
        }
        return Goals.New(
            kind: kind, parentID: parentID, title: title ?? "", description: nil, ownerID: nil, scope: nil,
            companyID: companyID, teamID: teamID, period: period, metric: GoalPage.text(metric), unit: GoalPage.text(unit),
            baseline: try number(baseline, "baseline"), target: try number(target, "target"),
            direction: direction.flatMap(Goal.Direction.init(rawValue:)), dueDate: due, cadence: nil, weight: nil,
            boundMetric: bound)
    }
}

/// The new-goal form's view model, for a KGI on the tree page and a KSF or KPI on its parent's page
/// (`new-goal-form.mustache`): what was typed when it comes back refused, the message at the field it names.
struct NewGoalForm: Sendable {
    let action: String
    let kind: String
    let heading: String
    /// The period a KGI is for (a KSF or KPI takes its parent's).
    let period: String?
    /// A KSF's or KPI's parent, for the live SMART check (the form's action names it for the create).
    let parent: String?
    /// Where a KGI lives: the org or one of these companies (a KSF or KPI lives where its parent does).
    let companies: [FormOption]
    let hasCompanies: Bool
    let title: String
    let metric: String
    let unit: String
    let baseline: String
    let target: String
    let dueDate: String
    let directions: [FormOption]
    /// A new KPI may be bound to a computed metric from the start.
    let bindable: Bool
    let boundMetrics: [FormOption]
    let open: Bool
    let error: String?
    let titleError: String?
    let targetError: String?

    init(
        action: String, kind: Goal.Kind, heading: String, period: String? = nil, parent: String? = nil, companies: [FormOption] = [],
        typed: [String: String], refusal: DomainError?, t: Catalogue
    ) {
        (self.action, self.kind, self.heading, self.period, self.parent) = (action, kind.rawValue, heading, period, parent)
        (self.companies, hasCompanies) = (companies, !companies.isEmpty)
        (title, metric, unit) = (typed["title"] ?? "", typed["metric"] ?? "", typed["unit"] ?? "")
        (baseline, target, dueDate) = (typed["baseline"] ?? "", typed["target"] ?? "", typed["due_date"] ?? "")
        directions = Goal.Direction.allCases.map {
            FormOption(value: $0.rawValue, label: t["direction_\($0.rawValue)"], selected: (typed["direction"] ?? "up") == $0.rawValue)
        }
        bindable = kind == .kpi
        boundMetrics = kind == .kpi ? GoalManagement.boundMetricOptions(selected: typed["bound_metric"] ?? "", t) : []
        open = refusal != nil
        // The page's own refusals carry a catalogue key; the use cases' speak for themselves.
        let message = refusal.map { t.explain($0) }
        error = ["title", "target"].contains(refusal?.field ?? "") ? nil : message
        titleError = refusal?.field == "title" ? message : nil
        targetError = refusal?.field == "target" ? message : nil
    }
}
