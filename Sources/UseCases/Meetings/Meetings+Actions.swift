public import Domain
public import Foundation
public import Store

/// Action items: what a meeting agreed someone will do. Each becomes that person's accountability (they see it in
/// their inbox and accountabilities, acknowledge it, and mark it done there); until it is done, the series' next
/// agendas carry it over.
extension Meetings {
    public func actions(_ id: UUID) async throws -> [MeetingActionRepository.Action] {
        _ = try await load(id)
        return try await MeetingActionRepository.list(tx, meeting: id)
    }

    /// Records an action item for `owner`: one of the occurrence's participants or its facilitator — or, for
    /// whoever assigns accountabilities where the body lives, any active member. The owner is told.
    public func recordAction(_ id: UUID, title: String, owner: UUID, dueDate: LocalDate?) async throws -> MeetingActionRepository.Action {
        let (meeting, body, access) = try await load(id)
        try requireContribute(access, meeting)
        let text = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...300).contains(text.count), !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) else {
            throw DomainError(.invalid, "an action item is 1 to 300 characters on one line", field: "title")
        }
        try await GoalAccess.requireActiveMember(tx, owner, field: "owner_id")
        var present = owner == body.facilitatorID
        if !present { present = try await MeetingParticipantRepository.isParticipant(tx, meeting: id, member: owner) }
        if !present {
            guard identity.authorizer.can(identity.actor, .assignAccountabilities, in: body.scope).allowed else {
                throw DomainError(.invalid, "the owner of an action item takes part in the meeting", field: "owner_id")
            }
        }
        if let dueDate {
            let today = try await OrgFacts.load(tx, reader: nil).today
            guard dueDate >= today.adding(days: -1), dueDate <= today.adding(days: 800) else {
                throw DomainError(.invalid, "the due day is today or later, within about two years", field: "due_date")
            }
        }
        let actionID = UUID.v7()
        let now = caller.now
        let accountability = try await AccountabilityRepository.insert(tx, Accountability(
            id: .v7(), assigneeID: owner, assignedByID: identity.memberID, subjectType: .meetingAction, subjectID: actionID, duty: nil,
            companyID: body.companyID, teamID: body.teamID, dueDate: dueDate, note: nil,
            state: owner == identity.memberID ? .acknowledged : .pending, responseReason: nil,
            respondedAt: owner == identity.memberID ? now : nil, replacesID: nil, replacedByID: nil, createdAt: now, updatedAt: now, version: 1))
        let action = try await MeetingActionRepository.insert(
            tx, id: actionID, meeting: id, title: text, owner: owner, dueDate: dueDate, accountability: accountability.id,
            carriedFrom: nil, by: identity.memberID, at: now)
        let accountabilities = Accountabilities(tx, caller)
        if owner != identity.memberID { try await accountabilities.notifyAssigned(accountability) }
        try await MeetingRepository.markTouched(tx, id: id)
        try await Audit.record(tx, caller, action: "meeting.action", resource: "meeting", id: id,
                               after: ["action_id": actionID.uuidString.lowercased(), "accountability_id": accountability.id.uuidString.lowercased()])
        return action
    }

    /// Marks an action done (its owner, or whoever runs the meeting): the accountability completes.
    public func completeAction(_ id: UUID, action actionID: UUID) async throws -> MeetingActionRepository.Action {
        let (_, _, access) = try await load(id)
        guard let action = try await MeetingActionRepository.get(tx, id: actionID), action.meetingID == id else {
            throw DomainError(.notFound, "action item not found")
        }
        guard action.ownerID == identity.memberID || access.canRun else {
            throw DomainError(.forbidden, "only the action's owner, the facilitator and meeting managers may close it", permission: Permission.manageMeetings.rawValue)
        }
        guard let accountability = action.accountabilityID, action.isOpen else { return action }
        _ = try await AccountabilityRepository.close(tx, id: accountability, as: .completed, replacedBy: nil)
        try await Audit.record(tx, caller, action: "meeting.action_done", resource: "meeting", id: id,
                               after: ["action_id": actionID.uuidString.lowercased()])
        return try await MeetingActionRepository.get(tx, id: actionID)!
    }
}
