import Domain
import Foundation
import Testing

/// Hours logged against each program month's budget (issue 15): warned at 80 %, flagged past 100 %, never refused.
@Suite struct ProgramHourBudgetTests {
    func entry(_ date: String, _ minutes: Int) -> HourBudget.Entry { HourBudget.Entry(on: day(date), minutes: minutes) }

    @Test func hoursCountInTheProgramMonthOfTheDayAcrossCalendarMonths() {
        // A program from the 20th: 02-19 is still month 1, 02-20 is month 2.
        let budget = HourBudget(calendar: ProgramCalendar(start: day("2027-01-20"), months: 3), monthlyBudgetMinutes: 300, entries: [
            entry("2027-01-20", 60), entry("2027-02-19", 120),
            entry("2027-02-20", 240), entry("2027-03-19", 30),
            entry("2027-03-20", 200), entry("2027-04-19", 150),
            entry("2027-01-19", 45), entry("2027-04-20", 90),
        ])
        #expect(budget.statuses.map(\.usedMinutes) == [180, 270, 350])
        #expect(budget.statuses.map(\.state) == [.ok, .warning, .over])
        #expect(budget.outsideMinutes == 135, "before the start and after the end: recorded, charged to no month")
        #expect(budget.totalMinutes == 935)
        #expect(budget.monthsOver == [3])
        let third = budget.status(month: 3)
        #expect(third.overMinutes == 50 && third.usedHours == 350.0 / 60 && third.limitHours == 5)
        #expect(abs(third.percent! - 350.0 / 3) < 1e-9)
        #expect(budget.status(month: 4).usedMinutes == 0)
    }

    @Test func thresholdsAreExact() {
        func state(_ used: Int, of limit: Int = 300) -> BudgetUse.State { BudgetUse(usedMinutes: used, limitMinutes: limit).state }
        #expect(state(0) == .ok)
        #expect(state(239) == .ok)
        #expect(state(240) == .warning, "4 h of 5 is exactly 80 %")
        #expect(state(300) == .warning, "the whole budget used is not over it")
        #expect(state(301) == .over)
        #expect(state(0, of: 0) == .ok && state(1, of: 0) == .over)
        #expect(BudgetUse(usedMinutes: 10, limitMinutes: 0).percent == nil)
    }

    @Test func aCSMsCapacityCountsCalendarMonthsAcrossPrograms() throws {
        let csm = UUID()
        let capacity = CSMCapacity(memberID: csm)
        #expect(capacity.monthlyHours == 120)
        // Two programs' sessions; the calendar month decides, not the program month.
        let entries = [entry("2027-02-01", 3000), entry("2027-02-28", 2760), entry("2027-03-01", 600), entry("2027-01-31", 60)]
        let february = capacity.load(in: YearMonth(year: 2027, month: 2), entries: entries)
        #expect(february.usedMinutes == 5760 && february.state == .warning, "96 h of 120 is 80 %")
        #expect(capacity.load(in: YearMonth(year: 2027, month: 3), entries: entries).state == .ok)
        #expect(try CSMCapacity(memberID: csm, monthlyMinutes: 0).validated().monthlyMinutes == 0)
        #expect(throws: DomainError.self) { try CSMCapacity(memberID: csm, monthlyMinutes: 745 * 60).validated() }
    }

    @Test func templatesDefaultToSeed002sProgram() throws {
        let template = try ProgramTemplate(id: UUID(), name: " GPO ", sessions: ProgramTemplate.standardSessions(),
                                           createdAt: successInstant(), updatedAt: successInstant()).validated()
        #expect(template.name == "GPO" && template.months == 3 && template.monthlyBudgetHours == 5)
        #expect(template.sessions.first?.kind == .goalSetting && template.sessions.first?.month == 1)
        #expect(template.sessions.last?.kind == .presentation && template.sessions.last?.month == 3)
        #expect(template.sessions.filter { $0.kind == .pairSupport }.map(\.month) == [1, 2, 3])

        func field(_ change: (inout ProgramTemplate) -> Void) -> String? {
            var copy = template
            change(&copy)
            do { _ = try copy.validated(); return nil } catch { return (error as? DomainError)?.field }
        }
        #expect(field { $0.months = 0 } == "months")
        #expect(field { $0.monthlyBudgetMinutes = 310 } == "monthly_budget_minutes", "quarter hours")
        #expect(field { $0.months = 2 } == "sessions[3].month", "month 3's pair support in a 2-month program")
        #expect(field { $0.sessions[1].title = " " } == "sessions[1].title")
        #expect(field { $0.monthlyBudgetMinutes = 480 } == nil, "5 h is the default, not a cap")
    }

    @Test func anEnrolmentCopiesTheTemplateAndKeepsItsResultConsistent() throws {
        var template = ProgramTemplate(id: UUID(), name: "GPO", sessions: [], createdAt: successInstant(), updatedAt: successInstant())
        let enrolment = Enrolment(id: UUID(), customerID: UUID(), template: template, startDate: day("2027-01-31"), csmID: UUID(),
                                  participantIDs: [UUID()], createdAt: successInstant())
        template.months = 6
        #expect(enrolment.months == 3 && enrolment.monthlyBudgetMinutes == 300, "a template edit leaves running programs alone")
        #expect(enrolment.calendar.end == day("2027-04-29"))
        #expect(enrolment.isRunning(on: day("2027-04-29")) && !enrolment.isRunning(on: day("2027-04-30")))

        var completed = enrolment
        completed.state = .completed
        #expect(throws: DomainError(.missing, "a completed program records its result", field: "result")) { try completed.validated() }
        completed.result = ProgramResult(goalReached: true, evidence: " closing in 3 days ", decidedOn: day("2027-04-28"))
        #expect(try completed.validated().result?.evidence == "closing in 3 days")
        var early = enrolment
        early.result = completed.result
        #expect((try? early.validated()) == nil, "an active program has no result yet")
        var presented = enrolment
        presented.presentation = SuccessPresentation(heldOn: day("2027-01-30"), audienceSize: 12)
        #expect((try? presented.validated()) == nil, "held before the start")
        presented.presentation = SuccessPresentation(scheduledOn: day("2027-04-20"), audienceSize: 12)
        #expect((try? presented.validated()) == nil, "an audience is counted once held")
    }

    @Test func heldSessionsLogHoursAndPairSupportNamesThePerson() throws {
        let base = ProgramSession(id: UUID(), enrolmentID: UUID(), kind: .pairSupport, plannedOn: day("2027-02-03"),
                                  createdAt: successInstant(), updatedAt: successInstant())
        #expect(try base.validated().budgetEntry == nil, "a planned session costs nothing yet")
        var held = base
        held.heldOn = day("2027-02-04")
        #expect((try? held.validated()) == nil)
        held.durationMinutes = 15
        #expect(throws: DomainError(.missing, "say whom the pair support was for", field: "supported_contact_id")) { try held.validated() }
        held.supportedContactID = UUID()
        held.practised = "  closing the month  "
        let checked = try held.validated()
        #expect(checked.practised == "closing the month")
        #expect(checked.budgetEntry == HourBudget.Entry(on: day("2027-02-04"), minutes: 15))
        var goal = base
        goal.kind = .goalSetting
        goal.durationMinutes = 60
        #expect((try? goal.validated()) == nil, "hours are logged once held")
        goal.durationMinutes = nil
        goal.practised = "x"
        #expect((try? goal.validated()) == nil, "only pair support says what was practised")
    }
}
