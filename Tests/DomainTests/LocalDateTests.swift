import Domain
import Foundation
import Testing

@Suite struct LocalDateTests {
    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func validatesDays() {
        #expect(LocalDate(year: 2026, month: 2, day: 28) != nil)
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2028, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2026, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2026, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 0, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 1, day: 0) == nil)
    }

    @Test func parsesAndPrintsISO() {
        #expect(LocalDate(iso: "2026-11-05")?.description == "2026-11-05")
        #expect(LocalDate(iso: "0999-01-02")?.description == "0999-01-02")
        for bad in ["2026-1-05", "2026-02-30", "2026/11/05", "26-11-05", "2026-11-05T00:00", "", "２０２６-11-05"] {
            #expect(LocalDate(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func epochArithmetic() {
        #expect(date("1970-01-01").daysSinceEpoch == 0)
        #expect(date("1969-12-31").daysSinceEpoch == -1)
        #expect(date("2000-03-01").daysSinceEpoch == 11017)
        #expect(LocalDate(daysSinceEpoch: 20454) == date("2026-01-01"))
        // Round trip over a long span, against day-by-day succession.
        var previous = LocalDate(daysSinceEpoch: -800_000)
        for days in -799_999...100_000 where days % 37 == 0 || abs(days) < 1000 {
            let d = LocalDate(daysSinceEpoch: days)
            #expect(d.daysSinceEpoch == days)
            #expect(previous < d)
            previous = d
        }
    }

    @Test func addingDaysCrossesMonthAndYearEnds() {
        #expect(date("2026-12-31").adding(days: 1) == date("2027-01-01"))
        #expect(date("2027-01-01").adding(days: -1) == date("2026-12-31"))
        #expect(date("2028-02-28").adding(days: 1) == date("2028-02-29"))
        #expect(date("2027-02-28").adding(days: 1) == date("2027-03-01"))
        #expect(date("2026-01-31").adding(days: 365) == date("2027-01-31"))
        #expect(date("2026-01-01").days(to: date("2027-01-01")) == 365)
    }

    @Test func isoWeekday() {
        #expect(date("1970-01-01").weekday == 4)  // Thursday
        #expect(date("2026-11-02").weekday == 1)  // Monday
        #expect(date("2027-03-21").weekday == 7)  // Sunday
        #expect(date("2027-03-20").weekday == 6)
        #expect(date("1969-12-28").weekday == 7)
        #expect(date("1900-01-01").weekday == 1)
        #expect(date("2000-01-01").weekday == 6)
    }

    @Test func daysInMonth() {
        #expect(LocalDate.daysInMonth(year: 2026, month: 2) == 28)
        #expect(LocalDate.daysInMonth(year: 2024, month: 2) == 29)
        #expect(date("2026-11-15").daysInMonth == 30)
        #expect(date("2026-11-15").lastOfMonth == date("2026-11-30"))
        #expect(date("2026-11-15").firstOfMonth == date("2026-11-01"))
    }

    @Test func codableAsISOString() throws {
        let encoded = try JSONEncoder().encode([date("2027-03-22")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2027-03-22"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: encoded) == [date("2027-03-22")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2027-02-30"]"#.utf8))
        }
    }

    @Test func ordering() {
        #expect(date("2026-12-31") < date("2027-01-01"))
        #expect(date("2026-02-01") > date("2026-01-31"))
        #expect([date("2027-01-01"), date("2026-03-01")].sorted() == [date("2026-03-01"), date("2027-01-01")])
    }
}

@Suite struct LocalDateMonthArithmeticTests {
    @Test func addingMonthsKeepsMonthEnds() {
        #expect(LocalDate(iso: "2027-03-31")!.adding(months: 6) == LocalDate(iso: "2027-09-30"))
        #expect(LocalDate(iso: "2027-02-28")!.adding(months: 6) == LocalDate(iso: "2027-08-31"))
        #expect(LocalDate(iso: "2027-01-30")!.adding(months: 1) == LocalDate(iso: "2027-02-28"))
        #expect(LocalDate(iso: "2026-11-15")!.adding(months: -11) == LocalDate(iso: "2025-12-15"))
        #expect(LocalDate(iso: "2026-01-15")!.adding(months: -1) == LocalDate(iso: "2025-12-15"))
    }
}
