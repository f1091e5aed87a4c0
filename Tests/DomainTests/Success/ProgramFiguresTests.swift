import Domain
import Foundation
import Testing

/// Seed 002's figures: coverage, presentation success rate, hours per CSM against capacity.
@Suite struct ProgramFiguresTests {
    @Test func coverageCountsCustomersPastOnboarding() {
        let share = ProgramFigures.coverage([
            .init(customerID: UUID(), phase: .onboarding, enrolled: true),
            .init(customerID: UUID(), phase: .outcome, enrolled: true),
            .init(customerID: UUID(), phase: .outcome, enrolled: false),
            .init(customerID: UUID(), phase: .embedded, enrolled: true),
            .init(customerID: UUID(), phase: .renewal, enrolled: false),
            .init(customerID: UUID(), phase: .churned, enrolled: true),
        ])
        #expect(share == ProgramFigures.Share(part: 2, whole: 4))
        #expect(share.rate == 0.5)
        #expect(ProgramFigures.coverage([]).rate == nil)
        #expect(!ProgramFigures.counts(makeEnrolment(start: "2027-01-20", state: .cancelled)))
    }

    @Test func presentationSuccessAmongHeldAndJudgedPrograms() {
        func program(held: Bool, reached: Bool?, state: Enrolment.State = .completed) -> Enrolment {
            var enrolment = makeEnrolment(start: "2027-01-20", state: reached == nil && state == .completed ? .active : state)
            enrolment.presentation = SuccessPresentation(scheduledOn: day("2027-04-10"), heldOn: held ? day("2027-04-10") : nil)
            enrolment.result = reached.map { ProgramResult(goalReached: $0, evidence: "seen", decidedOn: day("2027-04-15")) }
            return enrolment
        }
        let figures = ProgramFigures.presentationSuccess([
            program(held: true, reached: true), program(held: true, reached: true), program(held: true, reached: false),
            program(held: true, reached: nil), program(held: false, reached: nil),
            program(held: true, reached: nil, state: .cancelled),
        ])
        #expect(figures.share == ProgramFigures.Share(part: 2, whole: 3))
        #expect(figures.pending == 1, "held but not judged yet")
    }

    @Test func hoursPerCSMUseTheirCapacityOrTheDefault() {
        let alice = UUID(), bob = UUID(), carol = UUID()
        let march = YearMonth(year: 2027, month: 3)
        let loads = ProgramFigures.hoursPerCSM(
            entries: [alice: [HourBudget.Entry(on: day("2027-03-05"), minutes: 70 * 60)], bob: [HourBudget.Entry(on: day("2027-03-31"), minutes: 100 * 60)]],
            capacities: [alice: CSMCapacity(memberID: alice, monthlyMinutes: 60 * 60), carol: CSMCapacity(memberID: carol, monthlyMinutes: 80 * 60)],
            month: march)
        #expect(loads[alice]?.state == .over && loads[alice]?.overMinutes == 600)
        #expect(loads[bob]?.limitMinutes == 7200 && loads[bob]?.state == .warning)
        #expect(loads[carol]?.usedMinutes == 0 && loads[carol]?.state == .ok)
    }
}
