public import Foundation

/// Issue 15's success report: the share of customers standing at light and at deep success, by any grouping the
/// caller chooses (company, or a cohort such as the contract's start month), and the days from contract start to
/// each tier's being reached (median and 75th percentile, as ``TicketMetrics/percentile(_:of:)`` computes them).
public enum SuccessAttainmentReport {
    public struct Customer: Sendable, Equatable {
        public var customerID: UUID
        /// The caller's group key: a company id, a cohort like `2027-04`.
        public var group: String
        public var contractStart: LocalDate?
        /// When the customer reached each tier, if it stands there now (``SuccessStatus/reachedOn(_:)``).
        public var reached: [SuccessTier: LocalDate]

        public init(customerID: UUID, group: String, contractStart: LocalDate?, reached: [SuccessTier: LocalDate]) {
            (self.customerID, self.group, self.contractStart, self.reached) = (customerID, group, contractStart, reached)
        }
    }

    public struct Row: Sendable, Equatable {
        public var group: String
        public var tier: SuccessTier
        public var share: ProgramFigures.Share
        /// Days from contract start to reaching the tier, over the customers that reached it and have a start.
        public var medianDays: Double?
        public var p75Days: Double?
    }

    /// One row per group and tier, groups sorted, light before deep. A reach dated before the contract started
    /// (imported history) counts as 0 days rather than a negative time.
    public static func rows(_ customers: [Customer]) -> [Row] {
        let groups = Dictionary(grouping: customers, by: \.group)
        return groups.keys.sorted().flatMap { group in
            SuccessTier.allCases.map { tier in
                let members = groups[group] ?? []
                let days = members.compactMap { customer -> Double? in
                    guard let start = customer.contractStart, let on = customer.reached[tier] else { return nil }
                    return Double(max(0, start.days(to: on)))
                }
                return Row(group: group, tier: tier, share: ProgramFigures.Share(part: members.count { $0.reached[tier] != nil }, whole: members.count),
                           medianDays: TicketMetrics.percentile(0.5, of: days), p75Days: TicketMetrics.percentile(0.75, of: days))
            }
        }
    }
}
