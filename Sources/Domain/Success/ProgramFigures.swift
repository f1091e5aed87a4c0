public import Foundation

/// Seed 002's figures for the success program: how many customers it reaches (coverage; the seed reports about
/// 70 %), how often a program whose presentation was held reached its goal, and each CSM's program hours against
/// their capacity.
public enum ProgramFigures {
    /// `part` of `whole`, kept as counts so figures roll up by adding.
    public struct Share: Sendable, Hashable {
        public var part: Int
        public var whole: Int

        public init(part: Int, whole: Int) { (self.part, self.whole) = (part, whole) }

        /// 0–1; `nil` for an empty whole.
        public var rate: Double? { whole > 0 ? Double(part) / Double(whole) : nil }
    }

    /// A customer, its phase, and whether it has an enrolment that was not cancelled (running or completed).
    public struct CoverageCustomer: Sendable, Equatable {
        public var customerID: UUID
        public var phase: LifecyclePhase
        public var enrolled: Bool

        public init(customerID: UUID, phase: LifecyclePhase, enrolled: Bool) { (self.customerID, self.phase, self.enrolled) = (customerID, phase, enrolled) }
    }

    /// Coverage: of the customers past onboarding (outcome, embedded, renewal — the phases the program serves;
    /// churned ones are no longer anyone's to cover), the share enrolled.
    public static func coverage(_ customers: [CoverageCustomer]) -> Share {
        let past = customers.filter { [.outcome, .embedded, .renewal].contains($0.phase) }
        return Share(part: past.count(where: \.enrolled), whole: past.count)
    }

    /// Whether an enrolment counts for coverage: cancelled programs did not reach the customer.
    public static func counts(_ enrolment: Enrolment) -> Bool { enrolment.state != .cancelled }

    /// Of the programs whose presentation was held and whose result is recorded, the share that reached the goal;
    /// `pending` counts those held but not yet judged, which belong to neither side.
    public static func presentationSuccess(_ enrolments: [Enrolment]) -> (share: Share, pending: Int) {
        let held = enrolments.filter { $0.presentation?.isHeld == true && $0.state != .cancelled }
        let judged = held.compactMap(\.result)
        return (Share(part: judged.count(where: \.goalReached), whole: judged.count), held.count - judged.count)
    }

    /// Each CSM's program hours in calendar month `month` against their capacity (the default for a CSM whose
    /// manager set none), by CSM id.
    public static func hoursPerCSM(entries: [UUID: [HourBudget.Entry]], capacities: [UUID: CSMCapacity], month: YearMonth) -> [UUID: BudgetUse] {
        var result: [UUID: BudgetUse] = [:]
        for csm in Set(entries.keys).union(capacities.keys) {
            result[csm] = (capacities[csm] ?? CSMCapacity(memberID: csm)).load(in: month, entries: entries[csm] ?? [])
        }
        return result
    }
}
