public import Domain
public import Foundation
public import Store

/// April's 人事異動: a member's live goals (with their open check-ins), the check-ins waiting for their review and
/// their open accountabilities move to another member in one transaction, with a record of what moved. Every thing
/// that moves is checked against the caller's right to transfer work where it lives.
///
/// A transfer comes in two steps — the parties checked, then the work moved — so the API can put its
/// `Idempotency-Key` replay between them, after the checks as it always was; moving takes only what the check
/// returns, so the check cannot be skipped.
public struct WorkTransfers: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// Who gives and who takes, checked.
    public struct Parties: Sendable {
        public let from: Member
        public let to: UUID
    }

    /// The member giving work exists and is inside the caller's reach; the one taking it is an active member.
    public func check(from fromID: UUID, to toID: UUID) async throws -> Parties {
        guard let from = try await MemberRepository.get(tx, id: fromID) else {
            throw DomainError(.invalid, "no such member in this organisation", field: "from_member_id")
        }
        // A transfer is of a member inside the caller's scope; each thing that moves is checked as well.
        if !covers(from) { try identity.require(.transferWork, in: .org) }
        try await GoalAccess.requireActiveMember(tx, toID, field: "to_member_id")
        try await requireNotOutranked(by: fromID)
        try await requireNotOutranked(by: toID)
        return Parties(from: from, to: toID)
    }

    /// Moves the work, tells the member taking it, and audits.
    public func transfer(_ parties: Parties, note: String?) async throws -> WorkTransferRepository.Record {
        let (fromID, toID) = (parties.from.id, parties.to)
        // What moves, checked against the caller's rights before anything is written.
        let goals = try await GoalRepository.list(tx, filter: .init(ownerID: fromID, status: .active), visibleTo: nil, after: nil, limit: 100_000).items
        for goal in goals { try identity.require(.transferWork, in: goal.permissionScope) }
        let accountabilities = try await AccountabilityRepository.open(tx, assignee: fromID)
        for item in accountabilities { try identity.require(.transferWork, in: item.scope) }
        let customers = try await CustomerRepository.owned(tx, by: fromID)
        for customer in customers { try identity.require(.transferWork, in: customer.scope) }

        let moved = try await GoalRepository.transferOwnership(tx, from: fromID, to: toID)
        let openCheckIns = try await CheckInRepository.openIDs(tx, goalIDs: moved)
        // Reviews move only where the caller may transfer work: a manager of SMB never hands over the member's
        // Enterprise reviews.
        let reviewable = try await CheckInRepository.reviewsWaiting(tx, reviewer: fromID)
            .filter { identity.authorizer.can(identity.actor, .transferWork, in: $0.scope).allowed }.map(\.id)
        let reviews = try await CheckInRepository.transferReviews(tx, ids: reviewable, from: fromID, to: toID)
        var successors: [UUID] = []
        for item in accountabilities {
            var successor = item
            successor.id = .v7()
            successor.assigneeID = toID
            successor.assignedByID = identity.memberID
            successor.replacesID = item.id
            let created = try await AccountabilityRepository.insert(tx, successor)
            _ = try await AccountabilityRepository.close(tx, id: item.id, as: .reassigned, replacedBy: created.id)
            successors.append(created.id)
        }
        let recordID = UUID.v7()
        try await moveCustomers(customers, from: parties.from, to: toID, transfer: recordID)
        let record = try await WorkTransferRepository.insert(
            tx,
            .init(
                id: recordID, fromMemberID: fromID, toMemberID: toID, byMemberID: identity.memberID, goalIDs: moved,
                checkInIDs: Array(Set(openCheckIns + reviews)).sorted { $0.uuidString < $1.uuidString },
                accountabilityIDs: successors, note: note, createdAt: caller.now, customerIDs: customers.map(\.id)))
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: toID)
        try await NotificationRepository.deliver(
            tx, to: toID,
            .workTransferred(
                from: parties.from.displayName, goals: moved.count, checkIns: record.checkInIDs.count,
                accountabilities: successors.count, locale: facts.locale),
            subjectType: "transfer", subjectID: record.id)
        try await Audit.record(tx, caller, action: "work.transfer", resource: "transfer", id: record.id, after: TransferDTO(record))
        return record
    }

    /// Past transfers, from or to `member` when given; reading them takes the right to read the org's goals.
    public func list(member: UUID?, after cursor: UUID?, limit: Int) async throws -> Page<WorkTransferRepository.Record> {
        try identity.require(.readGoals, in: .org)
        return try await WorkTransferRepository.list(tx, member: member, after: cursor, limit: limit)
    }

    /// A transfer, for the three members it names or someone who may read the org's goals.
    public func get(_ id: UUID) async throws -> WorkTransferRepository.Record {
        guard let record = try await WorkTransferRepository.get(tx, id: id),
            [record.fromMemberID, record.toMemberID, record.byMemberID].contains(identity.memberID)
                || identity.authorizer.can(identity.actor, .readGoals, in: .org).allowed
        else { throw DomainError(.notFound, "transfer not found") }
        return record
    }

    /// The leaver's customers become the receiver's: one statement moves them, one writes their owner history
    /// (closed yesterday, opened today, with the transfer's id), and one gives each an `owner_change` entry on its
    /// timeline.
    private func moveCustomers(_ customers: [Customer], from: Member, to toID: UUID, transfer: UUID) async throws {
        guard !customers.isEmpty else { return }
        let ids = customers.map(\.id)
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        try await CustomerRepository.setOwner(tx, customers: ids, to: toID)
        try await CustomerHistoryRepository.changeOwners(
            tx, customers: ids, to: toID, on: facts.today, by: identity.memberID, transfer: transfer)
        let receiver = try await MemberRepository.get(tx, id: toID)
        let title = CustomerTimelineText.ownerChange(from: from.displayName, to: receiver?.displayName, facts.orgLocale)
        try await TimelineRepository.insertSystem(
            tx, customers: ids, kind: "owner_change", title: title, body: CustomerTimelineText.transferNote(facts.orgLocale),
            author: identity.memberID, at: caller.now, subjectType: "transfer", subjectID: transfer)
    }

    /// Nobody hands away, or hands work to, a person of higher rank than their own: a manager does not give the
    /// owner's goals to someone else, nor load work onto the owner.
    private func requireNotOutranked(by member: UUID) async throws {
        guard member != identity.memberID else { return }
        let mine = identity.actor.grants.map(\.role.rank).max() ?? 0
        let theirs = try await GrantRepository.forMember(tx, member: member).map(\.grant.role.rank).max() ?? 0
        if theirs > mine {
            throw DomainError(.forbidden, "the member holds a higher role than yours", permission: Permission.transferWork.rawValue)
        }
    }

    /// The caller may transfer the member's work in the whole org or in one of the member's teams.
    private func covers(_ member: Member) -> Bool {
        if identity.authorizer.can(identity.actor, .transferWork, in: .org).allowed { return true }
        return member.teamIDs.contains { identity.authorizer.can(identity.actor, .transferWork, in: .team($0)).allowed }
    }
}
