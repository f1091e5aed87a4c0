public import Domain
public import Foundation
public import Store

/// The monthly meeting's figures: check-in completion per team, goals off track, reviews waiting per reviewer.
/// Completion and off-track are read for a ``Selection``, whose making checks the caller's right to the company.
public struct Dashboards: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The company a dashboard is read for (all of them when `nil`), once the caller may read goals there. A
    /// separate step so that a request is refused for the company before its period is looked at, and before any
    /// transaction opens; only ``select(_:company:)`` makes one, so a read cannot skip the check.
    public struct Selection: Sendable {
        public let companyID: UUID?
    }

    /// One company needs the right to read goals there; without one, rows are filtered per scope.
    public static func select(_ identity: Identity, company: UUID?) throws -> Selection {
        if let company { try identity.require(.readGoals, in: .company(company)) }
        return Selection(companyID: company)
    }

    /// A month's completion: the rows the caller may read and their sum.
    public struct Completion: Sendable {
        public var period: FiscalPeriod
        public var teams: [DashboardRepository.Completion]
        public var total: DashboardRepository.Completion
    }

    /// Check-in completion per team for a month (monthly goals).
    public func completion(_ selection: Selection, period text: String) async throws -> Completion {
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        let period = try facts.period(text)
        guard period.kind == .month else { throw DomainError(.invalid, "completion is counted per month, e.g. 2026-11", field: "period") }
        let company = selection.companyID
        let rows = try await DashboardRepository.completion(tx, periodStart: period.start, periodEnd: period.end, companyID: company)
        let visible = rows.filter { row in
            let scope: Scope = row.teamID.map { .team($0) } ?? row.companyID.map { .company($0) } ?? .org
            return identity.authorizer.can(identity.actor, .readGoals, in: scope).allowed
        }
        let total = visible.reduce(
            DashboardRepository.Completion(companyID: company, teamID: nil, expected: 0, submitted: 0, reviewed: 0, late: 0)
        ) {
            var sum = $0
            sum.expected += $1.expected
            sum.submitted += $1.submitted
            sum.reviewed += $1.reviewed
            sum.late += $1.late
            return sum
        }
        return Completion(period: period, teams: visible, total: total)
    }

    /// Goals the caller may read whose latest check-in says off track (or at risk, when asked).
    public func offTrack(_ selection: Selection, period text: String, includeAtRisk: Bool) async throws -> [(goal: Goal, checkIn: CheckIn)] {
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        let rows = try await DashboardRepository.offTrack(
            tx, within: try facts.period(text), companyID: selection.companyID, includeAtRisk: includeAtRisk)
        return rows.filter { GoalAccess.canRead(identity, $0.goal) }
    }

    /// Submitted check-ins waiting per reviewer: for those who review check-ins in the company (or the org).
    public func pendingReviews(company: UUID?) async throws -> [DashboardRepository.PendingReviews] {
        try identity.require(.reviewCheckIns, in: company.map { .company($0) } ?? .org)
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        return try await DashboardRepository.pendingReviews(tx, today: facts.today, companyID: company)
    }
}
