import Domain
import Foundation
import Testing

/// `next(after:)` of the Nth weekday with a shift, weekly and fortnightly rules checked against a brute force that
/// asks `matches` of every local day for years: in Tokyo through Golden Week, silver weeks, 振替休日, 年末年始 and お盆
/// closures and a two-week closure; in New York across the DST changes (a time the spring gap skips, one the
/// fall-back repeats) with US closure days.
@Suite struct RecurrenceCrossCheckTests {
    typealias Expected = (nominal: String, instant: Date)

    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    func at(_ text: String) -> LocalTime { LocalTime(text)! }

    /// Every local day from `first` through `last` on which the rule takes place, by `matches` alone.
    func bruteForce(_ rule: Recurrence, _ time: LocalTime, _ first: LocalDate, _ last: LocalDate, _ zone: TimeZone,
                    _ calendar: BusinessCalendar) -> [Expected] {
        var result: [Expected] = []
        var day = first
        while day <= last {
            if rule.matches(day, time, calendar: calendar) { result.append(("\(day)T\(time)", Recurrence.instant(day, time, in: zone))) }
            day = day.adding(days: 1)
        }
        return result
    }

    /// Checks the rule and answers how often it fired.
    @discardableResult
    func check(_ rule: Recurrence, _ time: LocalTime, _ first: LocalDate, _ last: LocalDate, _ zone: TimeZone,
               _ calendar: BusinessCalendar, random: inout SplitMix) -> Int {
        let midnight = at("00:00")
        let after = Recurrence.instant(first, midnight, in: zone).addingTimeInterval(-1)
        let through = Recurrence.instant(last.adding(days: 1), midnight, in: zone).addingTimeInterval(-1)
        let expected = bruteForce(rule, time, first, last, zone, calendar)
        let found = rule.occurrences(after: after, through: through, in: zone, calendar: calendar)
        #expect(found.map(\.nominal) == expected.map(\.nominal), "\(rule) in \(zone.identifier)")
        #expect(found.map(\.instant) == expected.map(\.instant), "\(rule) in \(zone.identifier)")
        // From random instants (not only from occurrences, which `occurrences` already walks).
        let span = through.timeIntervalSince(after) - 120 * 86_400
        for _ in 0..<40 {
            let start = after.addingTimeInterval(Double(random.next() % UInt64(span)))
            let next = rule.next(after: start, in: zone, calendar: calendar)
            #expect(next.nominal == (expected.first { $0.instant > start }?.nominal ?? Recurrence.never.nominal), "\(rule) after \(start)")
        }
        return expected.count
    }

    func randomRule(_ random: inout SplitMix, time: LocalTime) -> Recurrence {
        let shifts: [BusinessCalendar.Shift?] = [nil, .previous, .next]
        let closed: [Recurrence.OnClosedDay?] = [nil, .skip, .shift(.previous), .shift(.next)]
        let days = Set((0..<(1 + random.next() % 3)).map { _ in Int(random.next() % 7) + 1 })
        switch random.next() % 3 {
        case 0:
            return .nthWeekday(n: [1, 2, 3, 4, 5, -1][Int(random.next() % 6)], weekday: Int(random.next() % 7) + 1, at: time,
                               shift: shifts[Int(random.next() % 3)])
        case 1:
            return .weekly(weekdays: days, at: time, onClosedDay: closed[Int(random.next() % 4)])
        default:
            let anchor = LocalDate(daysSinceEpoch: day("2020-01-01").daysSinceEpoch + Int(random.next() % 4000))
            return .fortnightly(weekdays: days, anchor: anchor, at: time, onClosedDay: closed[Int(random.next() % 4)])
        }
    }

