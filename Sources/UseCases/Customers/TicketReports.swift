public import Domain
public import Foundation
public import Store

/// The support report (issue 13): how fast tickets are answered and resolved, by priority, product or the
/// customer's lifecycle phase when the ticket opened — what goes wrong in onboarding feeds the onboarding
/// program —, the backlog, CSAT and how often tickets come back. Over the customers the caller reads.
public struct TicketReports: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct Report: Sendable {
        public var from: LocalDate
        public var to: LocalDate
        public var groupBy: TicketMetricsRepository.Grouping
        public var groups: [TicketMetricsRepository.Row]
        public var total: TicketMetricsRepository.Row?
    }

    /// `from`…`to` are whole days in the org's time zone, both included; by default the 90 days up to today.
    public func report(
        from: LocalDate?, to: LocalDate?, groupBy: TicketMetricsRepository.Grouping, companyID: UUID?, teamID: UUID?
    ) async throws -> Report {
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let end = to ?? today
        let start = from ?? end.adding(days: -89)
        guard start <= end else { throw DomainError(.invalid, "from must not be after to", field: "from") }
        guard start.days(to: end) < 1_100 else { throw DomainError(.invalid, "a report spans at most three years", field: "from") }
        let rows = try await TicketMetricsRepository.report(
            tx, from: start, to: end, groupBy: groupBy, scope: .init(companyID: companyID, teamID: teamID),
            visibleTo: identity.reach(.readCustomers))
        return Report(
            from: start, to: end, groupBy: groupBy, groups: rows.filter { !$0.isTotal }, total: rows.first(where: \.isTotal))
    }
}
