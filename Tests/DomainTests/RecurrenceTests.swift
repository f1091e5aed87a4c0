import Domain
import Foundation
import Testing

@Suite struct RecurrenceTests {
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    let newYork = TimeZone(identifier: "America/New_York")!
    let closures = BusinessCalendar(closures: BusinessCalendar.newYearClosure(for: 2026).union(BusinessCalendar.newYearClosure(for: 2027)))

    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    func at(_ text: String) -> LocalTime { LocalTime(text)! }

    @Test func firstBusinessDayAcrossTheNewYear() {
        let rule = Recurrence.nthBusinessDay(n: 1, at: at("09:00"))
        let occurrences = rule.occurrences(
            after: instant("2026-11-30T00:00:00Z"), through: instant("2027-04-30T00:00:00Z"), in: tokyo, calendar: closures)
        #expect(occurrences.map(\.nominal) == ["2026-12-01T09:00", "2027-01-04T09:00", "2027-02-01T09:00", "2027-03-01T09:00", "2027-04-01T09:00"])
        #expect(occurrences[1].instant == instant("2027-01-04T00:00:00Z"), "09:00 in Tokyo is 00:00 UTC")
        let last = Recurrence.nthBusinessDay(n: -1, at: at("18:00")).next(after: instant("2027-03-01T00:00:00Z"), in: tokyo, calendar: closures)
        #expect(last.nominal == "2027-03-31T18:00")
    }

