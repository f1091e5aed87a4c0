public import Foundation

/// A support ticket (DESIGN §2): what a customer asked support, how fast it was answered and resolved, how it was
/// rated — and whether support heard an expansion signal in it (seed 004), which becomes a hand-off to the CSM or
/// the sales owner.
public struct Ticket: Sendable, Equatable, Codable {
    /// `urgent` and `high` are what DESIGN calls "critical": they weigh on health and on renewals.
    public enum Priority: String, Sendable, Codable, CaseIterable {
        case urgent, high, normal, low

        public var isCritical: Bool { self == .urgent || self == .high }
    }

    /// `open` and `pending` (waiting on the customer) are unresolved; `resolved` and `closed` are done.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, pending, resolved, closed

        public var isOpen: Bool { self == .open || self == .pending }
    }

    public var id: UUID
    public var customerID: UUID
    public var source: String
    public var externalID: String?
    public var title: String
    public var priority: Priority
    public var product: String?
    public var status: Status
    public var openedAt: Date
    public var firstResponseAt: Date?
    public var resolvedAt: Date?
    public var reopenCount: Int
    public var csat: Int?
    public var phaseAtOpen: LifecyclePhase
    public var expansionSignal: Bool
    public var expansionNote: String?
    public var handoffID: UUID?
    public var problemID: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, customerID: UUID, source: String = "banso", externalID: String? = nil, title: String,
        priority: Priority = .normal, product: String? = nil, status: Status = .open, openedAt: Date,
        firstResponseAt: Date? = nil, resolvedAt: Date? = nil, reopenCount: Int = 0, csat: Int? = nil,
        phaseAtOpen: LifecyclePhase, expansionSignal: Bool = false, expansionNote: String? = nil, handoffID: UUID? = nil,
        problemID: UUID? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.customerID, self.source, self.externalID, self.title) = (id, customerID, source, externalID, title)
        (self.priority, self.product, self.status, self.openedAt) = (priority, product, status, openedAt)
        (self.firstResponseAt, self.resolvedAt, self.reopenCount, self.csat) = (firstResponseAt, resolvedAt, reopenCount, csat)
        (self.phaseAtOpen, self.expansionSignal, self.expansionNote) = (phaseAtOpen, expansionSignal, expansionNote)
        (self.handoffID, self.problemID) = (handoffID, problemID)
        (self.createdAt, self.updatedAt, self.version) = (createdAt, updatedAt, version)
    }
}

/// The rules a ticket's fields and its status changes follow.
public enum TicketRules {
    /// What a status change does to the ticket beyond its status.
    public enum Transition: Sendable, Equatable {
        /// Nothing else changes (open ↔ pending, resolved ↔ closed, or no change).
        case none
        /// Unresolved → resolved or closed: the ticket gets its resolved time.
        case resolve
        /// Resolved or closed → open or pending: one more reopen, and the resolved time is cleared.
        case reopen
    }

    public static func transition(from old: Ticket.Status, to new: Ticket.Status) -> Transition {
        switch (old.isOpen, new.isOpen) {
        case (true, false): .resolve
        case (false, true): .reopen
        default: .none
        }
    }

    /// Applies a new status at `now`: resolving stamps `resolvedAt` (unless one is given), reopening counts and
    /// clears it.
    public static func apply(_ status: Ticket.Status, to ticket: inout Ticket, resolvedAt given: Date?, now: Date) -> Transition {
        let transition = transition(from: ticket.status, to: status)
        ticket.status = status
        switch transition {
        case .resolve: ticket.resolvedAt = given ?? ticket.resolvedAt ?? max(now, ticket.openedAt)
        case .reopen:
            ticket.reopenCount += 1
            ticket.resolvedAt = nil
        case .none: if !status.isOpen, let given { ticket.resolvedAt = given }
        }
        return transition
    }

    /// Checks every field of a ticket about to be stored; each refusal names its field.
    public static func validate(_ t: Ticket, now: Date) throws {
        let title = t.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(title.unicodeScalars.count) else {
            throw DomainError(.invalid, "a ticket title has 1 to 500 characters", field: "title")
        }
        if let product = t.product, product.unicodeScalars.count > 100 {
            throw DomainError(.invalid, "a product name is at most 100 characters", field: "product")
        }
        guard t.source.wholeMatch(of: /[a-z][a-z0-9_]{0,39}/) != nil else {
            throw DomainError(
                .invalid, "a source is a lower-case name of up to 40 letters, digits and underscores, such as zendesk",
                field: "source")
        }
        if let external = t.externalID, !(1...200).contains(external.unicodeScalars.count) {
            throw DomainError(.invalid, "an external id has 1 to 200 characters", field: "external_id")
        }
        if let csat = t.csat, !(1...5).contains(csat) {
            throw DomainError(.invalid, "CSAT is a whole number from 1 to 5", field: "csat")
        }
        // A clock a little ahead in the ticketing system is not an error; a ticket from tomorrow is.
        guard t.openedAt <= now.addingTimeInterval(300) else {
            throw DomainError(.invalid, "a ticket cannot open in the future", field: "opened_at")
        }
        if let first = t.firstResponseAt, first < t.openedAt {
            throw DomainError(.invalid, "the first response cannot come before the ticket opened", field: "first_response_at")
        }
        if let resolved = t.resolvedAt {
            guard resolved >= t.openedAt else {
                throw DomainError(.invalid, "a ticket cannot be resolved before it opened", field: "resolved_at")
            }
            guard !t.status.isOpen else {
                throw DomainError(.invalid, "only a resolved or closed ticket has a resolved time", field: "resolved_at")
            }
        }
    }
}

/// The titles of the timeline entries a ticket's life writes, in the org's language (they are stored, and searched).
public enum TicketTimelineText {
    public enum Event: Sendable {
        case opened, resolved, reopened, expansionSignal
    }

    public static func title(_ event: Event, _ subject: String, locale: Organization.Locale) -> String {
        switch (event, locale) {
        case (.opened, .ja): "チケット受付: \(subject)"
        case (.resolved, .ja): "チケット解決: \(subject)"
        case (.reopened, .ja): "チケット再オープン: \(subject)"
        case (.expansionSignal, .ja): "拡張シグナル: \(subject)"
        case (.opened, .en): "Ticket opened: \(subject)"
        case (.resolved, .en): "Ticket resolved: \(subject)"
        case (.reopened, .en): "Ticket reopened: \(subject)"
        case (.expansionSignal, .en): "Expansion signal: \(subject)"
        }
    }
}
