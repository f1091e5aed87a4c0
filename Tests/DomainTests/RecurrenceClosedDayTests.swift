import Domain
import Foundation
import Testing

/// The rules a meeting cadence needs: the Nth weekday moved off closed days (also across a month's edge), weekly
/// rules that move or skip Happy-Monday holidays, and every other week from an anchor.
@Suite struct RecurrenceClosedDayTests {
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    /// Japan's holidays with the 年末年始 closures of 2026/27 and 2027/28.
    let calendar = BusinessCalendar(closures: BusinessCalendar.newYearClosure(years: 2026...2028))

    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    func at(_ text: String) -> LocalTime { LocalTime(text)! }
    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    func nominals(_ rule: Recurrence, _ from: String, _ through: String) -> [String] {
        rule.occurrences(after: instant(from), through: instant(through), in: tokyo, calendar: calendar).map(\.nominal)
    }

    /// 山の日 2026-08-11 is the 2nd Tuesday of August.
    @Test func secondTuesdayMovesOffAHoliday() {
        let previous = Recurrence.nthWeekday(n: 2, weekday: 2, at: at("10:00"), shift: .previous)
        #expect(nominals(previous, "2026-07-01T00:00:00Z", "2026-09-30T00:00:00Z") == ["2026-07-14T10:00", "2026-08-10T10:00", "2026-09-08T10:00"])
        let next = Recurrence.nthWeekday(n: 2, weekday: 2, at: at("10:00"), shift: .next)
        #expect(nominals(next, "2026-08-01T00:00:00Z", "2026-08-31T00:00:00Z") == ["2026-08-12T10:00"])
        let unmoved = Recurrence.nthWeekday(n: 2, weekday: 2, at: at("10:00"))
        #expect(nominals(unmoved, "2026-08-01T00:00:00Z", "2026-08-31T00:00:00Z") == ["2026-08-11T10:00"])
        #expect(previous.matches(day("2026-08-10"), at("10:00"), calendar: calendar))
        #expect(!previous.matches(day("2026-08-11"), at("10:00"), calendar: calendar))
        #expect(previous.next(after: instant("2026-08-10T01:00:00Z"), in: tokyo, calendar: calendar).nominal == "2026-09-08T10:00",
                "10:00 JST on the 10th is 01:00 UTC: strictly after it comes September")
    }

    /// The 1st Monday of January 2028 is the 3rd, inside the closure: moved back it lands on 2027-12-28, so December
    /// has two occurrences and January none.
    @Test func aMoveBackCrossesIntoThePreviousMonth() {
        let rule = Recurrence.nthWeekday(n: 1, weekday: 1, at: at("09:00"), shift: .previous)
        #expect(nominals(rule, "2027-11-30T00:00:00Z", "2028-02-28T00:00:00Z") == ["2027-12-06T09:00", "2027-12-28T09:00", "2028-02-07T09:00"])
        #expect(rule.next(after: instant("2027-12-10T00:00:00Z"), in: tokyo, calendar: calendar).nominal == "2027-12-28T09:00")
        #expect(rule.next(after: instant("2027-12-28T00:00:00Z"), in: tokyo, calendar: calendar).nominal == "2028-02-07T09:00")
        #expect(rule.matches(day("2027-12-28"), at("09:00"), calendar: calendar))
        #expect(!rule.matches(day("2028-01-03"), at("09:00"), calendar: calendar))
    }

    /// The last Thursday of December 2026 is the 31st: moved forward it is 2027-01-04, and January keeps its own on
    /// the 28th.
    @Test func aMoveForwardCrossesIntoTheNextMonth() {
        let rule = Recurrence.nthWeekday(n: -1, weekday: 4, at: at("17:00"), shift: .next)
        #expect(nominals(rule, "2026-12-01T00:00:00Z", "2027-02-01T00:00:00Z") == ["2027-01-04T17:00", "2027-01-28T17:00"])
        #expect(rule.next(after: instant("2026-12-30T00:00:00Z"), in: tokyo, calendar: calendar).nominal == "2027-01-04T17:00")
    }

    /// September 2026's silver week: 敬老の日 on Monday the 21st, 国民の休日 on the 22nd, 秋分の日 on the 23rd.
    @Test func weeklyMondaysMoveOrSkipHolidays() {
        let (from, through) = ("2026-09-01T00:00:00Z", "2026-09-30T00:00:00Z")
        #expect(nominals(.weekly(weekdays: [1], at: at("10:00")), from, through)
            == ["2026-09-07T10:00", "2026-09-14T10:00", "2026-09-21T10:00", "2026-09-28T10:00"])
        #expect(nominals(.weekly(weekdays: [1], at: at("10:00"), onClosedDay: .skip), from, through)
            == ["2026-09-07T10:00", "2026-09-14T10:00", "2026-09-28T10:00"])
        #expect(nominals(.weekly(weekdays: [1], at: at("10:00"), onClosedDay: .shift(.previous)), from, through)
            == ["2026-09-07T10:00", "2026-09-14T10:00", "2026-09-18T10:00", "2026-09-28T10:00"])
        #expect(nominals(.weekly(weekdays: [1], at: at("10:00"), onClosedDay: .shift(.next)), from, through)
            == ["2026-09-07T10:00", "2026-09-14T10:00", "2026-09-24T10:00", "2026-09-28T10:00"])
        // Golden Week 2027: 憲法記念日 on Monday 05-03 is skipped; 成人の日 2027-01-11 moves back to Friday the 8th.
        #expect(nominals(.weekly(weekdays: [1], at: at("10:00"), onClosedDay: .skip), "2027-04-25T00:00:00Z", "2027-05-15T00:00:00Z")
            == ["2027-04-26T10:00", "2027-05-10T10:00"])
        #expect(nominals(.weekly(weekdays: [1], at: at("10:00"), onClosedDay: .shift(.previous)), "2027-01-05T00:00:00Z", "2027-01-12T00:00:00Z")
            == ["2027-01-08T10:00"])
    }

    /// A Monday moved forward onto the rule's own Tuesday is one occurrence, not two.
    @Test func aMoveOntoAnotherOccurrenceFiresOnce() {
        let rule = Recurrence.weekly(weekdays: [1, 4], at: at("10:00"), onClosedDay: .shift(.next))
        // 09-21, 22, 23 are holidays: Monday's meeting moves to Thursday the 24th, which has its own.
        #expect(nominals(rule, "2026-09-20T00:00:00Z", "2026-09-27T00:00:00Z") == ["2026-09-24T10:00"])
    }

    /// Every other Thursday from the week of 2026-12-03; the 31st is in the closure.
    @Test func fortnightlyFromAnAnchorWeek() {
        let (from, through) = ("2026-11-01T00:00:00Z", "2027-01-31T00:00:00Z")
        let previous = Recurrence.fortnightly(weekdays: [4], anchor: day("2026-12-03"), at: at("10:00"), onClosedDay: .shift(.previous))
        #expect(nominals(previous, from, through)
            == ["2026-11-05T10:00", "2026-11-19T10:00", "2026-12-03T10:00", "2026-12-17T10:00", "2026-12-28T10:00", "2027-01-14T10:00", "2027-01-28T10:00"])
        let skip = Recurrence.fortnightly(weekdays: [4], anchor: day("2026-12-03"), at: at("10:00"), onClosedDay: .skip)
        #expect(nominals(skip, "2026-12-01T00:00:00Z", through) == ["2026-12-03T10:00", "2026-12-17T10:00", "2027-01-14T10:00", "2027-01-28T10:00"])
        // Any day of the anchor's Monday-start week names the same weeks; the Monday after names the others.
        for anchor in ["2026-11-30", "2026-12-06"] {
            let same = Recurrence.fortnightly(weekdays: [4], anchor: day(anchor), at: at("10:00"), onClosedDay: .shift(.previous))
            #expect(nominals(same, from, through) == nominals(previous, from, through), "anchor \(anchor)")
        }
        let other = Recurrence.fortnightly(weekdays: [4], anchor: day("2026-12-07"), at: at("10:00"))
        #expect(nominals(other, "2026-12-01T00:00:00Z", "2027-01-25T00:00:00Z")
            == ["2026-12-10T10:00", "2026-12-24T10:00", "2027-01-07T10:00", "2027-01-21T10:00"])
        // Two days in the on weeks.
        let twice = Recurrence.fortnightly(weekdays: [2, 4], anchor: day("2026-12-03"), at: at("10:00"))
        #expect(nominals(twice, "2026-12-01T00:00:00Z", "2026-12-20T00:00:00Z")
            == ["2026-12-01T10:00", "2026-12-03T10:00", "2026-12-15T10:00", "2026-12-17T10:00"])
    }

    /// Searching from inside the 年末年始 closure still finds the Thursday (12-31) moved forward out of it, though
    /// the Thursday lies before the search's start.
    @Test func aStartInsideAClosureFindsTheDateMovedOutOfIt() {
        let rule = Recurrence.fortnightly(weekdays: [4], anchor: day("2026-12-03"), at: at("10:00"), onClosedDay: .shift(.next))
        for start in ["2026-12-31T12:00:00Z", "2027-01-02T12:00:00Z", "2027-01-03T14:59:00Z"] {
            #expect(rule.next(after: instant(start), in: tokyo, calendar: calendar).nominal == "2027-01-04T10:00", "after \(start)")
        }
        #expect(rule.next(after: instant("2027-01-04T01:00:00Z"), in: tokyo, calendar: calendar).nominal == "2027-01-14T10:00")
    }

    /// A moved date keeps its week's turn: the on-week Monday 09-21 moves back into the off week's Friday, and the
    /// off week's own Monday stays empty.
    @Test func aFortnightlyMoveLandsInAnOffWeek() {
        let rule = Recurrence.fortnightly(weekdays: [1], anchor: day("2026-09-07"), at: at("10:00"), onClosedDay: .shift(.previous))
        #expect(nominals(rule, "2026-09-01T00:00:00Z", "2026-10-10T00:00:00Z") == ["2026-09-07T10:00", "2026-09-18T10:00", "2026-10-05T10:00"])
    }

    @Test func weekendDaysFollowTheCalendar() {
        // Saturdays moved back are Fridays; skipped, a weekend-only rule never fires (and says so at once).
        let saturdays = Recurrence.weekly(weekdays: [6], at: at("10:00"), onClosedDay: .shift(.previous))
        #expect(nominals(saturdays, "2026-11-01T00:00:00Z", "2026-11-15T00:00:00Z") == ["2026-11-06T10:00", "2026-11-13T10:00"])
        let never = Recurrence.weekly(weekdays: [6, 7], at: at("10:00"), onClosedDay: .skip)
        #expect(never.next(after: instant("2026-11-01T00:00:00Z"), in: tokyo, calendar: calendar) == Recurrence.never)
        // A calendar without business days cannot move a date: it stays, as a monthly day's does.
        let closedAlways = BusinessCalendar(weekendDays: Set(1...7))
        let kept = Recurrence.fortnightly(weekdays: [4], anchor: day("2026-12-03"), at: at("10:00"), onClosedDay: .shift(.next))
        #expect(kept.next(after: instant("2026-12-01T00:00:00Z"), in: tokyo, calendar: closedAlways).nominal == "2026-12-03T10:00")
        #expect(Recurrence.weekly(weekdays: [4], at: at("10:00"), onClosedDay: .skip)
            .next(after: instant("2026-12-01T00:00:00Z"), in: tokyo, calendar: closedAlways) == Recurrence.never)
    }

    @Test func badValuesNameTheirField() {
        func field(_ rule: Recurrence) -> String? {
            do {
                _ = try rule.validated()
                return nil
            } catch let error as DomainError {
                return error.field
            } catch {
                return "unexpected \(error)"
            }
        }
        #expect(field(.nthWeekday(n: 0, weekday: 2, at: at("10:00"), shift: .previous)) == "n")
        #expect(field(.nthWeekday(n: 2, weekday: 8, at: at("10:00"), shift: .next)) == "weekday")
        #expect(field(.fortnightly(weekdays: [], anchor: day("2026-12-03"), at: at("10:00"))) == "weekdays")
        #expect(field(.fortnightly(weekdays: [4, 0], anchor: day("2026-12-03"), at: at("10:00"), onClosedDay: .skip)) == "weekdays")
        #expect(field(.weekly(weekdays: [8], at: at("10:00"), onClosedDay: .shift(.previous))) == "weekdays")
        #expect(field(.fortnightly(weekdays: [4], anchor: day("2026-12-03"), at: at("10:00"), onClosedDay: .shift(.previous))) == nil)
        #expect(field(.nthWeekday(n: -1, weekday: 5, at: at("17:00"), shift: .next)) == nil)
    }
}
