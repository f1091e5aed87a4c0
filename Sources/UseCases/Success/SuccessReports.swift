public import Domain
public import Foundation
public import Store

/// Issue 15's success report: of the live customers the caller reads, the share standing at light and at deep
/// success, by company or by cohort (the month or fiscal quarter their first contract started), with the median and
/// 75th-percentile days from that start to reaching each tier (``SuccessAttainmentReport``). Customers are judged
/// exactly as their status page judges them, so the two never disagree.
public struct SuccessReports: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public enum Grouping: String, Sendable, CaseIterable {
        case company, cohort
    }

    public enum Cohort: String, Sendable, CaseIterable {
        case month, quarter
    }

    /// The group of customers without a contract in a cohort report.
    public static let noContract = "none"

    public struct Row: Sendable {
        public var group: String
        /// The company's name when grouped by company.
        public var groupName: String?
        public var tier: SuccessTier
        public var customers: Int
        public var reached: Int
        public var share: Double?
        public var medianDays: Double?
        public var p75Days: Double?
    }

    public func attainment(grouping: Grouping, cohort: Cohort, companyID: UUID?) async throws -> [Row] {
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let counted = try await SuccessAttainmentRepository.customers(tx, visibleTo: identity.reach(.readCustomers), companyID: companyID)
        let definitions = try await SuccessDefinitionRepository.live(tx)
        let ids = counted.map(\.id)
        let stored = Dictionary(grouping: try await MeasureStatusRepository.current(tx, customers: ids, definitions: definitions.map(\.id)), by: \.customerID)
        let readings = try await MeasureStatusRepository.readings(tx, customers: ids, metrics: CustomerSuccess.metrics(of: definitions), today: today)
        let open = Dictionary(grouping: try await SuccessAttainmentRepository.open(tx, customers: ids), by: \.customerID)
        let startMonth = identity.fiscalYearStartMonth
        let customers = counted.map { customer -> SuccessAttainmentReport.Customer in
            let inputs = CustomerSuccess.Inputs(
                definitions: definitions, stored: stored[customer.id] ?? [], readings: readings[customer.id] ?? [:],
                openPeriods: open[customer.id] ?? [])
            var reached: [SuccessTier: LocalDate] = [:]
            for tier in CustomerSuccess.evaluate(companyID: customer.companyID, customerID: customer.id, inputs, today: today) {
                if let on = tier.reachedOn { reached[tier.tier] = on }
            }
            let group: String
            switch grouping {
            case .company: group = customer.companyID.uuidString.lowercased()
            case .cohort: group = customer.contractStart.map { Self.cohort(of: $0, cohort, startMonth: startMonth) } ?? Self.noContract
            }
            return SuccessAttainmentReport.Customer(customerID: customer.id, group: group, contractStart: customer.contractStart, reached: reached)
        }
        var names: [String: String] = [:]
        if grouping == .company {
            for company in Set(counted.map(\.companyID)) {
                names[company.uuidString.lowercased()] = try await CompanyRepository.get(tx, id: company)?.name
            }
        }
        return SuccessAttainmentReport.rows(customers).map { row in
            Row(group: row.group, groupName: names[row.group], tier: row.tier, customers: row.share.whole, reached: row.share.part,
                share: row.share.rate, medianDays: row.medianDays, p75Days: row.p75Days)
        }
    }

    /// `2027-04`, or the fiscal quarter (`FY2027-Q1`) in the org's fiscal calendar.
    static func cohort(of day: LocalDate, _ cohort: Cohort, startMonth: Int) -> String {
        switch cohort {
        case .month: String(day.description.prefix(7))
        case .quarter: FiscalPeriod.containing(day, kind: .quarter, startMonth: startMonth).description
        }
    }
}
