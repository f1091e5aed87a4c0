public import Domain
public import Foundation
public import Store

/// Problem records (seed 004, 8D): recurring tickets grouped under one problem that is contained, corrected and
/// closed. A problem lives in a company or the whole org; support, CSMs' managers and CS operations who write
/// tickets there write it, anyone reading customers within it reads it.
public struct Problems: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var title: String
        public var description: String?
        public var containment: String?
        public var rootCause: String?
        public var correctiveAction: String?
        public var preventiveAction: String?
        public var ownerID: UUID?
        public var status: ProblemRecord.Status?
        public var companyID: UUID?

        public init(
            title: String, description: String? = nil, containment: String? = nil, rootCause: String? = nil,
            correctiveAction: String? = nil, preventiveAction: String? = nil, ownerID: UUID? = nil,
            status: ProblemRecord.Status? = nil, companyID: UUID? = nil
        ) {
            (self.title, self.description, self.containment, self.rootCause) = (title, description, containment, rootCause)
            (self.correctiveAction, self.preventiveAction, self.ownerID) = (correctiveAction, preventiveAction, ownerID)
            (self.status, self.companyID) = (status, companyID)
        }
    }

    /// nil leaves a field; `.some(nil)` clears a nullable one.
    public struct Changes: Sendable {
        public var title: String?
        public var description: String??
        public var containment: String??
        public var rootCause: String??
        public var correctiveAction: String??
        public var preventiveAction: String??
        public var ownerID: UUID??
        public var status: ProblemRecord.Status?
        public var companyID: UUID??

        public init(
            title: String? = nil, description: String?? = nil, containment: String?? = nil, rootCause: String?? = nil,
            correctiveAction: String?? = nil, preventiveAction: String?? = nil, ownerID: UUID?? = nil,
            status: ProblemRecord.Status? = nil, companyID: UUID?? = nil
        ) {
            (self.title, self.description, self.containment, self.rootCause) = (title, description, containment, rootCause)
            (self.correctiveAction, self.preventiveAction, self.ownerID) = (correctiveAction, preventiveAction, ownerID)
            (self.status, self.companyID) = (status, companyID)
        }
    }

    /// A problem as it is answered: the record, its counts, its tickets (the latest 200 the reader sees; the ticket
    /// list filtered by `problem_id` holds them all) and the customers it affects.
    public struct Detail: Sendable {
        public var problem: ProblemRecord
        public var counts: ProblemRepository.Counts
        public var tickets: [TicketRepository.Listed]
        public var customers: [ProblemRepository.AffectedCustomer]
    }

    public struct Checked: Sendable {
        let problem: ProblemRecord
    }

    public static func canRead(_ identity: Identity, _ problem: ProblemRecord) -> Bool {
        problem.ownerID == identity.memberID
            || identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: problem.scope)
    }

    func readable(_ id: UUID, lock: Bool = false) async throws -> ProblemRecord {
        guard let problem = try await ProblemRepository.get(tx, id: id, lock: lock), Self.canRead(identity, problem) else {
            throw DomainError(.notFound, "problem not found")
        }
        return problem
    }

    public func get(_ id: UUID) async throws -> Detail { try await detail(try await readable(id)) }

    public func list(_ filter: ProblemRepository.Filter, after cursor: UUID?, limit: Int) async throws -> Page<ProblemRepository.Listed> {
        try await ProblemRepository.list(tx, filter: filter, visibleTo: identity.reach(.readCustomers), after: cursor, limit: limit)
    }

    public func check(_ input: New) async throws -> Checked {
        let now = caller.now
        var problem = ProblemRecord(
            id: .v7(), title: input.title.trimmingCharacters(in: .whitespacesAndNewlines), description: Tickets.blankIsNil(input.description),
            containment: Tickets.blankIsNil(input.containment), rootCause: Tickets.blankIsNil(input.rootCause),
            correctiveAction: Tickets.blankIsNil(input.correctiveAction), preventiveAction: Tickets.blankIsNil(input.preventiveAction),
            ownerID: input.ownerID ?? identity.memberID, status: input.status ?? .open, companyID: input.companyID,
            createdByID: identity.memberID, createdAt: now, updatedAt: now)
        if problem.status == .closed { problem.closedAt = now }
        try await checkReferences(problem)
        try identity.require(.writeTickets, in: problem.scope)
        try ProblemRules.validate(problem)
        return Checked(problem: problem)
    }

    public func create(_ checked: Checked) async throws -> Detail {
        let problem = try await ProblemRepository.insert(tx, checked.problem)
        try await Audit.record(tx, caller, action: "problem.create", resource: "problem", id: problem.id, after: problem)
        return try await detail(problem)
    }

    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> Detail {
        let before = try await readable(id, lock: true)
        try identity.require(.writeTickets, in: before.scope)
        if let expectedVersion, expectedVersion != before.version { throw DomainError.stale }
        var problem = before
        if let title = changes.title { problem.title = title.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let text = changes.description { problem.description = Tickets.blankIsNil(text) }
        if let text = changes.containment { problem.containment = Tickets.blankIsNil(text) }
        if let text = changes.rootCause { problem.rootCause = Tickets.blankIsNil(text) }
        if let text = changes.correctiveAction { problem.correctiveAction = Tickets.blankIsNil(text) }
        if let text = changes.preventiveAction { problem.preventiveAction = Tickets.blankIsNil(text) }
        if let owner = changes.ownerID { problem.ownerID = owner }
        if let company = changes.companyID { problem.companyID = company }
        if let status = changes.status { problem.status = status }
        problem.closedAt = problem.status == .closed ? (before.closedAt ?? caller.now) : nil
        try await checkReferences(problem, changedFrom: before)
        if problem.scope != before.scope {
            try identity.require(.writeTickets, in: problem.scope)
            if let company = problem.companyID, try await ProblemRepository.touchesOtherCompanies(tx, problem: problem.id, company: company) {
                throw DomainError(.invalid, "the problem has tickets or customers of another company", field: "company_id")
            }
        }
        try ProblemRules.validate(problem)
        guard let after = try await ProblemRepository.update(tx, problem, expectedVersion: expectedVersion) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "problem.update", resource: "problem", id: id, before: before, after: after)
        return try await detail(after)
    }

    /// Links a ticket the caller may write to the problem. A ticket belongs to one problem; a closed problem takes
    /// no new tickets (a recurrence reopens it first).
    public func link(_ id: UUID, ticket ticketID: UUID) async throws -> Detail {
        let problem = try await writable(id)
        let (ticket, customer) = try await linkableTicket(ticketID, for: problem)
        if ticket.problemID == problem.id { return try await detail(problem) }
        guard ticket.problemID == nil else {
            throw DomainError(.conflict, "the ticket is linked to another problem; unlink it there first", field: "ticket_id")
        }
        guard problem.status != .closed else {
            throw DomainError(.conflict, "the problem is closed; reopen it before linking tickets", field: "status")
        }
        try identity.require(.writeTickets, in: customer.scope)
        try await ProblemRepository.link(tx, ticket: ticket.id, to: problem.id)
        let after = try await ProblemRepository.touch(tx, id: problem.id)
        try await Audit.record(
            tx, caller, action: "problem.link_ticket", resource: "problem", id: problem.id,
            after: ["ticket_id": ticket.id.uuidString.lowercased()])
        return try await detail(after)
    }

    public func unlink(_ id: UUID, ticket ticketID: UUID) async throws -> Detail {
        let problem = try await writable(id)
        guard let ticket = try await TicketRepository.get(tx, id: ticketID, lock: true), ticket.problemID == problem.id,
            let customer = try await CustomerRepository.get(tx, id: ticket.customerID),
            CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
        else { throw DomainError(.notFound, "the ticket is not linked to this problem") }
        try identity.require(.writeTickets, in: customer.scope)
        try await ProblemRepository.link(tx, ticket: ticket.id, to: nil)
        let after = try await ProblemRepository.touch(tx, id: problem.id)
        try await Audit.record(
            tx, caller, action: "problem.unlink_ticket", resource: "problem", id: problem.id,
            before: ["ticket_id": ticket.id.uuidString.lowercased()])
        return try await detail(after)
    }

    /// Names a customer the problem affects beyond those of its tickets.
    public func addCustomer(_ id: UUID, customer customerID: UUID) async throws -> Detail {
        let problem = try await writable(id)
        let customer = try await Customers.readable(tx, identity, customerID)
        if let company = problem.companyID, customer.companyID != company {
            throw DomainError(.invalid, "the customer belongs to another company than the problem", field: "customer_id")
        }
        guard try await ProblemRepository.addCustomer(tx, problem: problem.id, customer: customer.id, by: identity.memberID) else {
            return try await detail(problem)
        }
        let after = try await ProblemRepository.touch(tx, id: problem.id)
        try await Audit.record(
            tx, caller, action: "problem.add_customer", resource: "problem", id: problem.id,
            after: ["customer_id": customer.id.uuidString.lowercased()])
        return try await detail(after)
    }

    public func removeCustomer(_ id: UUID, customer customerID: UUID) async throws -> Detail {
        let problem = try await writable(id)
        let customer = try await Customers.readable(tx, identity, customerID)
        guard try await ProblemRepository.removeCustomer(tx, problem: problem.id, customer: customer.id) else {
            throw DomainError(.notFound, "the customer was not added to this problem")
        }
        let after = try await ProblemRepository.touch(tx, id: problem.id)
        try await Audit.record(
            tx, caller, action: "problem.remove_customer", resource: "problem", id: problem.id,
            before: ["customer_id": customer.id.uuidString.lowercased()])
        return try await detail(after)
    }

    private func writable(_ id: UUID) async throws -> ProblemRecord {
        let problem = try await readable(id, lock: true)
        try identity.require(.writeTickets, in: problem.scope)
        return problem
    }

    private func linkableTicket(_ id: UUID, for problem: ProblemRecord) async throws -> (Ticket, Customer) {
        guard let ticket = try await TicketRepository.get(tx, id: id, lock: true),
            let customer = try await CustomerRepository.get(tx, id: ticket.customerID),
            CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
        else { throw DomainError(.invalid, "no such ticket in this organisation", field: "ticket_id") }
        if let company = problem.companyID, customer.companyID != company {
            throw DomainError(.invalid, "the ticket's customer belongs to another company than the problem", field: "ticket_id")
        }
        return (ticket, customer)
    }

    private func checkReferences(_ problem: ProblemRecord, changedFrom before: ProblemRecord? = nil) async throws {
        if let company = problem.companyID, company != before?.companyID, try await CompanyRepository.get(tx, id: company) == nil {
            throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
        }
        if let owner = problem.ownerID, owner != before?.ownerID {
            try await GoalAccess.requireActiveMember(tx, owner, field: "owner_id")
        }
    }

    private func detail(_ problem: ProblemRecord) async throws -> Detail {
        let reach = identity.reach(.readCustomers)
        return Detail(
            problem: problem, counts: try await ProblemRepository.counts(tx, id: problem.id),
            tickets: try await TicketRepository.list(tx, filter: .init(problemID: problem.id), visibleTo: reach, after: nil, limit: 200).items,
            customers: try await ProblemRepository.affectedCustomers(tx, problem: problem.id, visibleTo: reach))
    }
}