    @Test func tokyoOverFourYears() {
        var closures = BusinessCalendar.newYearClosure(years: 2025...2030)
        for year in 2026...2029 { for d in 13...16 { closures.insert(LocalDate(year: year, month: 8, day: d)!) } }
        // Two weeks closed around 海の日 2027 (07-19): Mondays moved forward meet on 08-02, moved back on 07-16.
        for offset in 0..<12 { closures.insert(day("2027-07-19").adding(days: offset)) }
        let calendar = BusinessCalendar(closures: closures)
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        let anchor = day("2026-12-03")
        let rules: [Recurrence] = [
            .nthWeekday(n: 2, weekday: 2, at: at("10:00"), shift: .previous),
            .nthWeekday(n: 1, weekday: 1, at: at("09:00"), shift: .previous),
            .nthWeekday(n: -1, weekday: 4, at: at("17:00"), shift: .next),
            .nthWeekday(n: 5, weekday: 1, at: at("09:00"), shift: .next),
            .weekly(weekdays: [1], at: at("10:00"), onClosedDay: .shift(.next)),
            .weekly(weekdays: [1], at: at("10:00"), onClosedDay: .shift(.previous)),
            .weekly(weekdays: [1], at: at("10:00"), onClosedDay: .skip),
            .weekly(weekdays: [1, 2, 5], at: at("08:30"), onClosedDay: .shift(.next)),
            .fortnightly(weekdays: [4], anchor: anchor, at: at("10:00"), onClosedDay: .shift(.previous)),
            .fortnightly(weekdays: [4], anchor: anchor, at: at("10:00"), onClosedDay: .shift(.next)),
            .fortnightly(weekdays: [4], anchor: anchor, at: at("10:00"), onClosedDay: .skip),
            .fortnightly(weekdays: [4], anchor: anchor, at: at("10:00")),
            .fortnightly(weekdays: [1, 3], anchor: day("2026-01-05"), at: at("23:30"), onClosedDay: .shift(.next)),
        ]
        var random = SplitMix(seed: 20_261_203)
        for rule in rules {
            #expect(check(rule, rule.localTime, day("2026-01-01"), day("2029-12-31"), tokyo, calendar, random: &random) > 10, "\(rule)")
        }
        for _ in 0..<12 {
            let rule = randomRule(&random, time: LocalTime(hour: Int(random.next() % 24), minute: Int(random.next() % 60))!)
            check(rule, rule.localTime, day("2026-01-01"), day("2029-12-31"), tokyo, calendar, random: &random)
        }
    }

    @Test func newYorkAcrossDST() {
        let closures: Set<LocalDate> = Set(["2026-11-26", "2026-12-25", "2027-07-05", "2027-11-25", "2027-12-24", "2028-11-23", "2028-12-25"].map(day))
        let calendar = BusinessCalendar.forOrg(timeZone: "America/New_York", closures: closures)
        let newYork = TimeZone(identifier: "America/New_York")!
        let rules: [Recurrence] = [
            // The second Sunday of March is the spring-forward day (02:30 does not exist), the first of November the
            // fall-back day (01:30 happens twice).
            .nthWeekday(n: 2, weekday: 7, at: at("02:30")),
            .nthWeekday(n: 1, weekday: 7, at: at("01:30")),
            .weekly(weekdays: [7], at: at("01:30")),
            .fortnightly(weekdays: [7], anchor: day("2026-03-08"), at: at("02:30")),
            .nthWeekday(n: -1, weekday: 4, at: at("09:00"), shift: .next),
            .weekly(weekdays: [4, 5], at: at("09:00"), onClosedDay: .shift(.previous)),
            .weekly(weekdays: [4, 5], at: at("09:00"), onClosedDay: .skip),
            .fortnightly(weekdays: [1], anchor: day("2026-03-02"), at: at("09:00"), onClosedDay: .shift(.next)),
        ]
        var random = SplitMix(seed: 20_270_314)
        for rule in rules {
            #expect(check(rule, rule.localTime, day("2026-03-01"), day("2028-12-31"), newYork, calendar, random: &random) > 10, "\(rule)")
        }
        for _ in 0..<6 {
            let rule = randomRule(&random, time: LocalTime(hour: Int(random.next() % 24), minute: Int(random.next() % 60))!)
            check(rule, rule.localTime, day("2026-03-01"), day("2028-12-31"), newYork, calendar, random: &random)
        }
        // The instants are the local times themselves, read back with Foundation: one hour later only in the gap.
        var civil = Calendar(identifier: .gregorian)
        civil.timeZone = newYork
        let sundays = Recurrence.weekly(weekdays: [7], at: at("02:30"))
            .occurrences(after: Recurrence.instant(day("2027-03-01"), at("00:00"), in: newYork),
                         through: Recurrence.instant(day("2027-03-31"), at("00:00"), in: newYork), in: newYork, calendar: calendar)
        #expect(sundays.map { civil.dateComponents([.day, .hour, .minute], from: $0.instant) }.map { [$0.day!, $0.hour!, $0.minute!] }
            == [[7, 2, 30], [14, 3, 30], [21, 2, 30], [28, 2, 30]])
    }
}

extension Recurrence {
    /// The rule's time of day, for the tests' brute force.
    var localTime: LocalTime {
        switch self {
        case .monthlyDay(_, let at, _), .nthWeekday(_, _, let at, _), .nthBusinessDay(_, let at), .weekly(_, let at, _), .fortnightly(_, _, let at, _): at
        case .everyMinutes: LocalTime(hour: 0, minute: 0)!
        }
    }
}
