import Domain
import Foundation
import Testing

@Suite struct FiscalPeriodTests {
    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    func p(_ text: String, _ start: Int) throws -> FiscalPeriod {
        try FiscalPeriod.parse(text, fiscalYearStartMonth: start)
    }

    @Test(arguments: [1, 4, 10])
    func roundTrips(start: Int) throws {
        for text in ["FY2026", "FY2026-H1", "FY2026-H2", "FY2026-Q1", "FY2026-Q2", "FY2026-Q3", "FY2026-Q4",
                     "2026-01", "2026-11", "2027-12", "FY1999", "FY2100-Q4"] {
            let period = try p(text, start)
            #expect(period.description == text)
            #expect(period.fiscalYearStartMonth == start)
        }
    }

    @Test func kindsAndNumbers() throws {
        #expect(try p("FY2026", 4).kind == .year)
        #expect(try p("FY2026-H2", 4).kind == .half)
        #expect(try p("FY2026-H2", 4).number == 2)
        #expect(try p("FY2026-Q3", 4).kind == .quarter)
        #expect(try p("FY2026-Q3", 4).number == 3)
        #expect(try p("2027-02", 4).kind == .month)
        #expect(try p("2027-02", 4).fiscalYear == 2026)
        #expect(try p("2027-02", 4).number == 11)
    }

    @Test func fiscalYearBounds() throws {
        #expect(try p("FY2026", 1).start == date("2026-01-01"))
        #expect(try p("FY2026", 1).end == date("2026-12-31"))
        #expect(try p("FY2026", 4).start == date("2026-04-01"))
        #expect(try p("FY2026", 4).end == date("2027-03-31"))
        #expect(try p("FY2026", 10).start == date("2026-10-01"))
        #expect(try p("FY2026", 10).end == date("2027-09-30"))
    }

    @Test func halvesAndQuarters() throws {
        #expect(try p("FY2026-H1", 4).start == date("2026-04-01"))
        #expect(try p("FY2026-H1", 4).end == date("2026-09-30"))
        #expect(try p("FY2026-H2", 4).start == date("2026-10-01"))
        #expect(try p("FY2026-H2", 4).end == date("2027-03-31"))
        #expect(try p("FY2026-Q4", 4).start == date("2027-01-01"))
        #expect(try p("FY2026-Q4", 4).end == date("2027-03-31"))
        #expect(try p("FY2026-Q1", 10).start == date("2026-10-01"))
        #expect(try p("FY2026-Q1", 10).end == date("2026-12-31"))
        #expect(try p("FY2026-Q4", 10).start == date("2027-07-01"))
        #expect(try p("FY2026-Q4", 10).end == date("2027-09-30"))
        #expect(try p("FY2026-H2", 1).start == date("2026-07-01"))
        #expect(try p("FY2026-H2", 1).end == date("2026-12-31"))
        #expect(try p("FY2028-Q1", 1).end == date("2028-03-31"))
        #expect(try p("2028-02", 4).end == date("2028-02-29"))
    }

