public import Domain
public import Foundation
public import Store

/// One customer's success (seed 003): where it stands on every measure of the light and deep definitions that apply
/// to it, whether it has reached each tier and since when. Whoever reads the customer reads this; whoever may edit
/// the customer — or holds `success.manage` where it lives — judges its manual measures. When a tier is reached or
/// lost, the period is recorded, the timeline says so (tagged with the tier), the owning CSM is told and the
/// webhooks hear `customer.success_reached` / `customer.success_lost`.
public struct CustomerSuccess: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// How many past judgements a status answer carries.
    public static let historyLimit = 50

    public struct Standing: Sendable {
        public var customer: Customer
        public var tiers: [TierView]
        /// Every period the customer stood at a tier, latest first.
        public var periods: [SuccessAttainmentRepository.Period]
        /// The latest judgements as they were recorded, latest first.
        public var history: [MeasureStatusRepository.Stored]
    }

    /// A person's judgement of one manual measure.
    public struct Assessment: Sendable {
        public var state: MeasureStatus.State
        public var evidence: String?
        /// The day it describes; today when `nil`.
        public var on: LocalDate?

        public init(state: MeasureStatus.State, evidence: String?, on: LocalDate?) {
            (self.state, self.evidence, self.on) = (state, evidence, on)
        }
    }

    /// A success program's result as it bears on success measures (the programs part calls ``recordFromProgram(customer:_:)``
    /// when a result is recorded).
    public struct ProgramOutcome: Sendable {
        public var enrolmentID: UUID
        /// Manual measures of the definitions that apply to the customer that the program's goal stood for.
        public var measureIDs: [UUID]
        /// Whether the program reached its goal.
        public var met: Bool
        /// What shows it (the presentation's outcome, the goal sheet's figures).
        public var evidence: String
        public var on: LocalDate

        public init(enrolmentID: UUID, measureIDs: [UUID], met: Bool, evidence: String, on: LocalDate) {
            (self.enrolmentID, self.measureIDs, self.met, self.evidence, self.on) = (enrolmentID, measureIDs, met, evidence, on)
        }
    }

    // MARK: Reading

    public func status(_ customerID: UUID) async throws -> Standing {
        let customer = try await Customers.readable(tx, identity, customerID)
        return try await standing(customer)
    }

    func standing(_ customer: Customer) async throws -> Standing {
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let inputs = try await Self.inputs(tx, customer, today: today)
        return Standing(
            customer: customer, tiers: Self.evaluate(companyID: customer.companyID, customerID: customer.id, inputs, today: today),
            periods: try await SuccessAttainmentRepository.periods(tx, customer: customer.id),
            history: try await MeasureStatusRepository.history(tx, customer: customer.id, limit: Self.historyLimit))
    }

    /// The inputs of several customers in four statements, whatever their number.
    static func inputs(_ tx: TenantTransaction, _ customers: [Customer], today: LocalDate) async throws -> [UUID: Inputs] {
        guard !customers.isEmpty else { return [:] }
        let definitions = try await SuccessDefinitionRepository.live(tx)
        var wanted = Set<String>()
        for customer in customers {
            let applicable = SuccessTier.allCases.compactMap { SuccessDefinition.applicable(tier: $0, companyID: customer.companyID, among: definitions) }
            wanted.formUnion(metrics(of: applicable))
        }
        let ids = customers.map(\.id)
        let readings = try await MeasureStatusRepository.readings(tx, customers: ids, metrics: wanted.sorted(), today: today)
        let stored = Dictionary(grouping: try await MeasureStatusRepository.current(tx, customers: ids), by: \.customerID)
        let open = Dictionary(grouping: try await SuccessAttainmentRepository.open(tx, customers: ids), by: \.customerID)
        return Dictionary(ids.map { id in
            (id, Inputs(definitions: definitions, stored: stored[id] ?? [], readings: readings[id] ?? [:], openPeriods: open[id] ?? []))
        }, uniquingKeysWith: { a, _ in a })
    }

    static func inputs(_ tx: TenantTransaction, _ customer: Customer, today: LocalDate) async throws -> Inputs {
        let definitions = try await SuccessDefinitionRepository.live(tx)
        let applicable = SuccessTier.allCases.compactMap { SuccessDefinition.applicable(tier: $0, companyID: customer.companyID, among: definitions) }
        let readings = try await MeasureStatusRepository.readings(tx, customers: [customer.id], metrics: metrics(of: applicable), today: today)
        return Inputs(
            definitions: definitions, stored: try await MeasureStatusRepository.current(tx, customer: customer.id),
            readings: readings[customer.id] ?? [:], openPeriods: try await SuccessAttainmentRepository.open(tx, customers: [customer.id]))
    }

    // MARK: Judging

    /// Records a person's judgement of a manual measure of a definition that applies to the customer. `met` needs
    /// evidence; the day may be in the past (a closing that got faster in March) but not in the future. With
    /// `expectedVersion` the measure's stored judgement must still be at that version (0: none yet).
    public func assess(
        _ customerID: UUID, definition definitionID: UUID, measure measureID: UUID, _ assessment: Assessment, expectedVersion: Int?
    ) async throws -> Standing {
        let customer = try await judgeable(customerID)
        let (definition, measure) = try await applicableMeasure(customer, definitionID, measureID)
        if case .metric(let metric, _, _) = measure.criterion {
            throw DomainError(.conflict, "this measure is judged from the customer's \(metric) figures, not by hand", field: "measure_id")
        }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let on = try Self.day(assessment.on, today: today, field: "assessed_on")
        let status = try MeasureStatus(
            measureID: measure.id, state: assessment.state, evidence: assessment.evidence, assessedOn: on, assessedBy: identity.memberID
        ).validated()
        guard let saved = try await MeasureStatusRepository.record(
            tx, customer: customer.id, definition: definition.id, status, source: .manual, sourceID: nil, expectedVersion: expectedVersion)
        else { throw DomainError.stale }
        try await Audit.record(
            tx, caller, action: "customer_success.assess", resource: "customer", id: customer.id,
            after: AssessmentAudit(definitionID: definition.id, measureID: measure.id, state: saved.status.state, evidence: saved.status.evidence,
                                   assessedOn: saved.status.assessedOn.description, source: saved.source.rawValue, sourceID: nil))
        try await Self.reconcile(tx, customer, today: today, now: caller.now, by: identity.memberID)
        return try await standing(customer)
    }

    /// Records what a success program's result says about the customer's measures: a reached goal marks each named
    /// measure met, with the result's evidence; a goal not reached marks them not met only where nobody has judged
    /// them yet — a program falling short does not undo what the customer achieved otherwise. The caller must be
    /// allowed to judge the customer's measures (as ``assess(_:definition:measure:_:expectedVersion:)``). Measures are
    /// named by id alone (the program need not know the definitions); each must be a manual measure of a
    /// definition that applies to the customer.
    public func recordFromProgram(customer customerID: UUID, _ outcome: ProgramOutcome) async throws -> Standing {
        let customer = try await judgeable(customerID)
        guard (1...50).contains(outcome.measureIDs.count) else {
            throw DomainError(.invalid, "name 1 to 50 measures the program's goal stood for", field: "measure_ids")
        }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let on = try Self.day(outcome.on, today: today, field: "on")
        let inputs = try await Self.inputs(tx, customer, today: today)
        let applicable = SuccessTier.allCases.compactMap { SuccessDefinition.applicable(tier: $0, companyID: customer.companyID, among: inputs.definitions) }
        for measureID in Set(outcome.measureIDs).sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let definition = applicable.first(where: { $0.measures.contains { $0.id == measureID } }),
                  let measure = definition.measures.first(where: { $0.id == measureID }), measure.criterion == .manual
            else { throw DomainError(.invalid, "each measure is a manual measure of a definition that applies to the customer", field: "measure_ids") }
            let current = inputs.stored.first { $0.definitionID == definition.id && $0.status.measureID == measureID && $0.source != .metric }
            if !outcome.met, let current, current.status.state != .unknown { continue }
            let status = try MeasureStatus(
                measureID: measureID, state: outcome.met ? .met : .notMet, evidence: outcome.evidence, assessedOn: on,
                assessedBy: identity.memberID
            ).validated()
            guard let saved = try await MeasureStatusRepository.record(
                tx, customer: customer.id, definition: definition.id, status, source: .program, sourceID: outcome.enrolmentID, expectedVersion: nil)
            else { throw DomainError.stale }
            try await Audit.record(
                tx, caller, action: "customer_success.program_result", resource: "customer", id: customer.id,
                after: AssessmentAudit(definitionID: definition.id, measureID: measureID, state: saved.status.state, evidence: saved.status.evidence,
                                       assessedOn: saved.status.assessedOn.description, source: saved.source.rawValue, sourceID: outcome.enrolmentID))
        }
        try await Self.reconcile(tx, customer, today: today, now: caller.now, by: identity.memberID)
        return try await standing(customer)
    }

    struct AssessmentAudit: Encodable {
        var definitionID: UUID
        var measureID: UUID
        var state: MeasureStatus.State
        var evidence: String?
        var assessedOn: String
        var source: String
        var sourceID: UUID?
    }

    /// The customer, locked, if the caller may judge its measures and it is live.
    func judgeable(_ customerID: UUID) async throws -> Customer {
        let customer = try await Customers.readable(tx, identity, customerID, lock: true)
        if !identity.authorizer.can(identity.actor, .manageSuccess, in: customer.scope).allowed {
            try Customers.requireEdit(identity, customer)
        }
        guard customer.archivedAt == nil else { throw DomainError(.conflict, "the customer is archived; restore it first") }
        return customer
    }

    /// The definition (404 for an unknown one) and its measure (404), the definition being the one that applies to
    /// the customer for its tier (409 otherwise: judging a definition that does not apply would count for nothing).
    func applicableMeasure(_ customer: Customer, _ definitionID: UUID, _ measureID: UUID) async throws -> (SuccessDefinition, SuccessMeasure) {
        guard let definition = try await SuccessDefinitionRepository.get(tx, id: definitionID) else {
            throw DomainError(.notFound, "success definition not found")
        }
        guard let measure = definition.measures.first(where: { $0.id == measureID }) else {
            throw DomainError(.notFound, "measure not found")
        }
        let live = try await SuccessDefinitionRepository.live(tx)
        guard SuccessDefinition.applicable(tier: definition.tier, companyID: customer.companyID, among: live)?.id == definition.id else {
            throw DomainError(.conflict, "this success definition does not apply to the customer", field: "definition_id")
        }
        return (definition, measure)
    }

    /// A judgement's day: today by default, never in the future, not before 2000.
    static func day(_ given: LocalDate?, today: LocalDate, field: String) throws -> LocalDate {
        let day = given ?? today
        guard day <= today else { throw DomainError(.invalid, "a judgement cannot be dated in the future", field: field) }
        guard day.year >= 2000 else { throw DomainError(.invalid, "a judgement is dated in 2000 or later", field: field) }
        return day
    }
}
