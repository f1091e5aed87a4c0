public import Domain
public import Foundation
public import Store

/// Contracts of a customer: ARR in minor units with its currency, the term, auto-renewal and its notice period (so
/// the notice deadline 解約予告期限 is known), the status, and the renewal's outcome once it is known. Reading needs
/// the customer and `contracts.read`; writing needs `customers.manage` in the customer's scope (a CSM does not edit
/// contracts).
public struct Contracts: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }
    var access: RevenueAccess { RevenueAccess(tx: tx, identity: identity) }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What a new contract is made of.
    public struct New: Sendable {
        public var name: String?
        public var externalID: String?
        public var arr: Money
        public var startDate: LocalDate
        public var endDate: LocalDate
        public var autoRenews: Bool
        public var noticeDays: Int?
        public var noticeMonths: Int?
        public var status: Contract.Status

        public init(
            name: String?, externalID: String?, arr: Money, startDate: LocalDate, endDate: LocalDate, autoRenews: Bool,
            noticeDays: Int?, noticeMonths: Int?, status: Contract.Status
        ) {
            (self.name, self.externalID, self.arr, self.startDate, self.endDate) = (name, externalID, arr, startDate, endDate)
            (self.autoRenews, self.noticeDays, self.noticeMonths, self.status) = (autoRenews, noticeDays, noticeMonths, status)
        }
    }

    /// An edit: `nil` leaves a field; `.some(nil)` clears a nullable one.
    public struct Changes: Sendable {
        public var name: String??
        public var externalID: String??
        public var arr: Money?
        public var startDate: LocalDate?
        public var endDate: LocalDate?
        public var autoRenews: Bool?
        public var noticeDays: Int??
        public var noticeMonths: Int??
        public var status: Contract.Status?
        public var renewalOutcome: RenewalOutcome??

        public init(
            name: String??, externalID: String??, arr: Money?, startDate: LocalDate?, endDate: LocalDate?, autoRenews: Bool?,
            noticeDays: Int??, noticeMonths: Int??, status: Contract.Status?, renewalOutcome: RenewalOutcome??
        ) {
            (self.name, self.externalID, self.arr, self.startDate, self.endDate) = (name, externalID, arr, startDate, endDate)
            (self.autoRenews, self.noticeDays, self.noticeMonths) = (autoRenews, noticeDays, noticeMonths)
            (self.status, self.renewalOutcome) = (status, renewalOutcome)
        }
    }

    /// A contract that passed its checks (two steps, so an Idempotency-Key replay is answered between them).
    public struct Checked: Sendable {
        let contract: Contract
    }

    public func list(customer id: UUID, after cursor: UUID?, limit: Int) async throws -> Page<Contract> {
        let customer = try await access.withValues(id)
        return try await ContractRepository.list(tx, customer: customer.id, after: cursor, limit: limit)
    }

    public func get(_ id: UUID) async throws -> Contract {
        guard let contract = try await ContractRepository.get(tx, id: id) else { throw DomainError(.notFound, "contract not found") }
        _ = try await access.withValues(contract.customerID)
        return contract
    }

    public func check(customer id: UUID, _ new: New) async throws -> Checked {
        let customer = try await access.manageable(id)
        let now = caller.now
        let contract = Contract(
            id: .v7(), customerID: customer.id, externalID: Self.trimmed(new.externalID), name: Self.trimmed(new.name),
            arr: new.arr, startDate: new.startDate, endDate: new.endDate, autoRenews: new.autoRenews, noticeDays: new.noticeDays,
            noticeMonths: new.noticeMonths, status: new.status, createdAt: now, updatedAt: now)
        try ContractRules.validate(contract)
        return Checked(contract: contract)
    }

    public func create(_ checked: Checked) async throws -> Contract {
        let saved = try await ContractRepository.insert(tx, checked.contract)
        try await Audit.record(tx, caller, action: "contract.create", resource: "contract", id: saved.id, after: saved)
        return saved
    }

    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> Contract {
        guard let before = try await ContractRepository.get(tx, id: id, lock: true) else {
            throw DomainError(.notFound, "contract not found")
        }
        _ = try await access.manageable(before.customerID)
        if let expectedVersion, expectedVersion != before.version { throw DomainError.stale }
        var c = before
        if let name = changes.name { c.name = Self.trimmed(name) }
        if let external = changes.externalID { c.externalID = Self.trimmed(external) }
        c.arr = changes.arr ?? c.arr
        c.startDate = changes.startDate ?? c.startDate
        c.endDate = changes.endDate ?? c.endDate
        c.autoRenews = changes.autoRenews ?? c.autoRenews
        // Giving one kind of notice period replaces the other, so a switch from months to days takes one field.
        if let days = changes.noticeDays {
            c.noticeDays = days
            if days != nil, changes.noticeMonths == nil { c.noticeMonths = nil }
        }
        if let months = changes.noticeMonths {
            c.noticeMonths = months
            if months != nil, changes.noticeDays == nil { c.noticeDays = nil }
        }
        c.status = changes.status ?? c.status
        c.renewalOutcome = changes.renewalOutcome ?? c.renewalOutcome
        try ContractRules.validate(c)
        let after = try await ContractRepository.update(tx, c)
        try await Audit.record(tx, caller, action: "contract.update", resource: "contract", id: id, before: before, after: after)
        return after
    }

    /// What a renewal came to: the outcome is recorded (the health back-test reads it), the contract becomes
    /// `renewed` (or `cancelled` when the customer churned), and the next contract is created when given. A
    /// timeline entry tells the customer's story.
    public func recordRenewal(_ id: UUID, outcome: RenewalOutcome, next: New?) async throws -> (Contract, Contract?) {
        guard let before = try await ContractRepository.get(tx, id: id, lock: true) else {
            throw DomainError(.notFound, "contract not found")
        }
        let customer = try await access.manageable(before.customerID)
        guard before.status == .active else {
            throw DomainError(.conflict, "the renewal of this contract is already recorded", field: "outcome")
        }
        if outcome == .churned, next != nil {
            throw DomainError(.invalid, "a churned customer has no renewed contract", field: "renewed_contract")
        }
        var c = before
        c.renewalOutcome = outcome
        c.status = outcome == .churned ? .cancelled : .renewed
        let after = try await ContractRepository.update(tx, c)
        var created: Contract?
        if let next {
            let checked = try await check(customer: customer.id, next)
            guard checked.contract.startDate > before.startDate else {
                throw DomainError(.invalid, "the renewed contract starts after the one it renews", field: "renewed_contract.start_date")
            }
            created = try await ContractRepository.insert(tx, checked.contract)
        }
        let title = "\(before.name ?? "契約") renewal: \(outcome.rawValue)"
        try await TimelineRepository.insertSystem(
            tx, customer: customer.id, kind: "renewal", title: title, author: identity.memberID, at: caller.now,
            subjectType: "contract", subjectID: id)
        try await Audit.record(tx, caller, action: "contract.renewal", resource: "contract", id: id, before: before, after: after)
        if let created {
            try await Audit.record(tx, caller, action: "contract.create", resource: "contract", id: created.id, after: created)
        }
        return (after, created)
    }

    static func trimmed(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
