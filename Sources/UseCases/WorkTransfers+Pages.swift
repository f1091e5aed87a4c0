public import Domain
public import Foundation
public import Store

extension WorkTransfers {
    /// What a transfer would move if confirmed now: the page shows it before anyone commits to a 人事異動.
    public struct Preview: Sendable {
        public let goals: [Goal]
        /// Open check-ins of those goals: they go with their goal.
        public let openCheckIns: Int
        public let reviews: [(id: UUID, title: String, period: String)]
        public let accountabilities: [Accountability]
        /// The customers the member owns: they change owner with the transfer.
        public let customers: [Customer]
    }

    /// The same reads and the same rights as ``transfer(_:note:)``, and nothing written: a preview refused is a
    /// transfer that would be refused.
    public func preview(_ parties: Parties) async throws -> Preview {
        let fromID = parties.from.id
        let goals = try await GoalRepository.list(
            tx, filter: .init(ownerID: fromID, status: .active), visibleTo: nil, after: nil, limit: 100_000
        ).items
        for goal in goals { try identity.require(.transferWork, in: goal.permissionScope) }
        let accountabilities = try await AccountabilityRepository.open(tx, assignee: fromID)
        for item in accountabilities { try identity.require(.transferWork, in: item.scope) }
        let customers = try await CustomerRepository.owned(tx, by: fromID)
        for customer in customers { try identity.require(.transferWork, in: customer.scope) }
        let open = try await CheckInRepository.openIDs(tx, goalIDs: goals.map(\.id))
        let reviewable = try await CheckInRepository.reviewsWaiting(tx, reviewer: fromID)
            .filter { identity.authorizer.can(identity.actor, .transferWork, in: $0.scope).allowed }.map(\.id)
        let titles = try await WorkTransferRepository.checkInTitles(tx, ids: reviewable)
        return Preview(
            goals: goals, openCheckIns: open.count,
            reviews: reviewable.compactMap { id in titles[id].map { (id, $0.title, $0.period) } },
            accountabilities: accountabilities, customers: customers)
    }

    /// The transfers the caller may read, newest first: every one for those who read the org's goals, else those
    /// they gave, took or made (as ``get(_:)`` would let them read one by one).
    public func visible(limit: Int) async throws -> [WorkTransferRepository.Record] {
        let everyone = identity.authorizer.can(identity.actor, .readGoals, in: .org).allowed
        return try await WorkTransferRepository.newest(tx, involving: everyone ? nil : identity.memberID, limit: limit)
    }
}
