import Domain
import Foundation

/// A goal with sensible defaults, changed where a test cares.
func makeGoal(
    kind: Goal.Kind = .kpi, title: String = "Enterprise GRR", description: String? = nil, metric: String? = "GRR",
    unit: String? = "%", baseline: Double? = 90, target: Double? = 95, direction: Goal.Direction = .up,
    period: String = "FY2026-H2", startMonth: Int = 4, due: String? = "2027-03-31", cadence: Cadence = .monthly,
    parent: UUID? = nil, company: UUID? = UUID(), team: UUID? = nil
) -> Goal {
    Goal(
        id: UUID(), kind: kind, parentID: parent, title: title, description: description, ownerID: UUID(),
        scopeKind: team != nil ? .team : .company, companyID: company, teamID: team,
        period: try! FiscalPeriod.parse(period, fiscalYearStartMonth: startMonth), metric: metric, unit: unit,
        baseline: baseline, target: target, direction: direction, dueDate: due.flatMap { LocalDate(iso: $0) },
        status: .active, cadence: cadence, weight: 1, copiedFromID: nil, createdAt: .distantPast, updatedAt: .distantPast, version: 1)
}

func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
