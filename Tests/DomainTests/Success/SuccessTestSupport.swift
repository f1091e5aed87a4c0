import Domain
import Foundation

/// A fixed instant for the success tests: seconds after 2027-01-01T00:00Z. Tests never read the wall clock.
func successInstant(_ seconds: TimeInterval = 0) -> Date { Date(timeIntervalSince1970: 1_798_761_600 + seconds) }

func makeDefinition(tier: SuccessTier = .light, company: UUID? = nil, measures: [SuccessMeasure]) -> SuccessDefinition {
    SuccessDefinition(
        id: UUID(), tier: tier, companyID: company, definition: "Budget collection runs in Banso's customer's product",
        audience: "経営企画", aims: ["Free the front line from spreadsheet work"], measures: measures, responsibleTeamID: nil,
        method: "Success program", createdAt: successInstant(), updatedAt: successInstant())
}

func makeEnrolment(start: String, months: Int = 3, budgetMinutes: Int = 300, state: Enrolment.State = .active) -> Enrolment {
    Enrolment(id: UUID(), customerID: UUID(), templateID: UUID(), startDate: day(start), months: months, monthlyBudgetMinutes: budgetMinutes,
              csmID: UUID(), participantIDs: [], state: state, createdAt: successInstant(), updatedAt: successInstant())
}
