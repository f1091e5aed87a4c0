public import Domain
public import Foundation
public import Store

/// Seed 004: support hears "we'd like to add 50 seats" in a ticket. Flagging it sets the ticket's expansion signal
/// and hands it off — an accountability for the customer's CSM or sales owner — so it reaches the people who sell
/// instead of dying in the support queue.
public struct ExpansionSignals: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// Who follows the signal up.
    public enum HandTo: String, Sendable, Codable, CaseIterable {
        /// The customer's owning CSM.
        case csm
        /// The customer's sales owner.
        case sales
    }

    public struct Raised: Sendable {
        public var ticket: Ticket
        public var handoff: Accountability
    }

    /// Checks everything before anything is written (so an `Idempotency-Key` replay is answered after the checks).
    public struct Checked: Sendable {
        let ticket: Ticket
        let customer: Customer
        let assignee: UUID
        let note: String
        let dueDate: LocalDate?
    }

    public func check(ticket id: UUID, note: String, handTo: HandTo, dueDate: LocalDate?) async throws -> Checked {
        let (ticket, customer) = try await Tickets(tx, caller).read(id, lock: true)
        try identity.require(.writeTickets, in: customer.scope)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(note.unicodeScalars.count) else {
            throw DomainError(.invalid, "describe the expansion signal in 1 to 2000 characters", field: "note")
        }
        let assignee: UUID
        switch handTo {
        case .csm:
            guard let owner = customer.ownerID else {
                throw DomainError(.invalid, "the customer has no owning CSM to hand the signal to", field: "hand_to")
            }
            assignee = owner
        case .sales:
            guard let sales = customer.salesOwnerID else {
                throw DomainError(.invalid, "the customer has no sales owner to hand the signal to", field: "hand_to")
            }
            assignee = sales
        }
        try await GoalAccess.requireActiveMember(tx, assignee, field: "hand_to")
        return Checked(ticket: ticket, customer: customer, assignee: assignee, note: note, dueDate: dueDate)
    }

    /// Hands the signal off. While an earlier hand-off of the ticket is still open (pending or acknowledged), a
    /// second one is a conflict — checked here rather than in ``check(ticket:note:handTo:dueDate:)``, so that a
    /// retried request with its `Idempotency-Key` is answered the first answer instead.
    public func raise(_ checked: Checked) async throws -> Raised {
        if let handoff = checked.ticket.handoffID, let open = try await AccountabilityRepository.get(tx, id: handoff),
            !open.state.isClosed, open.state != .declined
        {
            throw DomainError(.conflict, "the ticket's expansion signal is already handed off and still open", field: "ticket_id")
        }
        let handoff = try await Accountabilities(tx, caller).handOff(
            customer: checked.customer, to: checked.assignee, note: checked.note, dueDate: checked.dueDate)
        var ticket = checked.ticket
        ticket.expansionSignal = true
        ticket.expansionNote = checked.note
        ticket.handoffID = handoff.id
        guard let after = try await TicketRepository.update(tx, ticket, expectedVersion: nil) else {
            throw DomainError(.notFound, "ticket not found")
        }
        let locale = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).orgLocale
        try await TimelineRepository.insertSystem(
            tx, customer: after.customerID, kind: TimelineEntry.Kind.ticketEvent.rawValue,
            title: TicketTimelineText.title(.expansionSignal, after.title, locale: locale), body: checked.note,
            author: identity.memberID, at: caller.now, subjectType: "ticket", subjectID: after.id)
        try await Audit.record(
            tx, caller, action: "ticket.expansion_signal", resource: "ticket", id: after.id, before: checked.ticket, after: after)
        return Raised(ticket: after, handoff: handoff)
    }
}
