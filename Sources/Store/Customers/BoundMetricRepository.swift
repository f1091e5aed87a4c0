public import Database
public import Domain
public import Foundation

extension BoundMetric: TextColumn {}

/// The value of a KPI bound to a computed metric, over the goal's scope and a check-in period, and its writing
/// into the period's open check-in. Lives in Store (not in a use case) because the check-in opening — the
/// scheduler's and the owner's — fills it in the same transaction.
///
/// The goal's scope decides the customers: the org's, a company's, a team's (their current place), or for a
/// member-scoped goal the customers the member owns now. Every customer counts, whoever computes it: the figure
/// belongs to the goal, as its owner reads it on the check-in.
public enum BoundMetricRepository {
    /// The window a period's GRR/NRR is measured over: its first month to its last; a one-month period from the
    /// month before (a window of one month retains 100 % by definition, which would say nothing).
    public static func retentionWindow(start: LocalDate, end: LocalDate) -> RetentionWindow {
        let first = YearMonth(start), last = YearMonth(end)
        let from = first == last ? first.adding(months: -1) : first
        return (try? RetentionWindow(start: from, end: last)) ?? RetentionWindow.trailingYear(endingIn: last)
    }

    static func scope(of goal: Goal) -> RevenueRepository.Scope {
        switch goal.scopeKind {
        case .org: RevenueRepository.Scope()
        case .company: RevenueRepository.Scope(companyID: goal.companyID)
        case .team: RevenueRepository.Scope(companyID: goal.companyID, teamID: goal.teamID)
        case .member: RevenueRepository.Scope(currentOwnerID: goal.ownerID)
        }
    }

    /// The metric's value in percent (NPS in points; a count for a behaviour) for the period from `start` through
    /// `end`; `nil` when there is nothing to measure (an empty cohort, no responses, nobody scored) or the cohort pays
    /// in several currencies (Banso never converts them into one figure). A behaviour nobody showed is 0, not `nil`.
    public static func value(_ tx: TenantTransaction, metric: BoundMetric, goal: Goal, start: LocalDate, end: LocalDate)
        async throws -> Double?
    {
        if metric.isBehaviour { return Double(try await behaviourCount(tx, metric: metric, goal: goal, start: start, end: end)) }
        let scope = scope(of: goal)
        switch metric {
        case .grr, .nrr:
            let window = retentionWindow(start: start, end: end)
            let inputs = try await RevenueRepository.retentionInputs(
                tx, scope: scope, months: [window.start, window.end], ownerOn: window.start.firstDay)
            let revenue = ContractRevenue.monthly(
                contracts: inputs.contracts, snapshots: inputs.snapshots, months: [window.start, window.end])
            let figures = RetentionMetrics.compute(revenue, window: window).filter { !$0.startRevenue.isZero }
            guard figures.count == 1, let figure = figures.first else { return nil }
            return (metric == .grr ? figure.grr : figure.nrr).map { ($0 * 1000).rounded() / 10 }
        case .nps:
            let tally = try await NPSRepository.tally(tx, from: start, through: end, grouping: .org, scope: scope)
            return tally.reduce(NPS.none) { $0 + $1.nps }.score.map { ($0 * 10).rounded() / 10 }
        case .healthABShare:
            let rows = try await tx.query(
                """
                SELECT count(*) FILTER (WHERE s.grade IN ('A', 'B')), count(*) FROM (
                    SELECT DISTINCT ON (h.customer_id) h.grade
                    FROM health_score h JOIN customer c ON c.org_id = h.org_id AND c.id = h.customer_id
                    WHERE h.org_id = \(tx.org) AND h.month = \(YearMonth(end).firstDay) AND c.archived_at IS NULL
                      AND \(scope.condition(tx))
                    ORDER BY h.customer_id, h.scored_at DESC
                ) s
                """)
            let (ab, total) = try rows[0].decode((Int, Int).self)
            guard total > 0 else { return nil }
            return (Double(ab) * 1000 / Double(total)).rounded() / 10
        case .programSessionsHeld, .touches, .processStepsDone:
            return nil
        }
    }

    /// Computes the bound value of `checkIn`'s goal for its period and writes it as the actual while the check-in is
    /// open (a submitted one is the owner's word and stays). Returns the value and the check-in as it is now.
    @discardableResult
    public static func fill(_ tx: TenantTransaction, goal: Goal, checkIn: CheckIn) async throws -> (value: Double?, checkIn: CheckIn) {
        guard let metric = goal.boundMetric else { return (nil, checkIn) }
        let value = try await value(tx, metric: metric, goal: goal, start: checkIn.periodStart, end: checkIn.periodEnd)
        guard checkIn.state == .open, let value, value != checkIn.actual else { return (value, checkIn) }
        let rows = try await tx.query(
            """
            UPDATE check_in SET actual = \(value), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(checkIn.id) AND state = 'open'
            RETURNING \(CheckInRepository.columns)
            """)
        return (value, try rows.first.map(CheckInRepository.decode) ?? checkIn)
    }
}
