import Domain
import Testing

@Suite struct RenewalScheduleTests {
    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    func deadline(_ end: String, _ notice: NoticePeriod?, autoRenews: Bool = true) throws -> String {
        try RenewalSchedule(endDate: date(end), autoRenews: autoRenews, notice: notice).noticeDeadline.description
    }

    @Test func monthsOfNoticeOnMonthEnds() throws {
        #expect(try deadline("2027-03-31", .months(3)) == "2026-12-31", "the issue's example")
        #expect(try deadline("2027-06-30", .months(3)) == "2027-03-31", "a month's last day stays the last day")
        #expect(try deadline("2027-04-30", .months(2)) == "2027-02-28")
        #expect(try deadline("2028-04-30", .months(2)) == "2028-02-29", "leap year")
        #expect(try deadline("2028-02-29", .months(12)) == "2027-02-28")
        #expect(try deadline("2029-02-28", .months(12)) == "2028-02-29", "end of February to end of February")
        #expect(try deadline("2027-05-15", .months(3)) == "2027-02-15")
        #expect(try deadline("2027-05-30", .months(3)) == "2027-02-28", "the 30th clamps to February's end")
        #expect(try deadline("2027-01-31", .months(1)) == "2026-12-31")
    }

    @Test func daysOfNotice() throws {
        #expect(try deadline("2027-03-31", .days(30)) == "2027-03-01")
        #expect(try deadline("2028-03-31", .days(31)) == "2028-02-29")
        #expect(try deadline("2027-03-31", .days(0)) == "2027-03-31")
    }

    @Test func withoutAutoRenewalTheDeadlineIsTheEndDate() throws {
        #expect(try deadline("2027-03-31", .months(3), autoRenews: false) == "2027-03-31")
        #expect(try deadline("2027-03-31", nil) == "2027-03-31", "auto-renewing with no stated notice")
    }

    @Test func alertsAre90_60_30DaysBeforeTheDeadline() throws {
        let schedule = try RenewalSchedule(endDate: date("2027-03-31"), autoRenews: true, notice: .months(3))
        // 2026-12-31 − 30 = 12-01; − 60 = 11-01; − 90 = 10-02.
        #expect(schedule.alerts.map(\.daysBefore) == [90, 60, 30])
        #expect(schedule.alerts.map(\.date.description) == ["2026-10-02", "2026-11-01", "2026-12-01"])
        #expect(schedule.alerts.allSatisfy { $0.deadline == date("2026-12-31") })
    }

    @Test func alertDaysAcrossFebruary() throws {
        // Deadline 03-31 in a leap and a common year: 60 days before lands on 01-31 and on 01-30.
        let leap = try RenewalSchedule(endDate: date("2028-04-30"), autoRenews: true, notice: .months(1))
        #expect(leap.noticeDeadline == date("2028-03-31"))
        #expect(leap.alerts.map(\.date.description) == ["2028-01-01", "2028-01-31", "2028-03-01"])
        let common = try RenewalSchedule(endDate: date("2027-04-30"), autoRenews: true, notice: .months(1))
        #expect(common.alerts.map(\.date.description) == ["2026-12-31", "2027-01-30", "2027-03-01"])
    }

    @Test func whichAlertsAreDueOnADay() throws {
        let schedule = try RenewalSchedule(endDate: date("2027-03-31"), autoRenews: true, notice: .months(3))
        #expect(schedule.alertsDue(on: date("2026-11-01")).map(\.daysBefore) == [60])
        #expect(schedule.alertsDue(on: date("2026-10-02")).map(\.daysBefore) == [90])
        #expect(schedule.alertsDue(on: date("2026-10-01")).isEmpty)
        #expect(schedule.alertsDue(on: date("2026-11-02")).isEmpty)
        #expect(schedule.alertsDue(on: date("2026-12-31")).isEmpty, "the deadline itself is not an alert day")
        #expect(schedule.alertsDue(after: date("2026-09-30"), through: date("2026-11-15")).map(\.daysBefore) == [90, 60])
        #expect(schedule.alertsDue(after: date("2026-11-01"), through: date("2026-11-30")).isEmpty, "already sent")
    }

    @Test func aNegativeNoticeIsInvalid() {
        do {
            _ = try RenewalSchedule(endDate: date("2027-03-31"), autoRenews: true, notice: .days(-1))
            Issue.record("expected an error")
        } catch let error as DomainError {
            #expect(error.field == "notice")
        } catch { Issue.record("\(error)") }
        #expect(throws: DomainError.self) { try RenewalSchedule(endDate: date("2027-03-31"), autoRenews: true, notice: .months(-3)) }
    }
}
