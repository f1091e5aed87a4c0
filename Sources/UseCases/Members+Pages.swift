public import Domain
public import Foundation
public import Store

/// The directory as the administration pages read it: searched, in name order, a page at a time.
extension Members {
    /// The members the caller may read (as ``get(_:)`` judges one) matching `search`, `limit` from `offset`.
    public func search(_ search: MemberRepository.Search, offset: Int, limit: Int) async throws -> (members: [Member], more: Bool) {
        try await MemberRepository.search(tx, search, visibleTo: identity.reach(.readDirectory), offset: max(0, offset), limit: limit)
    }

    /// Refuses (403) unless the caller may act on the member at all — manage them and reach every role they
    /// hold — whatever the action: a page checks this first, so that nothing (not even a grant of a lower role,
    /// which ``Grants`` alone would allow) is done to a person of higher rank.
    public func requireMayActOn(_ member: Member) async throws {
        if !Self.covers(identity, .manageMembers, member: member) {
            try identity.require(.manageMembers, in: .org)
        }
        try await Self.requireReach(identity, over: member.id, tx: tx)
    }

    /// Whether ``requireMayActOn(_:)`` would let the caller act on the member holding `grants`: a page shows forms
    /// only then.
    public func mayActOn(_ member: Member, grants: [Grant]) -> Bool {
        (Self.covers(identity, .manageMembers, member: member) || identity.authorizer.can(identity.actor, .manageMembers, in: .org).allowed)
            && identity.authorizer.canActOn(identity.actor, holderOf: grants).allowed
    }
}
