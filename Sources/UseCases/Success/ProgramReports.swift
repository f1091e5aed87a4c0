public import Domain
public import Foundation
public import Store

/// Seed 002's figures over the customers the caller reads: coverage (customers past onboarding in a program),
/// the share of presented programs that reached their goal, and each CSM's program hours in a month against their
/// capacity.
public struct ProgramReports: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct Report: Sendable {
        public var month: YearMonth
        public var coverage: ProgramFigures.Share
        public var presentationSuccess: ProgramFigures.Share
        public var presentationPending: Int
        /// By CSM, with their names.
        public var hours: [(csmID: UUID, name: String, use: BudgetUse)]
    }

    /// `month`: `nil` for the current one in the org's time zone.
    public func report(month requested: YearMonth?) async throws -> Report {
        guard identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: .org) else {
            throw DomainError(.forbidden, "you may not read success programs", permission: Permission.readCustomers.rawValue)
        }
        let reach = identity.reach(.readCustomers)
        let month: YearMonth
        if let requested { month = requested } else { month = YearMonth(try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today) }
        let coverage = ProgramFigures.coverage(try await ProgramReportRepository.coverage(tx, visibleTo: reach))
        let presented = ProgramFigures.presentationSuccess(try await ProgramReportRepository.presented(tx, visibleTo: reach))
        let entries = try await ProgramReportRepository.hours(tx, days: month.firstDay...month.lastDay, visibleTo: reach)
        let capacities = try await CSMCapacityRepository.all(tx, members: Array(entries.keys))
        let uses = ProgramFigures.hoursPerCSM(entries: entries, capacities: capacities, month: month)
        let names = try await CustomerRepository.memberNames(tx, Array(uses.keys))
        let hours = uses.map { (csmID: $0.key, name: names[$0.key] ?? "", use: $0.value) }.sorted { ($0.name, $0.csmID.uuidString) < ($1.name, $1.csmID.uuidString) }
        return Report(
            month: month, coverage: coverage, presentationSuccess: presented.share, presentationPending: presented.pending, hours: hours)
    }
}
