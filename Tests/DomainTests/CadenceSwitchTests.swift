import Domain
import Foundation
import Testing

@Suite struct CadenceSwitchTests {
    func goal(_ cadence: Cadence) throws -> Goal {
        Goal(
            id: UUID(), kind: .kpi, parentID: nil, title: "GRR", description: nil, ownerID: UUID(), scopeKind: .org, companyID: nil,
            teamID: nil, period: try FiscalPeriod.parse("FY2026-H2", fiscalYearStartMonth: 4), metric: "GRR", unit: "%", baseline: 90,
            target: 95, direction: .up, dueDate: nil, status: .active, cadence: cadence, weight: 1, copiedFromID: nil,
            createdAt: .distantPast, updatedAt: .distantPast, version: 1)
    }
    func period(_ text: String, _ cadence: Cadence) throws -> CheckInPeriod {
        try CheckInPeriod.parse(text, cadence: cadence, fiscalYearStartMonth: 4)
    }

    @Test func monthlyToWeeklyMidMonthKeepsTheMonthAndStartsWithTheWeekHoldingTheFirst() throws {
        var g = try goal(.monthly)
        g.changeCadence(to: .weekly, today: LocalDate(iso: "2026-11-18")!)
        #expect(g.cadence == .weekly)
        #expect(g.cadenceSwitch == CadenceSwitch(prior: .monthly, from: LocalDate(iso: "2026-12-01")!))
        #expect(g.cadence(on: LocalDate(iso: "2026-11-30")!) == .monthly)
        #expect(g.cadence(on: LocalDate(iso: "2026-12-01")!) == .weekly)
        #expect(g.reports(on: try period("2026-11", .monthly)), "the current month's check-in is kept")
        #expect(!g.reports(on: try period("2026-12", .monthly)))
        #expect(!g.reports(on: try period("2026-W47", .weekly)), "weeks inside November are the month's")
        #expect(!g.reports(on: try period("2026-W48", .weekly)))
        #expect(g.reports(on: try period("2026-W49", .weekly)), "Nov 30–Dec 6 ends after the switch: no gap")
        // The check-in API accepts either shape around the switch.
        #expect(try CheckInRules.period("2026-11", of: g, today: LocalDate(iso: "2026-12-02")!).cadence == .monthly)
        #expect(try CheckInRules.period("2026-W49", of: g, today: LocalDate(iso: "2026-12-02")!).cadence == .weekly)
        #expect(throws: DomainError.self) { try CheckInRules.period("2026-W47", of: g, today: LocalDate(iso: "2026-12-02")!) }
    }

    @Test func changingBackBeforeTheSwitchCancelsIt() throws {
        var g = try goal(.monthly)
        g.changeCadence(to: .quarterly, today: LocalDate(iso: "2026-11-18")!)
        g.changeCadence(to: .weekly, today: LocalDate(iso: "2026-11-20")!)
        #expect(g.cadenceSwitch == CadenceSwitch(prior: .monthly, from: LocalDate(iso: "2026-12-01")!), "the month in force still finishes")
        g.changeCadence(to: .monthly, today: LocalDate(iso: "2026-11-25")!)
        #expect(g.cadence == .monthly && g.cadenceSwitch == nil)
    }

    @Test func quarterlyToMonthlyWaitsForTheFiscalQuarter() throws {
        var g = try goal(.quarterly)
        g.changeCadence(to: .monthly, today: LocalDate(iso: "2026-11-18")!)
        #expect(g.cadenceSwitch == CadenceSwitch(prior: .quarterly, from: LocalDate(iso: "2027-01-01")!))
        #expect(g.reports(on: try period("FY2026-Q3", .quarterly)))
        #expect(!g.reports(on: try period("2026-12", .monthly)))
        #expect(g.reports(on: try period("2027-01", .monthly)))
    }
}
