import Domain
import Foundation
import Testing

@Suite struct RetentionMetricsTests {
    static func id(_ n: Int) -> UUID { UUID(uuidString: "00000000-0000-0000-0000-\(String(format: "%012d", n))")! }
    let flat = id(1), contracted = id(2), churned = id(3), expanded = id(4), newcomer = id(5), inBetween = id(6)
    let usdOnly = id(7)
    let start = YearMonth(year: 2026, month: 1), end = YearMonth(year: 2027, month: 1)

    func yen(_ amount: Int64) -> Money { Money(minorUnits: amount, currency: .jpy) }
    func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .usd) }
    func row(_ customer: UUID, _ month: YearMonth, _ amount: Money) -> MonthlyRevenue {
        MonthlyRevenue(customerID: customer, month: month, amount: amount)
    }
    var window: RetentionWindow { RetentionWindow.trailingYear(endingIn: end) }

    /// Start 450,000: flat 100,000 → 100,000; contracted 200,000 → 150,000; churned 50,000 → nothing;
    /// expanded 100,000 → 130,000; a newcomer at 80,000 at the end only; one customer only in between.
    var yenBook: [MonthlyRevenue] {
        [
            row(flat, start, yen(60_000)), row(flat, start, yen(40_000)), row(flat, end, yen(100_000)),
            row(contracted, start, yen(200_000)), row(contracted, end, yen(150_000)),
            row(churned, start, yen(50_000)), row(churned, start.adding(months: 6), yen(50_000)),
            row(expanded, start, yen(100_000)), row(expanded, end, yen(130_000)),
            row(newcomer, start.adding(months: 3), yen(80_000)), row(newcomer, end, yen(80_000)),
            row(inBetween, start.adding(months: 6), yen(10_000)),
        ]
    }

    @Test func workedExample() throws {
        let figures = RetentionMetrics.compute(yenBook, window: window)
        #expect(figures.count == 1)
        let f = try #require(figures.first)
        #expect(f.currency == .jpy)
        #expect(f.cohortSize == 4, "the newcomer and the in-between customer are not in the cohort")
        #expect(f.startRevenue == yen(450_000))
        #expect(f.retainedRevenue == yen(350_000), "100 + 150 + 0 + 100 (expansion capped at the start)")
        #expect(f.endRevenue == yen(380_000), "100 + 150 + 0 + 130 — the newcomer's 80,000 is excluded")
        #expect(f.churn == yen(50_000))
        #expect(f.contraction == yen(50_000))
        #expect(f.expansion == yen(30_000))
        #expect(f.grr == 350_000.0 / 450_000.0)
        #expect(f.nrr == 380_000.0 / 450_000.0)
        #expect(f.excludedNewCustomers == [newcomer])
    }

    @Test func theBreakdownExplainsEachCustomer() throws {
        let f = try #require(RetentionMetrics.compute(yenBook, window: window).first)
        // Biggest loss first; the two −50,000s by id.
        #expect(f.lines.map(\.customerID) == [contracted, churned, flat, expanded])
        #expect(f.lines.map(\.movement) == [.contracted, .churned, .flat, .expanded])
        #expect(f.lines.map(\.change.minorUnits) == [-50_000, -50_000, 0, 30_000])
        #expect(f.lines.map(\.retained.minorUnits) == [150_000, 0, 100_000, 100_000])
        #expect(f.lines[1].end == yen(0))
        #expect(f.lines[0].start == yen(200_000))
        // The lines add up to the figure.
        #expect(f.lines.reduce(yen(0)) { $0 + $1.retained } == f.retainedRevenue)
        #expect(f.lines.reduce(yen(0)) { $0 + $1.end } == f.endRevenue)
    }

    @Test func twoCurrenciesAreKeptApart() throws {
        // `flat` also pays 5.00 USD at the start and nothing in USD at the end; a USD customer grows 10.00 → 12.00.
        let book = yenBook + [
            row(flat, start, usd(500)),
            row(usdOnly, start, usd(1_000)), row(usdOnly, end, usd(1_200)),
        ]
        let figures = RetentionMetrics.compute(book, window: window)
        #expect(figures.map(\.currency) == [.jpy, .usd])
        let yenFigure = figures[0], usdFigure = figures[1]
        #expect(yenFigure.startRevenue == yen(450_000), "the yen figure is untouched by dollars")
        #expect(yenFigure.grr == 350_000.0 / 450_000.0)
        #expect(usdFigure.startRevenue == usd(1_500))
        #expect(usdFigure.retainedRevenue == usd(1_000))
        #expect(usdFigure.endRevenue == usd(1_200))
        #expect(usdFigure.grr == 1_000.0 / 1_500.0)
        #expect(usdFigure.nrr == 1_200.0 / 1_500.0)
        #expect(usdFigure.lines.first { $0.customerID == flat }?.movement == .churned, "churned in dollars, flat in yen")
        #expect(yenFigure.lines.first { $0.customerID == flat }?.movement == .flat)
    }

    @Test func anEmptyCohortHasNoRatios() throws {
        let onlyNew = [row(newcomer, end, yen(80_000))]
        let figures = RetentionMetrics.compute(onlyNew, window: window)
        let f = try #require(figures.first)
        #expect(f.grr == nil)
        #expect(f.nrr == nil)
        #expect(f.cohortSize == 0)
        #expect(f.startRevenue == yen(0))
        #expect(f.excludedNewCustomers == [newcomer])
        #expect(RetentionMetrics.compute([], window: window).isEmpty)
    }

    @Test func everyoneChurnedIsZeroNotNil() throws {
        let f = try #require(RetentionMetrics.compute([row(churned, start, yen(50_000))], window: window).first)
        #expect(f.grr == 0)
        #expect(f.nrr == 0)
    }

    @Test func groupsAttributeCustomersAtTheWindowStart() throws {
        let csmX = Self.id(100), csmY = Self.id(101)
        let attribution: [UUID: RetentionAttribution] = [
            flat: .init(csmID: csmX), contracted: .init(csmID: csmX), churned: .init(csmID: csmY),
            newcomer: .init(csmID: csmY), expanded: .init(segment: "enterprise"),
        ]
        let byCSM = RetentionMetrics.compute(yenBook, window: window, groupedBy: .csm, attributionAtStart: attribution)
        #expect(Set(byCSM.keys) == [.csm(csmX), .csm(csmY), .unattributed])
        let x = try #require(byCSM[.csm(csmX)]?.first)
        #expect(x.startRevenue == yen(300_000))
        #expect(x.grr == 250_000.0 / 300_000.0)
        #expect(x.nrr == 250_000.0 / 300_000.0)
        let y = try #require(byCSM[.csm(csmY)]?.first)
        #expect(y.grr == 0)
        #expect(y.excludedNewCustomers == [newcomer])
        let none = try #require(byCSM[.unattributed]?.first)
        #expect(none.lines.map(\.customerID) == [expanded])
        #expect(none.nrr == 1.3)
        // The groups add up to the org-wide figure.
        let starts = byCSM.values.flatMap { $0 }.reduce(yen(0)) { $0 + $1.startRevenue }
        #expect(starts == yen(450_000))

        let bySegment = RetentionMetrics.compute(yenBook, window: window, groupedBy: .segment, attributionAtStart: attribution)
        #expect(bySegment[.segment("enterprise")]?.first?.grr == 1)
        #expect(bySegment[.unattributed]?.first?.cohortSize == 3)
    }

    @Test func windowsEndAfterTheyStart() throws {
        #expect(throws: DomainError.self) { try RetentionWindow(start: end, end: start) }
        let trailing = RetentionWindow.trailingYear(endingIn: end)
        #expect(trailing.start == start)
        let one = try RetentionWindow(start: start, end: start)
        let f = try #require(RetentionMetrics.compute(yenBook, window: one).first)
        #expect(f.grr == 1)
        #expect(f.nrr == 1)
    }
}
