public import Domain
public import Foundation
public import Store

/// "Can we trust this health score?": for a model version, how well the grades it gave 12, 6 and 3 months before
/// each renewal predicted the outcome — shares per grade and ROC AUC, or only the counts below 20 renewals.
public struct BackTests: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct Answer: Sendable {
        public var modelVersion: Int
        /// Renewals in the reader's reach (with or without a grade at a horizon).
        public var renewals: Int
        /// Per horizon, in the order asked; renewals without a score of the version at that time are left out and
        /// counted in `ungraded`.
        public var horizons: [(months: Int, result: BackTestResult, ungraded: Int)]
    }

    /// `version` nil: the current one. Readers of contract values (support is not: outcomes are revenue).
    public func run(version: Int?, horizons: [Int]) async throws -> Answer {
        let values = identity.reach(.readContractValues)
        let customers = identity.reach(.readCustomers)
        guard values.anywhere, customers.anywhere else {
            throw DomainError(
                .forbidden, "the back-test needs the right to see contract values", permission: Permission.readContractValues.rawValue)
        }
        guard !horizons.isEmpty, horizons.count <= 12, horizons.allSatisfy({ (1...36).contains($0) }) else {
            throw DomainError(.invalid, "horizons are 1 to 12 numbers of months from 1 to 36", field: "horizons")
        }
        let current = try await HealthModelRepository.current(tx)
        let version = version ?? current.model.version
        guard try await HealthModelRepository.get(tx, version: version) != nil else {
            throw DomainError(.invalid, "no such health model version", field: "version")
        }
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        let renewals = try await BackTestRepository.renewals(tx, before: facts.today, customers: customers, values: values)
        let outcomes: [RenewalOutcome] = renewals.map { renewal in
            renewal.recorded ?? RenewalOutcome.worst(renewal.arr.map { RenewalOutcome.derive(arrBefore: $0.before, arrAfter: $0.after) }) ?? .churned
        }
        var points: [(customer: UUID, day: LocalDate)] = []
        for months in horizons {
            for renewal in renewals { points.append((renewal.customerID, renewal.endDate.adding(months: -months))) }
        }
        let grades = try await BackTestRepository.grades(tx, version: version, asOf: points, timeZone: facts.timeZone)
        var answers: [(months: Int, result: BackTestResult, ungraded: Int)] = []
        for (h, months) in horizons.enumerated() {
            var observations: [BackTestObservation] = []
            for (i, outcome) in outcomes.enumerated() {
                if let grade = grades[h * renewals.count + i] { observations.append(BackTestObservation(grade: grade, outcome: outcome)) }
            }
            answers.append((months, BackTest.evaluate(observations), renewals.count - observations.count))
        }
        return Answer(modelVersion: version, renewals: renewals.count, horizons: answers)
    }
}
