import Domain
import Testing

/// Program months counted from the start date (issue 15), including the clamps at short months and leap days.
@Suite struct ProgramCalendarTests {
    func months(_ start: String, _ count: Int = 3) -> [String] {
        let calendar = ProgramCalendar(start: day(start), months: count)
        return (1...count).map { "\(calendar.days(ofMonth: $0).lowerBound)…\(calendar.days(ofMonth: $0).upperBound)" }
    }

    @Test func aStartOnThe20thRunsFromThe20thToThe19th() {
        #expect(months("2027-01-20") == ["2027-01-20…2027-02-19", "2027-02-20…2027-03-19", "2027-03-20…2027-04-19"])
        let calendar = ProgramCalendar(start: day("2027-01-20"), months: 3)
        #expect(calendar.programMonth(of: day("2027-01-19")) == nil)
        #expect(calendar.programMonth(of: day("2027-01-20")) == 1)
        #expect(calendar.programMonth(of: day("2027-02-19")) == 1)
        #expect(calendar.programMonth(of: day("2027-02-20")) == 2)
        #expect(calendar.programMonth(of: day("2027-03-19")) == 2)
        #expect(calendar.programMonth(of: day("2027-03-20")) == 3)
        #expect(calendar.programMonth(of: day("2027-04-19")) == 3)
        #expect(calendar.programMonth(of: day("2027-04-20")) == nil)
        #expect(calendar.end == day("2027-04-19"))
    }

    @Test func aStartOnThe31stEndsTheDayBeforeTheClampedStartDay() {
        #expect(months("2027-01-31") == ["2027-01-31…2027-02-27", "2027-02-28…2027-03-30", "2027-03-31…2027-04-29"])
        #expect(months("2028-01-31") == ["2028-01-31…2028-02-28", "2028-02-29…2028-03-30", "2028-03-31…2028-04-29"])
        // The clamp never carries: after April's 30th the 31st comes back.
        #expect(months("2027-03-31", 4) == ["2027-03-31…2027-04-29", "2027-04-30…2027-05-30", "2027-05-31…2027-06-29", "2027-06-30…2027-07-30"])
        #expect(months("2027-12-31", 3) == ["2027-12-31…2028-01-30", "2028-01-31…2028-02-28", "2028-02-29…2028-03-30"], "across a year end")
        let calendar = ProgramCalendar(start: day("2027-01-31"), months: 3)
        #expect(calendar.programMonth(of: day("2027-02-27")) == 1)
        #expect(calendar.programMonth(of: day("2027-02-28")) == 2)
        #expect(calendar.programMonth(of: day("2027-03-30")) == 2)
        #expect(calendar.programMonth(of: day("2027-03-31")) == 3)
        #expect(calendar.programMonth(of: day("2027-04-29")) == 3)
        #expect(calendar.programMonth(of: day("2027-04-30")) == nil)
    }

    @Test func leapDaysAndStartsOnThe29thAnd30th() {
        #expect(months("2028-02-29") == ["2028-02-29…2028-03-28", "2028-03-29…2028-04-28", "2028-04-29…2028-05-28"])
        #expect(months("2027-01-29") == ["2027-01-29…2027-02-27", "2027-02-28…2027-03-28", "2027-03-29…2027-04-28"])
        #expect(months("2028-01-29") == ["2028-01-29…2028-02-28", "2028-02-29…2028-03-28", "2028-03-29…2028-04-28"])
        #expect(months("2027-01-30") == ["2027-01-30…2027-02-27", "2027-02-28…2027-03-29", "2027-03-30…2027-04-29"])
        #expect(months("2027-02-28") == ["2027-02-28…2027-03-27", "2027-03-28…2027-04-27", "2027-04-28…2027-05-27"],
                "the last day of February is the 28th, not 'the month's end'")
        let leap = ProgramCalendar(start: day("2028-01-30"), months: 2)
        #expect(leap.programMonth(of: day("2028-02-28")) == 1)
        #expect(leap.programMonth(of: day("2028-02-29")) == 2)
    }

    @Test func everyDayOfAYearFallsInExactlyOneMonthInOrder() {
        // Whatever the start day, months tile the program without gaps or overlaps.
        for startDay in ["2027-01-01", "2027-01-28", "2027-01-29", "2027-01-30", "2027-01-31", "2028-01-31", "2027-08-31"] {
            let calendar = ProgramCalendar(start: day(startDay), months: 12)
            var expected = 1
            var date = calendar.start
            while date <= calendar.end {
                let month = calendar.programMonth(of: date)
                if month != expected { expected += 1 }
                #expect(month == expected, "\(startDay): \(date)")
                #expect(calendar.days(ofMonth: expected).contains(date))
                date = date.adding(days: 1)
            }
            #expect(expected == 12)
            #expect(calendar.programMonth(of: date) == nil)
        }
    }
}
