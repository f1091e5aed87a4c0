public import Domain
public import Foundation
public import Store

/// Customers on a standard process: placed on a published version (by default the one their company adopted) and
/// taken through its steps in order. Whoever reads the customer reads its progress; its editors and those who
/// manage success where it lives place it; a step is completed by them or by the holders of the step's responsible
/// positions — the RACI says who does the work, so the people doing it record it.
public struct ProcessPlacements: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A customer's progress as a page and the API show it.
    public struct Progress: Sendable {
        public var customerID: UUID
        public var today: LocalDate
        public var current: ProcessPlacementRepository.Placement?
        public var version: ProcessVersion?
        public var processName: String?
        public var spans: [ProcessProgress.Span]
        public var currentStep: ProcessStep?
        public var daysInStep: Int?
        public var stalled: Bool
        public var finished: Bool
        /// Earlier placements, latest first.
        public var past: [ProcessPlacementRepository.Placement]
        public var versionNumbers: [UUID: Int]
        public var processNames: [UUID: String]
    }

    public func progress(_ customerID: UUID) async throws -> Progress {
        let customer = try await Customers.readable(tx, identity, customerID)
        return try await progress(of: customer.id)
    }

    /// Places the customer on `versionID` — or, when `nil`, on what its company has adopted on `day` — from `day`
    /// (default today). Its current placement, if any, ends that day and stays as history.
    public func place(_ customerID: UUID, versionID: UUID?, on day: LocalDate?) async throws -> Progress {
        let customer = try await Customers.readable(tx, identity, customerID, lock: true)
        try requirePlace(customer)
        guard customer.archivedAt == nil else { throw DomainError(.conflict, "the customer is archived; restore it first") }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let day = day ?? today
        guard day <= today else { throw DomainError(.invalid, "a customer is placed on a process from today or an earlier day", field: "placed_on") }
        let versionID = try await chosenVersion(versionID, company: customer.companyID, on: day)
        guard let stored = try await ProcessVersionRepository.get(tx, id: versionID),
              let process = try await StandardProcessRepository.get(tx, id: stored.version.processID)
        else { throw DomainError(.invalid, "no such process version in this organisation", field: "version_id") }
        guard process.archivedAt == nil else { throw DomainError(.conflict, "the process is archived", field: "version_id") }
        let placing = try ProcessProgress.placing(customerID: customer.id, on: stored.version, day: day)
        if let current = try await ProcessPlacementRepository.current(tx, customer: customer.id, lock: true) {
            guard current.progress.versionID != stored.version.id else {
                throw DomainError(.conflict, "the customer is already on this version", field: "version_id")
            }
            guard day >= current.progress.placedOn else {
                throw DomainError(
                    .conflict, "the customer was placed on its current process on \(current.progress.placedOn); place it from that day or later",
                    field: "placed_on")
            }
        }
        let placement = try await ProcessPlacementRepository.place(tx, id: .v7(), placing, by: identity.memberID)
        try await WebhookRepository.emit(
            tx,
            WebhookEvent(
                id: .v7(), type: "customer_process.placed", occurredAt: caller.now,
                data: try ProcessEvents.data([
                    "customer_id": customer.id.uuidString.lowercased(), "process_id": process.id.uuidString.lowercased(),
                    "version": String(stored.version.number), "placed_on": day.description,
                ]),
                textJa: "\(customer.name) を標準プロセス「\(process.name)」（バージョン \(stored.version.number)）に載せました",
                textEn: "\(customer.name) was placed on the standard process “\(process.name)” (version \(stored.version.number))"))
        try await Audit.record(tx, caller, action: "customer_process.place", resource: "customer_process", id: placement.id, after: placement.progress)
        return try await progress(of: customer.id)
    }

    /// Completes the customer's current step `stepID` on `day` (default today); steps go in order.
    public func complete(_ customerID: UUID, stepID: UUID, on day: LocalDate?) async throws -> Progress {
        let customer = try await Customers.readable(tx, identity, customerID, lock: true)
        guard var placement = try await ProcessPlacementRepository.current(tx, customer: customer.id, lock: true),
              let version = try await ProcessVersionRepository.get(tx, ids: [placement.progress.versionID])[placement.progress.versionID]
        else { throw DomainError(.notFound, "the customer is on no process") }
        guard let index = version.steps.firstIndex(where: { $0.id == stepID }) else { throw DomainError(.notFound, "step not found") }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        if !canPlace(customer) {
            let holder = try await ProcessPositionRepository.holdsAny(
                tx, member: identity.memberID, of: version.steps[index].raci.responsible, on: today)
            guard holder else {
                throw DomainError(
                    .forbidden, "only the step's responsible positions, the customer's editors or those who manage success complete a step",
                    permission: Permission.manageSuccess.rawValue)
            }
        }
        guard customer.archivedAt == nil else { throw DomainError(.conflict, "the customer is archived; restore it first") }
        let day = day ?? today
        guard day <= today else { throw DomainError(.invalid, "a step is completed today or on an earlier day", field: "completed_on") }
        try placement.progress.complete(stepID: stepID, on: day, in: version)
        try await ProcessPlacementRepository.complete(tx, placement: placement.id, step: stepID, position: index, on: day, by: identity.memberID)
        let step = version.steps[index]
        try await WebhookRepository.emit(
            tx,
            WebhookEvent(
                id: .v7(), type: "customer_process.step_completed", occurredAt: caller.now,
                data: try ProcessEvents.data([
                    "customer_id": customer.id.uuidString.lowercased(), "process_id": version.processID.uuidString.lowercased(),
                    "version": String(version.number), "step_id": stepID.uuidString.lowercased(), "completed_on": day.description,
                ]),
                textJa: "\(customer.name) がステップ「\(step.name)」を完了しました",
                textEn: "\(customer.name) completed the step “\(step.name)”"))
        try await Audit.record(
            tx, caller, action: "customer_process.complete_step", resource: "customer_process", id: placement.id, after: placement.progress)
        try await announce(customer, version, done: index, today: today)
        return try await progress(of: customer.id)
    }

    /// Tells the holders the RACI names, as of today: the next step's responsible that it is theirs, the completed
    /// step's informed that it is done. Whoever completed it is not told; nobody is told twice.
    private func announce(_ customer: Customer, _ version: ProcessVersion, done index: Int, today: LocalDate) async throws {
        let step = version.steps[index]
        let next = version.steps.indices.contains(index + 1) ? version.steps[index + 1] : nil
        let process = try await StandardProcessRepository.names(tx, ids: [version.processID])[version.processID] ?? ""
        var told: Set<UUID> = [identity.memberID]
        var responsible: [UUID] = []
        if let next { responsible = try await ProcessPositionRepository.holders(tx, of: next.raci.responsible, on: today) }
        let informed = try await ProcessPositionRepository.holders(tx, of: step.raci.informed, on: today)
        let locales = try await GoalSettingsRepository.locales(tx, members: responsible + informed)
        if let next {
            for member in responsible where told.insert(member).inserted {
                let locale = locales[member] ?? .ja
                try await NotificationRepository.deliver(
                    tx, to: member, .processStepTurn(customer: customer.name, process: process, done: step.name, next: next, locale: locale),
                    subjectType: "customer", subjectID: customer.id, now: caller.now)
            }
        }
        for member in informed where told.insert(member).inserted {
            let locale = locales[member] ?? .ja
            try await NotificationRepository.deliver(
                tx, to: member, .processStepDone(customer: customer.name, process: process, done: step.name, next: next?.name, locale: locale),
                subjectType: "customer", subjectID: customer.id, now: caller.now)
        }
    }

    private func progress(of customerID: UUID) async throws -> Progress {
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let placements = try await ProcessPlacementRepository.history(tx, customer: customerID)
        let current = placements.first { $0.endedOn == nil }
        let versions = try await ProcessVersionRepository.get(tx, ids: Array(Set(placements.map(\.progress.versionID))))
        let names = try await StandardProcessRepository.names(tx, ids: Array(Set(placements.map(\.progress.processID))))
        var answer = Progress(
            customerID: customerID, today: today, current: current, version: nil, processName: nil, spans: [], currentStep: nil,
            daysInStep: nil, stalled: false, finished: false, past: placements.filter { $0.endedOn != nil },
            versionNumbers: versions.mapValues(\.number), processNames: names)
        if let current, let version = versions[current.progress.versionID] {
            answer.version = version
            answer.processName = names[current.progress.processID]
            answer.spans = current.progress.spans(in: version)
            answer.currentStep = current.progress.currentStep(in: version)
            answer.finished = current.progress.isFinished(in: version)
            if answer.currentStep != nil {
                answer.daysInStep = current.progress.currentStepStartedOn.days(to: today)
                answer.stalled = !ProcessStalls.stalls([current.progress], version: version, today: today).isEmpty
            }
        }
        return answer
    }

    private func chosenVersion(_ given: UUID?, company: UUID, on day: LocalDate) async throws -> UUID {
        if let given { return given }
        let history = try await ProcessAdoptionRepository.history(tx, company: company)
        guard let adopted = ProcessAdoption.current(companyID: company, on: day, among: history) else {
            throw DomainError(.missing, "the customer's company has adopted no process on that day; name a version", field: "version_id")
        }
        return adopted.versionID
    }

    private func canPlace(_ customer: Customer) -> Bool {
        CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer)
            || identity.authorizer.can(identity.actor, .manageSuccess, in: customer.scope).allowed
    }

    private func requirePlace(_ customer: Customer) throws {
        guard canPlace(customer) else {
            throw DomainError(
                .forbidden, "only the customer's editors or those who manage success place it on a process",
                permission: Permission.manageSuccess.rawValue)
        }
    }
}
