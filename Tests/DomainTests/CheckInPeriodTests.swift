import Domain
import Foundation
import Testing

@Suite struct CheckInPeriodTests {
    @Test func monthsOfAHalf() throws {
        let h2 = try FiscalPeriod.parse("FY2026-H2", fiscalYearStartMonth: 4)
        #expect(CheckInPeriod.periods(of: h2, cadence: .monthly).map(\.description)
            == ["2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"])
        #expect(CheckInPeriod.periods(of: h2, cadence: .quarterly).map(\.description) == ["FY2026-Q3", "FY2026-Q4"])
        let fy = try FiscalPeriod.parse("FY2026", fiscalYearStartMonth: 10)
        #expect(CheckInPeriod.periods(of: fy, cadence: .quarterly).first?.start == day("2026-10-01"))
    }

    @Test func isoWeeksAcrossTheYearEnd() throws {
        let week = CheckInPeriod.containing(day("2026-12-31"), cadence: .weekly, fiscalYearStartMonth: 4)
        #expect(week.description == "2026-W53")
        #expect(week.start == day("2026-12-28") && week.end == day("2027-01-03"))
        #expect(week.next.description == "2027-W01")
        #expect(try CheckInPeriod.parse("2027-W01", cadence: .weekly, fiscalYearStartMonth: 4).start == day("2027-01-04"))
        #expect(throws: DomainError.self) { try CheckInPeriod.parse("2027-W53", cadence: .weekly, fiscalYearStartMonth: 4) }
    }

    @Test func weeksOfAMonthEndInside() throws {
        let nov = try FiscalPeriod.parse("2026-11", fiscalYearStartMonth: 4)
        let weeks = CheckInPeriod.periods(of: nov, cadence: .weekly)
        #expect(weeks.first?.end == day("2026-11-01"))
        #expect(weeks.last?.end == day("2026-11-29"))
        #expect(weeks.count == 5)
    }

    @Test func fortnightsAreAlignedAndTheSecondWeekIsRefused() throws {
        let a = CheckInPeriod.containing(day("2026-11-18"), cadence: .biweekly, fiscalYearStartMonth: 4)
        #expect(a.start.days(to: a.end) == 13)
        #expect(a.start.weekday == 1)
        let text = a.description
        #expect(try CheckInPeriod.parse(text, cadence: .biweekly, fiscalYearStartMonth: 4) == a)
        let secondWeek = CheckInPeriod.containing(a.start.adding(days: 7), cadence: .weekly, fiscalYearStartMonth: 4)
        #expect(throws: DomainError.self) { try CheckInPeriod.parse(secondWeek.description, cadence: .biweekly, fiscalYearStartMonth: 4) }
    }

    @Test(arguments: ["2026-13", "FY2026-Q3", "2026/11", "", "2026-W47"])
    func badMonthlyPeriods(_ text: String) {
        #expect(throws: DomainError.self) { try CheckInPeriod.parse(text, cadence: .monthly, fiscalYearStartMonth: 4) }
    }

    /// DESIGN §2 defaults in Asia/Tokyo's calendar with the 年末年始 closure: December 2026's check-in opens on the
    /// first business day of January 2027 — the 4th (1–3 closed) — and is due on the 5th business day, the 8th;
    /// the review by the 10th business day, skipping 成人の日 on the 11th.
    @Test func monthlyScheduleAcrossTheNewYear() {
        let calendar = BusinessCalendar(closures: BusinessCalendar.newYearClosure(for: 2026).union(BusinessCalendar.newYearClosure(for: 2027)))
        let december = CheckInPeriod.containing(day("2026-12-15"), cadence: .monthly, fiscalYearStartMonth: 4)
        let schedule = CheckInSchedule(period: december, settings: .default, calendar: calendar)
        #expect(schedule.opensOn == day("2027-01-04"))
        #expect(schedule.dueOn == day("2027-01-08"))
        #expect(schedule.reviewBy == day("2027-01-18"))
        #expect(schedule.opensAtMinute == 540)
        #expect(!schedule.isLate(submittedOn: day("2027-01-08")))
        #expect(schedule.isLate(submittedOn: day("2027-01-12")))
    }

    @Test func weeklyScheduleCountsBusinessDaysAfterTheWeek() {
        let week = CheckInPeriod.containing(day("2027-02-08"), cadence: .weekly, fiscalYearStartMonth: 4)
        let schedule = CheckInSchedule(period: week, settings: .default, calendar: BusinessCalendar())
        // Week of Feb 8–14 2027; Feb 15 (Mon) opens, due the 2nd business day: the 16th.
        #expect(schedule.opensOn == day("2027-02-15"))
        #expect(schedule.dueOn == day("2027-02-16"))
        #expect(schedule.reviewBy == day("2027-02-18"))
    }

    @Test func checkInPeriodMustBelongToTheGoalAndHaveStarted() throws {
        let goal = makeGoal(period: "FY2026-H2")
        #expect(try CheckInRules.period("2026-11", of: goal, today: day("2026-11-23")).description == "2026-11")
        #expect(throws: DomainError.self) { try CheckInRules.period("2026-09", of: goal, today: day("2026-11-23")) }
        #expect(throws: DomainError.self) { try CheckInRules.period("2027-01", of: goal, today: day("2026-11-23")) }
    }

    @Test func settingsAreValidated() {
        #expect(throws: DomainError.self) { try GoalSettings(checkInDueBusinessDay: 0).validated() }
        #expect(throws: DomainError.self) { try GoalSettings(reviewBusinessDay: 3).validated() }
        #expect(throws: DomainError.self) { try GoalSettings(achievableMultiple: 1).validated() }
        #expect((try? GoalSettings.default.validated()) == .default)
    }
}
