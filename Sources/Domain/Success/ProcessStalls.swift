public import Foundation

/// Where customers stall: those held on their current step longer than its expected duration × a factor (1.5 by
/// default — a step may run somewhat late without anyone being told; half as long again is a pattern worth a
/// look). A process owner's view of where the process itself is hard, not a list of CSMs to chase.
public enum ProcessStalls {
    public struct Stall: Sendable, Equatable {
        public var customerID: UUID
        public var stepID: UUID
        public var startedOn: LocalDate
        public var heldDays: Int
        public var expectedDays: Int
    }

    /// The stalled customers of `version` on `today`, longest held first. The factor is given in tenths (15 =
    /// 1.5×) so the comparison is exact: held 16 days against 10 expected is stalled, 15 is not.
    public static func stalls(_ progresses: [ProcessProgress], version: ProcessVersion, today: LocalDate, factorTenths: Int = 15) -> [Stall] {
        var found: [Stall] = []
        for progress in progresses where progress.versionID == version.id {
            guard let step = progress.currentStep(in: version) else { continue }
            let held = progress.currentStepStartedOn.days(to: today)
            if held * 10 > step.expectedDays * factorTenths {
                found.append(Stall(customerID: progress.customerID, stepID: step.id, startedOn: progress.currentStepStartedOn,
                                   heldDays: held, expectedDays: step.expectedDays))
            }
        }
        return found.sorted { ($1.heldDays, $0.customerID.uuidString) < ($0.heldDays, $1.customerID.uuidString) }
    }

    /// Stalled customers per step, for the chart of where the process is hard.
    public static func countsByStep(_ stalls: [Stall]) -> [UUID: Int] {
        stalls.reduce(into: [:]) { $0[$1.stepID, default: 0] += 1 }
    }
}
