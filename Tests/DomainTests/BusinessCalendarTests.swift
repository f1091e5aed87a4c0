import Domain
import Testing

@Suite struct BusinessCalendarTests {
    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    var company: BusinessCalendar {
        BusinessCalendar(closures: BusinessCalendar.newYearClosure(years: 2025...2028))
    }

    @Test func newYearClosure() {
        let closure = BusinessCalendar.newYearClosure(for: 2026)
        #expect(closure.map(\.description).sorted()
            == ["2026-01-01", "2026-01-02", "2026-01-03", "2026-12-29", "2026-12-30", "2026-12-31"])
        #expect(!company.isBusinessDay(date("2026-12-29")))
        #expect(BusinessCalendar().isBusinessDay(date("2026-12-29")))
        #expect(company.isBusinessDay(date("2026-12-28")))
    }

    @Test func firstBusinessDays() {
        #expect(company.nthBusinessDay(1, ofMonth: 2027, 1) == date("2027-01-04"))
        #expect(company.nthBusinessDay(5, ofMonth: 2027, 1) == date("2027-01-08"))
        #expect(company.nthBusinessDay(6, ofMonth: 2027, 1) == date("2027-01-12"))  // 1/11 成人の日
        #expect(company.nthBusinessDay(1, ofMonth: 2027, 3) == date("2027-03-01"))
        #expect(company.nthBusinessDay(1, ofMonth: 2026, 1) == date("2026-01-05"))
        #expect(BusinessCalendar().nthBusinessDay(1, ofMonth: 2026, 1) == date("2026-01-02"))
        #expect(company.nthBusinessDay(1, ofMonth: 2026, 5) == date("2026-05-01"))
        #expect(company.nthBusinessDay(2, ofMonth: 2026, 5) == date("2026-05-07"))
    }

    @Test func lastBusinessDays() {
        #expect(company.nthBusinessDay(-1, ofMonth: 2026, 12) == date("2026-12-28"))
        #expect(company.nthBusinessDay(-1, ofMonth: 2027, 2) == date("2027-02-26"))
        #expect(company.nthBusinessDay(-2, ofMonth: 2027, 2) == date("2027-02-25"))
        #expect(company.nthBusinessDay(-1, ofMonth: 2026, 10) == date("2026-10-30"))
    }

    @Test func arithmeticOverTheEquinoxWeekend() {
        // 2027-03-20 Sat, 03-21 Sun 春分の日, 03-22 Mon 振替休日.
        #expect(company.isBusinessDay(date("2027-03-19")))
        #expect(!company.isBusinessDay(date("2027-03-20")))
        #expect(!company.isBusinessDay(date("2027-03-21")))
        #expect(!company.isBusinessDay(date("2027-03-22")))
        #expect(company.isBusinessDay(date("2027-03-23")))
        #expect(company.businessDays(from: date("2027-03-19"), adding: 1) == date("2027-03-23"))
        #expect(company.businessDays(from: date("2027-03-19"), adding: 2) == date("2027-03-24"))
        #expect(company.businessDays(from: date("2027-03-23"), adding: -1) == date("2027-03-19"))
        #expect(company.businessDays(from: date("2027-03-21"), adding: -1) == date("2027-03-19"))
        #expect(company.businessDays(from: date("2027-03-21"), adding: 1) == date("2027-03-23"))
        #expect(company.businessDays(from: date("2027-03-21"), adding: 0) == date("2027-03-21"))
        #expect(company.countBusinessDays(from: date("2027-03-19"), through: date("2027-03-23")) == 2)
    }

    @Test func shifts() {
        #expect(company.shift(date("2027-03-20"), to: .next) == date("2027-03-23"))
        #expect(company.shift(date("2027-03-22"), to: .previous) == date("2027-03-19"))
        #expect(company.shift(date("2027-03-19"), to: .next) == date("2027-03-19"))
        #expect(company.shift(date("2026-12-31"), to: .next) == date("2027-01-04"))
        #expect(company.shift(date("2027-01-01"), to: .previous) == date("2026-12-28"))
    }

    @Test func customWeekendAndClosures() {
        let sixDays = BusinessCalendar(weekendDays: [7])
        #expect(sixDays.isBusinessDay(date("2027-03-20")))
        #expect(sixDays.businessDays(from: date("2027-03-19"), adding: 1) == date("2027-03-20"))
        let obon = BusinessCalendar(closures: [date("2026-08-12"), date("2026-08-13"), date("2026-08-14")])
        #expect(obon.businessDays(from: date("2026-08-10"), adding: 1) == date("2026-08-17"))
        let noHolidays = BusinessCalendar(observesJapaneseHolidays: false)
        #expect(noHolidays.isBusinessDay(date("2027-03-22")))
    }
}

@Suite struct OrgCalendarRuleTests {
    /// Japan's public holidays count for orgs on Japan's clock, in one place (it was written twice).
    @Test func japaneseHolidaysFollowJapansClock() {
        let foundationDay = LocalDate(year: 2027, month: 2, day: 11)!
        #expect(!BusinessCalendar.forOrg(timeZone: "Asia/Tokyo", closures: []).isBusinessDay(foundationDay))
        #expect(!BusinessCalendar.forOrg(timeZone: "Japan", closures: []).isBusinessDay(foundationDay))
        #expect(!BusinessCalendar.forOrg(timeZone: nil, closures: []).isBusinessDay(foundationDay))
        #expect(BusinessCalendar.forOrg(timeZone: "Europe/Berlin", closures: []).isBusinessDay(foundationDay))
        #expect(!BusinessCalendar.forOrg(timeZone: "Europe/Berlin", closures: [foundationDay]).isBusinessDay(foundationDay))
    }
}