    @Test func monthsInside() throws {
        #expect(try p("FY2026-H2", 4).months.map(\.description)
            == ["2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"])
        #expect(try p("FY2026-Q4", 10).months.map(\.description) == ["2027-07", "2027-08", "2027-09"])
        #expect(try p("FY2026", 10).months.count == 12)
        #expect(try p("FY2026", 10).months.first?.description == "2026-10")
        #expect(try p("FY2026", 10).months.last?.description == "2027-09")
        #expect(try p("2026-11", 4).months == [try p("2026-11", 4)])
        #expect(try p("FY2026", 4).quarters.map(\.description) == ["FY2026-Q1", "FY2026-Q2", "FY2026-Q3", "FY2026-Q4"])
        #expect(try p("FY2026-H2", 4).quarters.map(\.description) == ["FY2026-Q3", "FY2026-Q4"])
        #expect(try p("FY2026", 4).halves.map(\.description) == ["FY2026-H1", "FY2026-H2"])
    }

    @Test func containing() {
        // A calendar month belongs to a fiscal year by the start month.
        #expect(FiscalPeriod.fiscalYear(containing: date("2026-11-15"), startMonth: 4).description == "FY2026")
        #expect(FiscalPeriod.fiscalYear(containing: date("2026-11-15"), startMonth: 10).description == "FY2026")
        #expect(FiscalPeriod.fiscalYear(containing: date("2026-11-15"), startMonth: 1).description == "FY2026")
        #expect(FiscalPeriod.fiscalYear(containing: date("2027-02-10"), startMonth: 4).description == "FY2026")
        #expect(FiscalPeriod.fiscalYear(containing: date("2027-02-10"), startMonth: 1).description == "FY2027")
        #expect(FiscalPeriod.fiscalYear(containing: date("2026-09-30"), startMonth: 10).description == "FY2025")
        #expect(FiscalPeriod.fiscalYear(containing: date("2026-10-01"), startMonth: 10).description == "FY2026")
        #expect(FiscalPeriod.fiscalYear(containing: date("2026-03-31"), startMonth: 4).description == "FY2025")
        #expect(FiscalPeriod.fiscalYear(containing: date("2026-04-01"), startMonth: 4).description == "FY2026")
        #expect(FiscalPeriod.fiscalYear(containing: date("2026-12-31"), startMonth: 1).description == "FY2026")
        #expect(FiscalPeriod.fiscalYear(containing: date("2027-01-01"), startMonth: 1).description == "FY2027")
        #expect(FiscalPeriod.month(containing: date("2027-02-10"), startMonth: 4).description == "2027-02")
        #expect(FiscalPeriod.containing(date("2027-02-10"), kind: .quarter, startMonth: 4).description == "FY2026-Q4")
        #expect(FiscalPeriod.containing(date("2027-02-10"), kind: .half, startMonth: 10).description == "FY2026-H1")
        #expect(FiscalPeriod.containing(date("2027-08-10"), kind: .quarter, startMonth: 10).description
            == "FY2026-Q4")
    }

    @Test func containsDates() throws {
        let fy = try p("FY2026", 4)
        #expect(fy.contains(date("2026-04-01")))
        #expect(fy.contains(date("2027-03-31")))
        #expect(!fy.contains(date("2026-03-31")))
        #expect(!fy.contains(date("2027-04-01")))
        #expect(fy.contains(try p("2027-03", 4)))
        #expect(!fy.contains(try p("2027-04", 4)))
        #expect(try p("FY2026-H2", 4).contains(try p("FY2026-Q3", 4)))
        #expect(!(try p("FY2026-Q3", 4).contains(try p("FY2026-H2", 4))))
    }

    @Test func nextAndPreviousAcrossFiscalYears() throws {
        #expect(try p("FY2026", 4).next.description == "FY2027")
        #expect(try p("FY2026", 4).previous.description == "FY2025")
        #expect(try p("FY2026-H2", 4).next.description == "FY2027-H1")
        #expect(try p("FY2026-H1", 4).previous.description == "FY2025-H2")
        #expect(try p("FY2026-Q4", 4).next.description == "FY2027-Q1")
        #expect(try p("FY2026-Q1", 10).previous.description == "FY2025-Q4")
        #expect(try p("FY2026-Q4", 1).next.description == "FY2027-Q1")
        #expect(try p("FY2026-Q4", 1).next.start == date("2027-01-01"))
        #expect(try p("2026-12", 4).next.description == "2027-01")
        #expect(try p("2027-01", 1).previous.description == "2026-12")
        #expect(try p("2027-03", 4).next.fiscalYear == 2027)
        #expect(try p("FY2026-Q2", 4).shifted(by: 5).description == "FY2027-Q3")
        #expect(try p("FY2026-Q2", 4).shifted(by: -6).description == "FY2024-Q4")
    }

    @Test func parents() throws {
        #expect(try p("2027-02", 4).parent?.description == "FY2026-Q4")
        #expect(try p("2027-02", 4).halfPeriod?.description == "FY2026-H2")
        #expect(try p("2027-02", 4).fiscalYearPeriod.description == "FY2026")
        #expect(try p("FY2026-Q3", 4).parent?.description == "FY2026-H2")
        #expect(try p("FY2026-H2", 4).parent?.description == "FY2026")
        #expect(try p("FY2026", 4).parent == nil)
        #expect(try p("2026-11", 10).parent?.description == "FY2026-Q1")
        #expect(try p("2026-09", 10).fiscalYearPeriod.description == "FY2025")
        #expect(try p("2026-09", 10).quarterPeriod?.description == "FY2025-Q4")
        #expect(try p("FY2026-Q3", 4).enclosing(.year)?.description == "FY2026")
        #expect(try p("FY2026-Q3", 4).enclosing(.month) == nil)
    }

    @Test(arguments: ["FY26", "FY2026-H3", "2026-13", "2026-00", "", "fy2026", "FY2026-Q5", "FY2026-Q0",
                      "FY2026-H", "FY2026Q1", "2026-1", "2026-011", "FY 2026", "FY2026-M1", "2026", "FY2026-"])
    func badTextThrows(text: String) {
        #expect {
            _ = try FiscalPeriod.parse(text, fiscalYearStartMonth: 4)
        } throws: { error in
            (error as? DomainError)?.code == .invalid && (error as? DomainError)?.field == "period"
        }
    }

    @Test func badStartMonthThrows() {
        #expect(throws: DomainError.self) { try FiscalPeriod.parse("FY2026", fiscalYearStartMonth: 13) }
        #expect(throws: DomainError.self) { try FiscalPeriod.parse("FY2026", fiscalYearStartMonth: 0) }
    }

    @Test func sameTextDifferentCalendarsDiffer() throws {
        #expect(try p("FY2026", 4) != p("FY2026", 10))
        #expect(try p("FY2026", 4) == FiscalPeriod.year(2026, startMonth: 4))
        #expect(try p("FY2026-Q2", 10) == FiscalPeriod.quarter(2026, 2, startMonth: 10))
        #expect(try p("2026-11", 10) == FiscalPeriod.month(year: 2026, month: 11, startMonth: 10))
    }

    @Test func codable() throws {
        let period = try p("FY2026-H2", 10)
        let data = try JSONEncoder().encode(period)
        #expect(try JSONDecoder().decode(FiscalPeriod.self, from: data) == period)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                FiscalPeriod.self, from: Data(#"{"period":"FY2026-H3","fiscalYearStartMonth":4}"#.utf8))
        }
    }
}