    @Test func dayOfMonthClampsAndShifts() {
        let end = Recurrence.monthlyDay(day: 31, at: at("10:00"), shift: nil)
        #expect(end.occurrences(after: instant("2026-10-31T12:00:00Z"), through: instant("2027-03-01T00:00:00Z"), in: tokyo, calendar: closures)
            .map(\.nominal) == ["2026-11-30T10:00", "2026-12-31T10:00", "2027-01-31T10:00", "2027-02-28T10:00"])
        // The 1st of January 2027 is 元日 inside the closure; shifted forward it lands on the 4th, backward on 12-28.
        let forward = Recurrence.monthlyDay(day: 1, at: at("09:00"), shift: .next).next(after: instant("2026-12-15T00:00:00Z"), in: tokyo, calendar: closures)
        #expect(forward.nominal == "2027-01-04T09:00")
        let backward = Recurrence.monthlyDay(day: 1, at: at("09:00"), shift: .previous).next(after: instant("2026-12-15T00:00:00Z"), in: tokyo, calendar: closures)
        #expect(backward.nominal == "2026-12-28T09:00", "the 1st of January moved back into December")
        // 春分の日 2027-03-21 is a Sunday with its substitute holiday on the 22nd: the 21st shifts to the 23rd.
        let spring = Recurrence.monthlyDay(day: 21, at: at("09:00"), shift: .next).next(after: instant("2027-03-01T00:00:00Z"), in: tokyo, calendar: closures)
        #expect(spring.nominal == "2027-03-23T09:00")
    }

    @Test func nthWeekdayAndWeekly() {
        let secondTuesday = Recurrence.nthWeekday(n: 2, weekday: 2, at: at("15:00"))
        #expect(secondTuesday.next(after: instant("2026-11-01T00:00:00Z"), in: tokyo, calendar: closures).nominal == "2026-11-10T15:00")
        let lastFriday = Recurrence.nthWeekday(n: -1, weekday: 5, at: at("17:00"))
        #expect(lastFriday.next(after: instant("2026-11-01T00:00:00Z"), in: tokyo, calendar: closures).nominal == "2026-11-27T17:00")
        let fifthMonday = Recurrence.nthWeekday(n: 5, weekday: 1, at: at("09:00"))
        #expect(fifthMonday.next(after: instant("2026-12-01T00:00:00Z"), in: tokyo, calendar: closures).nominal == "2027-03-29T09:00",
                "months without a fifth Monday are skipped")
        let weekly = Recurrence.weekly(weekdays: [1, 4], at: at("08:30"))
        #expect(weekly.occurrences(after: instant("2026-11-23T00:00:00Z"), through: instant("2026-12-01T00:00:00Z"), in: tokyo, calendar: closures)
            .map(\.nominal) == ["2026-11-26T08:30", "2026-11-30T08:30"], "Monday the 23rd at 08:30 JST was before the start")
        let every = Recurrence.everyMinutes(15)
        #expect(every.next(after: instant("2026-11-23T10:07:00Z"), in: tokyo, calendar: closures).instant == instant("2026-11-23T10:15:00Z"))
    }

    /// 09:00 in New York across the DST change of 2026-11-01: 13:00 UTC before, 14:00 UTC after.
    @Test func localTimeHoldsAcrossDST() {
        let rule = Recurrence.weekly(weekdays: [1, 2, 3, 4, 5, 6, 7], at: at("09:00"))
        let days = rule.occurrences(after: instant("2026-10-30T00:00:00Z"), through: instant("2026-11-03T00:00:00Z"), in: newYork, calendar: BusinessCalendar())
        #expect(days.map(\.nominal) == ["2026-10-30T09:00", "2026-10-31T09:00", "2026-11-01T09:00", "2026-11-02T09:00"])
        #expect(days.map(\.instant) == [instant("2026-10-30T13:00:00Z"), instant("2026-10-31T13:00:00Z"), instant("2026-11-01T14:00:00Z"), instant("2026-11-02T14:00:00Z")])
        // 01:30 happens twice on 2026-11-01 in New York: one nominal occurrence, at its first instant.
        let repeated = Recurrence.weekly(weekdays: [7], at: at("01:30")).occurrences(
            after: instant("2026-11-01T04:00:00Z"), through: instant("2026-11-01T08:00:00Z"), in: newYork, calendar: BusinessCalendar())
        #expect(repeated.map(\.nominal) == ["2026-11-01T01:30"])
        #expect(repeated.first?.instant == instant("2026-11-01T05:30:00Z"))
        // 02:30 does not exist on 2027-03-14: it fires right after the gap, once.
        let skipped = Recurrence.weekly(weekdays: [7], at: at("02:30")).next(after: instant("2027-03-13T12:00:00Z"), in: newYork, calendar: BusinessCalendar())
        #expect(skipped.nominal == "2027-03-14T02:30")
        #expect(skipped.instant == instant("2027-03-14T07:30:00Z"))
    }

    /// The search against a brute force that walks minute by minute through local time.
    @Test func nextOccurrenceMatchesAMinuteByMinuteSearch() {
        var random = SplitMix(seed: 20261123)
        let calendar = closures
        for case_ in 0..<24 {
            let time = LocalTime(hour: Int(random.next() % 24), minute: Int(random.next() % 60))!
            let rule: Recurrence
            switch case_ % 5 {
            case 0: rule = .monthlyDay(day: Int(random.next() % 31) + 1, at: time, shift: [nil, .next, .previous][Int(random.next() % 3)])
            case 1:
                rule = .nthWeekday(
                    n: [1, 2, 3, 4, -1][Int(random.next() % 5)], weekday: Int(random.next() % 7) + 1, at: time,
                    shift: [nil, .next, .previous][Int(random.next() % 3)])
            case 2: rule = .nthBusinessDay(n: [1, 2, 5, 10, -1, -2][Int(random.next() % 6)], at: time)
            case 3: rule = .weekly(weekdays: Set((0..<3).map { _ in Int(random.next() % 7) + 1 }), at: time)
            default: rule = .monthlyDay(day: 29 + Int(random.next() % 3), at: time, shift: .next)
            }
            // Random starts around the year end, where the closure and holidays bite.
            let start = instant("2026-12-01T00:00:00Z").addingTimeInterval(Double(random.next() % (60 * 86_400)))
            let expected = rule.next(after: start, in: tokyo, calendar: calendar)
            var minute = (start.timeIntervalSince1970 / 60).rounded(.down) + 1
            var found: Date?
            while found == nil, minute * 60 < start.timeIntervalSince1970 + 75 * 86_400 {
                let local = Int(minute) * 60 + tokyo.secondsFromGMT()
                let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
                let rest = local - days * 86_400
                if rest / 60 == time.minuteOfDay, rule.matches(LocalDate(daysSinceEpoch: days), time, calendar: calendar) {
                    found = Date(timeIntervalSince1970: minute * 60)
                }
                minute += 1
            }
            #expect(found == expected.instant, "\(rule) after \(start)")
        }
    }
}

/// A small deterministic random source for the property test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
