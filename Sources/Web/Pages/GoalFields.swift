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

    enum CodingKeys: String, CodingKey {
        case kind, title, company, metric, unit, baseline, target, direction
        case dueDate = "due_date"
    }

    /// What was typed, to show a refused form again.
    var typed: [String: String] {
        ["title": title ?? "", "company": company ?? "", "metric": metric ?? "", "unit": unit ?? "",
         "baseline": baseline ?? "", "target": target ?? "", "direction": direction ?? "", "due_date": dueDate ?? ""]
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
        return Goals.New(
            kind: kind, parentID: parentID, title: title ?? "", description: nil, ownerID: nil, scope: nil,
            companyID: companyID, teamID: teamID, period: period, metric: GoalPage.text(metric), unit: GoalPage.text(unit),
            baseline: try number(baseline, "baseline"), target: try number(target, "target"),
            direction: direction.flatMap(Goal.Direction.init(rawValue:)), dueDate: due, cadence: nil, weight: nil)
    }
}
