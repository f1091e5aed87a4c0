public import Domain
public import Foundation
public import Store

/// What the support pages need beyond the JSON API's use: the queue in support's order with a customer search, the
/// filters' choices, a ticket's description (kept as the body of its "opened" timeline entry, so that the timeline
/// search finds it), its timeline events and the hand-off its expansion signal created.
extension Tickets {
    public func queue(
        _ filter: TicketQueueRepository.Filter, order: TicketQueueRepository.Order, after cursor: UUID?, limit: Int
    ) async throws -> Page<TicketRepository.Listed> {
        if let customer = filter.base.customerID { _ = try await Customers.readable(tx, identity, customer) }
        return try await TicketQueueRepository.list(
            tx, filter: filter, order: order, visibleTo: identity.reach(.readCustomers), after: cursor, limit: limit)
    }

    public func queueChoices() async throws -> (products: [String], sources: [String]) {
        try await TicketQueueRepository.choices(tx, visibleTo: identity.reach(.readCustomers))
    }

    /// The ticket's timeline entries, oldest first (404 unless the caller reads its customer).
    public func events(_ id: UUID) async throws -> [TimelineEntry] {
        let (ticket, customer) = try await read(id)
        return try await TicketQueueRepository.events(tx, customer: customer.id, ticket: ticket.id)
    }

    /// The description written when the ticket was recorded: the body of its "opened" entry.
    public func description(of ticket: Ticket, events: [TimelineEntry]) -> String? {
        events.first { $0.kind == .ticketEvent && $0.occurredAt == ticket.openedAt }?.body
    }

    /// Records the ticket and its description in one go; the description is checked before anything is written.
    public func create(_ checked: Checked, description: String?) async throws -> Ticket {
        let text = Self.blankIsNil(description)
        if let text, text.unicodeScalars.count > 20_000 {
            throw DomainError(.invalid, "a timeline body is at most 20000 characters", field: "description")
        }
        let ticket = try await create(checked)
        guard let text else { return ticket }
        let opened = try await TicketQueueRepository.events(tx, customer: ticket.customerID, ticket: ticket.id).first
        if var entry = opened {
            entry.body = text
            _ = try await TimelineRepository.update(tx, entry, expectedVersion: nil)
        }
        return ticket
    }

    /// The hand-off the ticket's expansion signal created, when there is one.
    public func handoff(of ticket: Ticket) async throws -> Accountability? {
        guard let id = ticket.handoffID else { return nil }
        return try await AccountabilityRepository.get(tx, id: id)
    }
}
