public import Domain
public import Foundation
public import Store

/// Support tickets: support, CSMs, managers and CS operations write them on the customers of their scope; whoever
/// reads a customer reads its tickets. Opening, resolving and reopening a ticket is written on the customer's
/// timeline, so it reaches the renewal conversation.
public struct Tickets: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var title: String
        public var priority: Ticket.Priority?
        public var product: String?
        public var status: Ticket.Status?
        public var openedAt: Date?
        public var firstResponseAt: Date?
        public var resolvedAt: Date?
        public var csat: Int?
        public var source: String?
        public var externalID: String?

        public init(
            title: String, priority: Ticket.Priority? = nil, product: String? = nil, status: Ticket.Status? = nil,
            openedAt: Date? = nil, firstResponseAt: Date? = nil, resolvedAt: Date? = nil, csat: Int? = nil,
            source: String? = nil, externalID: String? = nil
        ) {
            (self.title, self.priority, self.product, self.status, self.openedAt) = (title, priority, product, status, openedAt)
            (self.firstResponseAt, self.resolvedAt, self.csat, self.source, self.externalID) = (firstResponseAt, resolvedAt, csat, source, externalID)
        }
    }

    /// What a PATCH changes: nil leaves a field, `.some(nil)` clears a nullable one.
    public struct Changes: Sendable {
        public var title: String?
        public var priority: Ticket.Priority?
        public var product: String??
        public var status: Ticket.Status?
        public var openedAt: Date?
        public var firstResponseAt: Date??
        public var resolvedAt: Date??
        public var csat: Int??

        public init(
            title: String? = nil, priority: Ticket.Priority? = nil, product: String?? = nil, status: Ticket.Status? = nil,
            openedAt: Date? = nil, firstResponseAt: Date?? = nil, resolvedAt: Date?? = nil, csat: Int?? = nil
        ) {
            (self.title, self.priority, self.product, self.status) = (title, priority, product, status)
            (self.openedAt, self.firstResponseAt, self.resolvedAt, self.csat) = (openedAt, firstResponseAt, resolvedAt, csat)
        }
    }

    /// A ticket that passed ``check(customer:_:)``: creating is two steps so that an `Idempotency-Key` replay is
    /// answered between the checks and the write.
    public struct Checked: Sendable {
        let ticket: Ticket
    }

    /// The ticket and its customer, if the caller may read the customer.
    public func read(_ id: UUID, lock: Bool = false) async throws -> (Ticket, Customer) {
        guard let ticket = try await TicketRepository.get(tx, id: id, lock: lock),
            let customer = try await CustomerRepository.get(tx, id: ticket.customerID),
            CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
        else { throw DomainError(.notFound, "ticket not found") }
        return (ticket, customer)
    }

    public func get(_ id: UUID) async throws -> Ticket { try await read(id).0 }

    public func list(_ filter: TicketRepository.Filter, after cursor: UUID?, limit: Int) async throws -> Page<TicketRepository.Listed> {
        if let customer = filter.customerID { _ = try await Customers.readable(tx, identity, customer) }
        return try await TicketRepository.list(tx, filter: filter, visibleTo: identity.reach(.readCustomers), after: cursor, limit: limit)
    }

    public func check(customer customerID: UUID, _ input: New) async throws -> Checked {
        let customer = try await Customers.readable(tx, identity, customerID)
        try identity.require(.writeTickets, in: customer.scope)
        let now = caller.now
        let openedAt = input.openedAt ?? now
        guard let phase = try await TicketRepository.phase(tx, customer: customer.id, at: openedAt) else {
            throw DomainError(.notFound, "customer not found")
        }
        let status = input.status ?? .open
        var ticket = Ticket(
            id: .v7(), customerID: customer.id, source: input.source ?? "banso", externalID: input.externalID,
            title: input.title.trimmingCharacters(in: .whitespacesAndNewlines), priority: input.priority ?? .normal,
            product: Self.blankIsNil(input.product), status: status, openedAt: openedAt,
            firstResponseAt: input.firstResponseAt, resolvedAt: input.resolvedAt, csat: input.csat, phaseAtOpen: phase,
            createdAt: now, updatedAt: now)
        if !status.isOpen, ticket.resolvedAt == nil { ticket.resolvedAt = max(now, openedAt) }
        try TicketRules.validate(ticket, now: now)
        return Checked(ticket: ticket)
    }

    public func create(_ checked: Checked) async throws -> Ticket {
        let ticket = try await TicketRepository.insert(tx, checked.ticket)
        let locale = try await orgLocale()
        try await TimelineRepository.insertSystem(
            tx, customer: ticket.customerID, kind: TimelineEntry.Kind.ticketEvent.rawValue,
            title: TicketTimelineText.title(.opened, ticket.title, locale: locale), author: identity.memberID, at: ticket.openedAt,
            subjectType: "ticket", subjectID: ticket.id)
        if let resolved = ticket.resolvedAt {
            try await TimelineRepository.insertSystem(
                tx, customer: ticket.customerID, kind: TimelineEntry.Kind.ticketEvent.rawValue,
                title: TicketTimelineText.title(.resolved, ticket.title, locale: locale), author: identity.memberID, at: resolved,
                subjectType: "ticket", subjectID: ticket.id)
        }
        try await Audit.record(tx, caller, action: "ticket.create", resource: "ticket", id: ticket.id, after: ticket)
        return ticket
    }

    /// Edits a ticket. A new status may resolve it (stamping the resolved time) or reopen it (one more reopen, the
    /// resolved time cleared); each is written on the timeline.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> Ticket {
        let (before, customer) = try await read(id, lock: true)
        try identity.require(.writeTickets, in: customer.scope)
        if let expectedVersion, expectedVersion != before.version { throw DomainError.stale }
        let now = caller.now
        var ticket = before
        if let title = changes.title { ticket.title = title.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let priority = changes.priority { ticket.priority = priority }
        if let product = changes.product { ticket.product = Self.blankIsNil(product) }
        if let first = changes.firstResponseAt { ticket.firstResponseAt = first }
        if let csat = changes.csat { ticket.csat = csat }
        if let openedAt = changes.openedAt, openedAt != ticket.openedAt {
            ticket.openedAt = openedAt
            ticket.phaseAtOpen = try await TicketRepository.phase(tx, customer: customer.id, at: openedAt) ?? ticket.phaseAtOpen
        }
        var transition = TicketRules.Transition.none
        if let status = changes.status {
            transition = TicketRules.apply(status, to: &ticket, resolvedAt: changes.resolvedAt ?? nil, now: now)
        } else if case .some(.some(let resolvedAt)) = changes.resolvedAt {
            // Giving an unresolved ticket a resolved time resolves it.
            transition = TicketRules.apply(ticket.status.isOpen ? .resolved : ticket.status, to: &ticket, resolvedAt: resolvedAt, now: now)
        }
        if case .some(let resolvedAt) = changes.resolvedAt {
            if resolvedAt != nil, ticket.status.isOpen {
                throw DomainError(.invalid, "only a resolved or closed ticket has a resolved time", field: "resolved_at")
            }
            if resolvedAt == nil, !ticket.status.isOpen {
                throw DomainError(.invalid, "a resolved or closed ticket keeps its resolved time; reopen it instead", field: "resolved_at")
            }
        }
        try TicketRules.validate(ticket, now: now)
        guard let after = try await TicketRepository.update(tx, ticket, expectedVersion: expectedVersion) else { throw DomainError.stale }
        switch transition {
        case .resolve:
            try await TimelineRepository.insertSystem(
                tx, customer: after.customerID, kind: TimelineEntry.Kind.ticketEvent.rawValue,
                title: TicketTimelineText.title(.resolved, after.title, locale: try await orgLocale()), author: identity.memberID,
                at: after.resolvedAt ?? now, subjectType: "ticket", subjectID: after.id)
        case .reopen:
            try await TimelineRepository.insertSystem(
                tx, customer: after.customerID, kind: TimelineEntry.Kind.ticketEvent.rawValue,
                title: TicketTimelineText.title(.reopened, after.title, locale: try await orgLocale()), author: identity.memberID,
                at: now, subjectType: "ticket", subjectID: after.id)
        case .none: break
        }
        try await Audit.record(tx, caller, action: "ticket.update", resource: "ticket", id: id, before: before, after: after)
        return after
    }

    func orgLocale() async throws -> Organization.Locale {
        try await GoalSettingsRepository.calendarFacts(tx, reader: nil).orgLocale
    }

    static func blankIsNil(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
