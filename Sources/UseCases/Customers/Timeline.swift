public import Domain
public import Foundation
public import Store

/// The customer timeline: what people did with a customer (meetings, calls, mails, notes, pair support,
/// presentations), tagged light or deep (seed 003), next to what the system saw; and its search, which finds
/// Japanese words of two characters (解約) and folds ｶﾀｶﾅ, かたかな and カタカナ together.
public struct Timeline: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var kind: TimelineEntry.Kind
        public var successTag: TimelineEntry.SuccessTag?
        public var occurredAt: Date?
        public var title: String
        public var body: String?

        public init(kind: TimelineEntry.Kind, successTag: TimelineEntry.SuccessTag? = nil, occurredAt: Date? = nil, title: String, body: String? = nil) {
            (self.kind, self.successTag, self.occurredAt, self.title, self.body) = (kind, successTag, occurredAt, title, body)
        }
    }

    /// nil leaves a field; `.some(nil)` clears a nullable one.
    public struct Changes: Sendable {
        public var kind: TimelineEntry.Kind?
        public var successTag: TimelineEntry.SuccessTag??
        public var occurredAt: Date?
        public var title: String?
        public var body: String??

        public init(
            kind: TimelineEntry.Kind? = nil, successTag: TimelineEntry.SuccessTag?? = nil, occurredAt: Date? = nil,
            title: String? = nil, body: String?? = nil
        ) {
            (self.kind, self.successTag, self.occurredAt, self.title, self.body) = (kind, successTag, occurredAt, title, body)
        }
    }

    public struct Checked: Sendable {
        let entry: TimelineEntry
    }

    /// One customer's timeline (404 when the caller may not read the customer).
    public func list(customer: UUID, _ filter: TimelineRepository.Filter, after cursor: UUID?, limit: Int) async throws
        -> Page<TimelineRepository.Listed>
    {
        _ = try await Customers.readable(tx, identity, customer)
        var filter = filter
        filter.customerID = customer
        return try await TimelineRepository.list(tx, filter: filter, visibleTo: identity.reach(.readCustomers), after: cursor, limit: limit)
    }

    /// Search over the timelines of every customer the caller reads.
    public func search(_ filter: TimelineRepository.Filter, after cursor: UUID?, limit: Int) async throws -> Page<TimelineRepository.Listed> {
        guard let query = filter.query, !SearchGrams.normalise(query).isEmpty else {
            throw DomainError(.invalid, "give the words to search for", field: "q")
        }
        guard query.count <= 200 else { throw DomainError(.invalid, "a search is at most 200 characters", field: "q") }
        return try await TimelineRepository.list(tx, filter: filter, visibleTo: identity.reach(.readCustomers), after: cursor, limit: limit)
    }

    public func get(_ id: UUID) async throws -> TimelineEntry { try await readable(id).0 }

    public func check(customer customerID: UUID, _ input: New) async throws -> Checked {
        let customer = try await Customers.readable(tx, identity, customerID)
        try identity.require(.writeTimeline, in: customer.scope)
        let now = caller.now
        let entry = TimelineEntry(
            id: .v7(), customerID: customer.id, kind: input.kind, successTag: input.successTag, authorID: identity.memberID,
            occurredAt: input.occurredAt ?? now, title: input.title.trimmingCharacters(in: .whitespacesAndNewlines),
            body: Tickets.blankIsNil(input.body), createdAt: now, updatedAt: now)
        try TimelineEntry.validate(entry)
        return Checked(entry: entry)
    }

    /// Writes the entry; a meeting, call, mail, pair support or presentation moves the customer's last touch.
    public func create(_ checked: Checked) async throws -> TimelineEntry {
        let entry = try await TimelineRepository.insert(tx, checked.entry, now: caller.now)
        try await Audit.record(tx, caller, action: "timeline.create", resource: "timeline_entry", id: entry.id, after: entry)
        return entry
    }

    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> TimelineEntry {
        let (before, customer) = try await editable(id)
        if let expectedVersion, expectedVersion != before.version { throw DomainError.stale }
        var entry = before
        if let kind = changes.kind { entry.kind = kind }
        if let tag = changes.successTag { entry.successTag = tag }
        if let at = changes.occurredAt { entry.occurredAt = at }
        if let title = changes.title { entry.title = title.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let body = changes.body { entry.body = Tickets.blankIsNil(body) }
        try TimelineEntry.validate(entry)
        guard let after = try await TimelineRepository.update(tx, entry, expectedVersion: expectedVersion) else { throw DomainError.stale }
        if before.kind.isTouch || after.kind.isTouch {
            try await TimelineRepository.refreshLastTouch(tx, customer: customer.id, was: before.occurredAt, now: caller.now)
        }
        try await Audit.record(tx, caller, action: "timeline.update", resource: "timeline_entry", id: id, before: before, after: after)
        return after
    }

    public func delete(_ id: UUID) async throws {
        let (entry, customer) = try await editable(id)
        try await TimelineRepository.delete(tx, id: id)
        if entry.kind.isTouch {
            try await TimelineRepository.refreshLastTouch(tx, customer: customer.id, was: entry.occurredAt, now: caller.now)
        }
        try await Audit.record(tx, caller, action: "timeline.delete", resource: "timeline_entry", id: id, before: entry)
    }

    private func readable(_ id: UUID, lock: Bool = false) async throws -> (TimelineEntry, Customer) {
        guard let entry = try await TimelineRepository.get(tx, id: id, lock: lock),
            let customer = try await CustomerRepository.get(tx, id: entry.customerID),
            CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
        else { throw DomainError(.notFound, "timeline entry not found") }
        return (entry, customer)
    }

    /// The entry, if the caller may change it: its author while they write the timeline where the customer lives,
    /// or whoever manages the customer. What the system wrote stays as written.
    private func editable(_ id: UUID) async throws -> (TimelineEntry, Customer) {
        let (entry, customer) = try await readable(id, lock: true)
        guard !entry.kind.isSystem else {
            throw DomainError(.conflict, "entries the system writes cannot be edited or deleted", field: "kind")
        }
        if entry.authorID == identity.memberID {
            try identity.require(.writeTimeline, in: customer.scope)
        } else {
            try identity.require(.manageCustomers, in: customer.scope)
        }
        return (entry, customer)
    }
}
