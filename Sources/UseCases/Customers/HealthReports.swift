public import Domain
public import Foundation
public import Store

/// The grade distribution per org, company, team or CSM and month, from each customer's latest score in the month
/// (seed 000 reads the A/B share as a KGI). Each reader counts the customers they may read.
public struct HealthReports: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// `from`/`to` nil: the last 12 months through this one.
    public func distribution(from: YearMonth?, to: YearMonth?, groupBy: HealthScoreRepository.Grouping) async throws
        -> (from: YearMonth, to: YearMonth, distribution: HealthDistribution)
    {
        let reach = identity.reach(.readCustomers)
        guard reach.anywhere else {
            throw DomainError(.forbidden, "the health report needs the right to read customers", permission: Permission.readCustomers.rawValue)
        }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let last = to ?? YearMonth(today)
        let first = from ?? last.adding(months: -11)
        guard first <= last else { throw DomainError(.invalid, "from is after to", field: "from") }
        guard first.months(to: last) < 60 else { throw DomainError(.invalid, "a health report spans at most 60 months", field: "from") }
        let counts = try await HealthScoreRepository.distribution(
            tx, from: first.firstDay, to: last.firstDay, groupBy: groupBy, visibleTo: reach)
        let distribution = HealthDistribution(
            counts: counts.map { ($0.group, YearMonth($0.month), $0.grade, $0.count) }, months: YearMonth.range(first, through: last))
        return (first, last, distribution)
    }
}
