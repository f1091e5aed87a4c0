public import Domain
public import Foundation
public import Store

/// What the merge page needs before anyone confirms: the records a manager could merge into this one, and what a
/// merge would move. The checks are ``Customers/merge(_:duplicate:)``'s, so the preview refuses what the merge would.
extension Customers {
    /// A merge not yet done: both records and what hangs off the duplicate (which is what moves).
    public struct MergePreview: Sendable {
        public var survivor: Customer
        public var duplicate: Customer
        public var moving: CustomerMerge.Moved
    }

    /// The live customers (not archived, not merged) other than `id` that the caller manages, by reading, matching
    /// `search` when given; at most `limit`. Refused (403) to whoever may not manage `id` itself.
    public func mergeCandidates(for id: UUID, search: String?, limit: Int) async throws -> [Customer] {
        let survivor = try await get(id)
        try identity.require(.manageCustomers, in: survivor.scope)
        var query = CustomerListQuery()
        query.search = search.flatMap { CustomerSearch.normalise($0) }
        var found: [Customer] = []
        var cursor: UUID?
        // Keyset pages until enough manageable ones are found; a few pages bound the work for a reader who manages
        // only a corner of a large org.
        for _ in 0..<10 {
            let page = try await list(query, after: cursor, limit: 200)
            found += page.items.map(\.customer).filter { c in
                c.id != id && c.mergedInto == nil && c.archivedAt == nil
                    && identity.authorizer.can(identity.actor, .manageCustomers, in: c.scope).allowed
            }
            guard found.count < limit, let next = page.nextCursor else { break }
            cursor = next
        }
        return Array(found.prefix(limit))
    }

    /// What merging `duplicateID` into `id` would move, refused as the merge itself would be.
    public func mergePreview(_ id: UUID, duplicate duplicateID: UUID) async throws -> MergePreview {
        guard duplicateID != id else { throw DomainError(.invalid, "a customer cannot be merged into itself", field: "duplicate_id") }
        let survivor = try await get(id)
        try identity.require(.manageCustomers, in: survivor.scope)
        guard let duplicate = try await CustomerRepository.get(tx, id: duplicateID),
            CustomerAccessRules.canRead(identity.actor, identity.authorizer, duplicate)
        else { throw DomainError(.invalid, "no such customer in this organisation", field: "duplicate_id") }
        try identity.require(.manageCustomers, in: duplicate.scope)
        guard survivor.archivedAt == nil else { throw DomainError(.conflict, "the customer is archived; restore it first") }
        guard duplicate.mergedInto == nil else { throw DomainError(.conflict, "the duplicate was already merged into another customer") }
        return MergePreview(survivor: survivor, duplicate: duplicate, moving: try await CustomerMerge.attached(tx, to: duplicateID))
    }
}
