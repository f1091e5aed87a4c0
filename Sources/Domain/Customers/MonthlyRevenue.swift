public import Foundation

/// One customer's revenue in one calendar month: an imported snapshot or a month derived from the contracts
/// (`ContractRevenue`). The input of GRR/NRR. Several rows for one customer, month and currency add up.
public struct MonthlyRevenue: Hashable, Sendable, Codable {
    public var customerID: UUID
    public var month: YearMonth
    public var amount: Money

    public init(customerID: UUID, month: YearMonth, amount: Money) {
        self.customerID = customerID
        self.month = month
        self.amount = amount
    }
}
