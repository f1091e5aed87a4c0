public import Foundation

/// Monthly revenue derived from contracts, for the months that have no imported snapshot (issue 13: "an imported
/// snapshot wins for its month; other months are derived from the contracts").
///
/// A contract's month is a twelfth of its ARR. **Partial months are prorated by day**: a month the contract covers
/// for `d` of its `n` days earns `ARR × d / (12 × n)`, rounded half away from zero to the minor unit. Why by day
/// and not "counts if active on the 1st" or "on the last day": a contract ending 2027-03-15 followed by its renewal
/// from 2027-03-16 then adds up to one full month (15/31 + 16/31) instead of zero or two, and a churn on the 15th
/// shows half a month of revenue in March rather than disappearing or lingering. Each month is rounded on its
/// own, so twelve months of an ARR not divisible by 12 may differ from the ARR by a few minor units.
public enum ContractRevenue {
    /// What of a contract revenue derivation needs. Dates are inclusive (`end` is the contract's last day).
    public struct Contract: Hashable, Sendable, Codable {
        public var customerID: UUID
        public var arr: Money
        public var start: LocalDate
        public var end: LocalDate

        public init(customerID: UUID, arr: Money, start: LocalDate, end: LocalDate) {
            self.customerID = customerID
            self.arr = arr
            self.start = start
            self.end = end
        }
    }

    /// The contract's revenue in `month`: `nil` when it does not cover a day of it.
    public static func revenue(of contract: Contract, in month: YearMonth) -> Money? {
        let first = max(contract.start, month.firstDay)
        let last = min(contract.end, month.lastDay)
        guard first <= last else { return nil }
        let covered = Int64(first.days(to: last) + 1)
        return contract.arr.scaled(by: covered, over: 12 * Int64(month.dayCount))
    }

    /// Revenue per customer and month for `months`: a customer's snapshots for a month replace everything the
    /// contracts would give that customer in that month (in every currency — an imported month is the whole truth
    /// of what the customer paid); months without a snapshot are the sum of the contracts covering them, per
    /// currency. Months with no revenue (or a zero snapshot) produce no row. Rows are ordered by month, then customer, then
    /// currency, so the output is stable.
    public static func monthly(
        contracts: [Contract], snapshots: [MonthlyRevenue], months: [YearMonth]
    ) -> [MonthlyRevenue] {
        struct Key: Hashable { var customer: UUID; var month: YearMonth; var currency: CurrencyCode }
        struct CustomerMonth: Hashable { var customer: UUID; var month: YearMonth }
        let wanted = Set(months)
        var snapshotted: Set<CustomerMonth> = []
        var amounts: [Key: Money] = [:]
        // Sized up front: growing a 20,000-entry table step by step rehashes it over and over.
        snapshotted.reserveCapacity(snapshots.count)
        amounts.reserveCapacity(snapshots.count + contracts.count * min(wanted.count, 2))
        for snapshot in snapshots where wanted.contains(snapshot.month) {
            snapshotted.insert(CustomerMonth(customer: snapshot.customerID, month: snapshot.month))
            amounts[Key(customer: snapshot.customerID, month: snapshot.month, currency: snapshot.amount.currency),
                    default: .zero(snapshot.amount.currency)] += snapshot.amount
        }
        for contract in contracts {
            for month in wanted where !snapshotted.contains(CustomerMonth(customer: contract.customerID, month: month)) {
                guard let amount = revenue(of: contract, in: month) else { continue }
                amounts[Key(customer: contract.customerID, month: month, currency: amount.currency),
                        default: .zero(amount.currency)] += amount
            }
        }
        // Sorted by month, then customer id as its `uuidString` orders (``RetentionOrder``: no string per
        // comparison), then currency code.
        var rows: [(order: RetentionOrder, row: MonthlyRevenue)] = []
        rows.reserveCapacity(amounts.count)
        for (key, amount) in amounts where !amount.isZero {
            rows.append((RetentionOrder(key.customer), MonthlyRevenue(customerID: key.customer, month: key.month, amount: amount)))
        }
        rows.sort { a, b in
            if a.row.month != b.row.month { return a.row.month < b.row.month }
            if a.order != b.order { return a.order < b.order }
            return a.row.amount.currency.rawValue < b.row.amount.currency.rawValue
        }
        return rows.map(\.row)
    }
}
