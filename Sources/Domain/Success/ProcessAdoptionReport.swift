public import Foundation

/// Adoption per company (seed 000): the share of each company's customers placed on the org's standard process.
/// For the process owners at company level — deliberately not per person: seed 000 warns that policing who uses
/// the process breeds a sense of being forced.
public enum ProcessAdoptionReport {
    /// A customer and the process it is currently placed on (`nil`: none).
    public struct Customer: Sendable, Equatable {
        public var customerID: UUID
        public var companyID: UUID
        public var processID: UUID?

        public init(customerID: UUID, companyID: UUID, processID: UUID?) { (self.customerID, self.companyID, self.processID) = (customerID, companyID, processID) }
    }

    public struct Row: Sendable, Equatable {
        public var companyID: UUID
        public var customers: Int
        public var onStandard: Int
        /// 0–1; `nil` for a company without customers.
        public var share: Double? { customers > 0 ? Double(onStandard) / Double(customers) : nil }
    }

    /// One row per company that has customers, in `companyOrder` when given (companies missing from it last, by
    /// id). With no standard process every share is 0: nothing is on a standard that does not exist.
    public static func rows(_ customers: [Customer], standardProcessID: UUID?, companyOrder: [UUID] = []) -> [Row] {
        var table: [UUID: Row] = [:]
        for customer in customers {
            var row = table[customer.companyID] ?? Row(companyID: customer.companyID, customers: 0, onStandard: 0)
            row.customers += 1
            if let standard = standardProcessID, customer.processID == standard { row.onStandard += 1 }
            table[customer.companyID] = row
        }
        let rank = Dictionary(companyOrder.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return table.values.sorted { (rank[$0.companyID] ?? .max, $0.companyID.uuidString) < (rank[$1.companyID] ?? .max, $1.companyID.uuidString) }
    }
}
