import Domain
import Foundation
import Testing

@Suite struct ContractRevenueTests {
    let c1 = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
    let c2 = UUID(uuidString: "00000000-0000-0000-0000-000000000002")!

    func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    func yen(_ amount: Int64) -> Money { Money(minorUnits: amount, currency: .jpy) }
    func contract(_ customer: UUID, arr: Int64, _ start: String, _ end: String) -> ContractRevenue.Contract {
        ContractRevenue.Contract(customerID: customer, arr: yen(arr), start: date(start), end: date(end))
    }

    @Test func aFullMonthIsATwelfthOfTheARR() {
        let year = contract(c1, arr: 1_200_000, "2026-04-01", "2027-03-31")
        #expect(ContractRevenue.revenue(of: year, in: YearMonth(year: 2026, month: 4)) == yen(100_000))
        #expect(ContractRevenue.revenue(of: year, in: YearMonth(year: 2027, month: 3)) == yen(100_000))
        #expect(ContractRevenue.revenue(of: year, in: YearMonth(year: 2026, month: 3)) == nil)
        #expect(ContractRevenue.revenue(of: year, in: YearMonth(year: 2027, month: 4)) == nil)
    }

    @Test func partialMonthsAreProratedByDay() {
        // 15 of April's 30 days: 1,200,000 × 15 / 360.
        let fromMid = contract(c1, arr: 1_200_000, "2026-04-16", "2027-02-14")
        #expect(ContractRevenue.revenue(of: fromMid, in: YearMonth(year: 2026, month: 4)) == yen(50_000))
        // 14 of February 2027's 28 days.
        #expect(ContractRevenue.revenue(of: fromMid, in: YearMonth(year: 2027, month: 2)) == yen(50_000))
        // 10 of February 2028's 29 days: 1,200,000 × 10 / 348 = 34,482.76 → 34,483.
        let leap = contract(c1, arr: 1_200_000, "2027-04-01", "2028-02-10")
        #expect(ContractRevenue.revenue(of: leap, in: YearMonth(year: 2028, month: 2)) == yen(34_483))
        let wholeLeapFebruary = contract(c1, arr: 1_200_000, "2027-04-01", "2028-02-29")
        #expect(ContractRevenue.revenue(of: wholeLeapFebruary, in: YearMonth(year: 2028, month: 2)) == yen(100_000))
    }

    @Test func aMidMonthRenewalAddsUpToOneMonth() {
        let old = contract(c1, arr: 1_200_000, "2026-03-16", "2027-03-15")
        let renewal = contract(c1, arr: 1_200_000, "2027-03-16", "2028-03-15")
        let march = YearMonth(year: 2027, month: 3)
        // 15/31 → 48,387.10 → 48,387 and 16/31 → 51,612.90 → 51,613.
        #expect(ContractRevenue.revenue(of: old, in: march) == yen(48_387))
        #expect(ContractRevenue.revenue(of: renewal, in: march) == yen(51_613))
        let rows = ContractRevenue.monthly(contracts: [old, renewal], snapshots: [], months: [march])
        #expect(rows == [MonthlyRevenue(customerID: c1, month: march, amount: yen(100_000))])
    }

    @Test func anImportedSnapshotWinsForItsMonth() {
        let april = YearMonth(year: 2026, month: 4), may = april.adding(months: 1), june = april.adding(months: 2)
        let contracts = [
            contract(c1, arr: 1_200_000, "2026-04-01", "2027-03-31"),
            contract(c2, arr: 2_400_000, "2026-04-01", "2027-03-31"),
        ]
        let snapshots = [
            MonthlyRevenue(customerID: c1, month: may, amount: yen(95_000)),
            MonthlyRevenue(customerID: c1, month: june, amount: yen(0)),
            MonthlyRevenue(customerID: c2, month: YearMonth(year: 2025, month: 1), amount: yen(1)),
        ]
        let rows = ContractRevenue.monthly(contracts: contracts, snapshots: snapshots, months: [april, may, june])
        #expect(rows == [
            MonthlyRevenue(customerID: c1, month: april, amount: yen(100_000)),
            MonthlyRevenue(customerID: c2, month: april, amount: yen(200_000)),
            MonthlyRevenue(customerID: c1, month: may, amount: yen(95_000)),
            MonthlyRevenue(customerID: c2, month: may, amount: yen(200_000)),
            // c1's zero snapshot for June wins over its contract: no revenue, no row.
            MonthlyRevenue(customerID: c2, month: june, amount: yen(200_000)),
        ])
    }

    @Test func yearMonthsAreExact() {
        let month = YearMonth(year: 2026, month: 11)
        #expect(month.description == "2026-11")
        #expect(month.adding(months: 2) == YearMonth(year: 2027, month: 1))
        #expect(month.adding(months: -11) == YearMonth(year: 2025, month: 12))
        #expect(YearMonth(year: 2028, month: 2).lastDay == LocalDate(year: 2028, month: 2, day: 29))
        #expect(YearMonth(FiscalPeriod.month(year: 2026, month: 11, startMonth: 4)) == month)
        #expect(YearMonth(FiscalPeriod.year(2026, startMonth: 4)) == nil)
        #expect(YearMonth(iso: "2026-11") == month)
        #expect(YearMonth.range(month, through: month.adding(months: 2)).count == 3)
    }
}
