public import Domain
public import Foundation
public import Store

extension Accountabilities {
    /// A hand-off (seed 004): support heard an expansion signal in a ticket and makes the customer's CSM or sales
    /// owner accountable for following it up. The signal's own permission (writing tickets where the customer lives,
    /// checked by ``ExpansionSignals``) stands for `accountabilities.assign`, which support does not hold; the rest is
    /// an assignment like any other: the assignee hears of it, the org's webhooks too, and it is audited.
    public func handOff(customer: Customer, to assignee: UUID, note: String, dueDate: LocalDate?) async throws -> Accountability {
        let now = caller.now
        let item = try await AccountabilityRepository.insert(
            tx,
            Accountability(
                id: .v7(), assigneeID: assignee, assignedByID: identity.memberID, subjectType: .customer, subjectID: customer.id,
                duty: nil, companyID: customer.companyID, teamID: customer.teamID, dueDate: dueDate, note: note, state: .pending,
                responseReason: nil, respondedAt: nil, replacesID: nil, replacedByID: nil, createdAt: now, updatedAt: now,
                version: 1))
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: assignee)
        let assigner = try await MemberRepository.get(tx, id: identity.memberID)
        try await NotificationRepository.deliver(
            tx, to: assignee,
            .accountabilityAssigned(subject: customer.name, by: assigner?.displayName ?? "", due: dueDate, locale: facts.locale),
            subjectType: "accountability", subjectID: item.id)
        try await WebhookRepository.emit(
            tx,
            .accountabilityAssigned(
                id: .v7(), at: now,
                data: #"{"accountability_id":"\#(item.id.uuidString.lowercased())","assignee_id":"\#(assignee.uuidString.lowercased())","subject_type":"customer","subject_id":"\#(customer.id.uuidString.lowercased())"}"#,
                subject: customer.name))
        try await Audit.record(tx, caller, action: "accountability.assign", resource: "accountability", id: item.id, after: item)
        return item
    }
}
