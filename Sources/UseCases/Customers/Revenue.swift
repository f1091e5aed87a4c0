public import Domain
public import Foundation
public import Store

/// A customer's monthly revenue: snapshots set by API or import (each wins for its month) and the months derived
/// from the contracts in between. Values need `contracts.read`; setting a snapshot needs `customers.manage`.
public struct Revenue: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }
    var access: RevenueAccess { RevenueAccess(tx: tx, identity: identity) }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// Where a month's figure comes from.
    public enum Source: String, Sendable, Codable, CaseIterable {
        case snapshot, contracts
    }

    /// One month of the series: every currency the customer paid in that month (empty when nothing).
    public struct Month: Sendable, Codable {
        public var month: YearMonth
        public var source: Source
        public var revenue: [Money]
    }

    /// The longest series one request reads (ten years).
    public static let maxMonths = 120

    public func put(customer id: UUID, month: YearMonth, amount: Money) async throws -> RevenueRepository.Snapshot {
        let customer = try await access.manageable(id)
        guard amount.minorUnits >= 0 else { throw DomainError(.invalid, "revenue cannot be negative", field: "amount_minor") }
        let saved = try await RevenueRepository.put(tx, customer: customer.id, month: month, amount: amount)
        try await Audit.record(tx, caller, action: "revenue.put", resource: "customer", id: customer.id, after: saved)
        return saved
    }

    public func delete(customer id: UUID, month: YearMonth, currency: CurrencyCode?) async throws {
        let customer = try await access.manageable(id)
        let removed = try await RevenueRepository.delete(tx, customer: customer.id, month: month, currency: currency)
        guard !removed.isEmpty else { throw DomainError(.notFound, "no revenue snapshot for this month") }
        try await Audit.record(tx, caller, action: "revenue.delete", resource: "customer", id: customer.id, before: removed)
    }

    public func series(customer id: UUID, from first: YearMonth, through last: YearMonth) async throws -> [Month] {
        guard first <= last else { throw DomainError(.invalid, "the series ends before it starts", field: "to") }
        guard first.months(to: last) < Self.maxMonths else {
            throw DomainError(.invalid, "a series covers at most 120 months", field: "from")
        }
        let customer = try await access.withValues(id)
        let inputs = try await RevenueRepository.customerInputs(tx, customer: customer.id, from: first, through: last)
        let months = YearMonth.range(first, through: last)
        let snapshotted = Set(inputs.snapshots.map(\.month))
        let rows = ContractRevenue.monthly(contracts: inputs.contracts, snapshots: inputs.snapshots, months: months)
        let byMonth = Dictionary(grouping: rows, by: \.month)
        return months.map { month in
            Month(
                month: month, source: snapshotted.contains(month) ? .snapshot : .contracts,
                revenue: (byMonth[month] ?? []).map(\.amount).sorted { $0.currency < $1.currency })
        }
    }
}
