public import Domain
public import Foundation
public import Store

/// KPIs bound to a computed metric (GRR, NRR, NPS, share of health A/B; program sessions held, touches, process steps
/// done): their check-ins fill the actual value by themselves when they open; `POST /v1/goals/{id}/bound-value`
/// computes it again on demand and writes it into the period's open check-in.
public struct BoundMetrics: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// Only a KPI is measured, so only a KPI is bound.
    public static func requireBindable(_ goal: Goal) throws {
        guard goal.boundMetric == nil || goal.kind == .kpi else {
            throw DomainError(.invalid, "only a KPI can be bound to a computed metric", field: "bound_metric")
        }
    }

    public struct Result: Sendable {
        public var goalID: UUID
        public var metric: BoundMetric
        public var period: CheckInPeriod
        public var value: Double?
        /// The check-in of the period, as it is after the write (nil when the period has none yet).
        public var checkIn: CheckIn?
        /// Whether the value went into the check-in (it is open and there is a value).
        public var written: Bool
    }

    public func compute(goal id: UUID, period text: String?) async throws -> Result {
        let goal = try await Goals(tx, caller).get(id)
        try GoalAccess.requireWrite(identity, goal)
        guard let metric = goal.boundMetric else {
            throw DomainError(.conflict, "the goal is not bound to a computed metric", field: "bound_metric")
        }
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        let period: CheckInPeriod
        if let text {
            period = try CheckInPeriod.parse(text, cadence: goal.cadence, fiscalYearStartMonth: facts.startMonth)
        } else {
            // The period just ended: the one a check-in is opened for.
            period = CheckInPeriod.containing(facts.today, cadence: goal.cadence, fiscalYearStartMonth: facts.startMonth).previous
        }
        let existing = try await CheckInRepository.list(tx, goalID: goal.id).first { $0.period == period.description }
        guard let existing else {
            let value = try await BoundMetricRepository.value(tx, metric: metric, goal: goal, start: period.start, end: period.end)
            return Result(goalID: goal.id, metric: metric, period: period, value: value, checkIn: nil, written: false)
        }
        let (value, checkIn) = try await BoundMetricRepository.fill(tx, goal: goal, checkIn: existing)
        let written = existing.state == .open && value != nil
        if written, value != existing.actual {
            try await Audit.record(
                tx, caller, action: "check_in.bound_value", resource: "check_in", id: checkIn.id, before: existing, after: checkIn)
        }
        return Result(goalID: goal.id, metric: metric, period: period, value: value, checkIn: checkIn, written: written)
    }
}
