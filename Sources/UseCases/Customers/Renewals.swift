public import Domain
public import Foundation
public import Store

/// The upcoming renewals: active contracts whose notice deadline (解約予告期限; the end date when a contract does
/// not renew by itself) falls within the next days, soonest first, each with what the renewal conversation needs.
/// Whoever reads customers sees the list; the ARR only those with `contracts.read` on the customer (not support).
public struct Renewals: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct Item: Sendable {
        public var upcoming: RenewalRepository.Upcoming
        public var noticeDeadline: LocalDate
        public var daysLeft: Int
        /// The ARR, when the caller may see it.
        public var arr: Money?
    }

    public func upcoming(withinDays days: Int, filter: RenewalRepository.Filter) async throws -> (today: LocalDate, items: [Item]) {
        guard (1...730).contains(days) else { throw DomainError(.invalid, "within_days is 1 to 730", field: "within_days") }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: identity.memberID).today
        let rows = try await RenewalRepository.upcoming(
            tx, from: today, through: today.adding(days: days), filter: filter, visibleTo: identity.reach(.readCustomers))
        let values = identity.reach(.readContractValues)
        let items = rows.map { row in
            let deadline = row.contract.noticeDeadline
            let scope: Scope = row.teamID.map(Scope.team) ?? .company(row.companyID)
            return Item(
                upcoming: row, noticeDeadline: deadline, daysLeft: today.days(to: deadline),
                arr: values.reaches(scope) ? row.contract.arr : nil)
        }
        return (today, items.sorted { ($0.noticeDeadline, $0.upcoming.contract.id.uuidString) < ($1.noticeDeadline, $1.upcoming.contract.id.uuidString) })
    }
}
