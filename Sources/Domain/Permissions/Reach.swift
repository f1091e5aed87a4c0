public import Foundation

/// Where an actor holds one permission, as sets of scopes: what a list's SQL tests its rows' scope columns against,
/// so that it keeps exactly the rows ``Authorizer/can(_:_:in:)`` (or ``Authorizer/canSomewhere(_:_:within:)``)
/// would admit one by one, and a page is cut only after they are kept.
///
/// Built by ``Authorizer/reach(_:_:)``. An API token without the scope the permission needs reaches nothing (as
/// `can` refuses it everywhere); the actor's own rows, which some rules admit whatever the grants, stay reachable
/// through ``memberID``.
public struct Reach: Sendable, Equatable {
    /// The actor, for the rules that admit their own rows (a goal's owner, an accountability's assignee, …).
    public var memberID: UUID
    /// Held over the whole org: every row.
    public var everywhere: Bool
    /// Companies over which it is held (a company grant).
    public var companies: [UUID]
    /// Teams over which it is held: team grants, and every team the org's structure places in a granted company —
    /// the structure `can` reads, so that both answer alike even for a team it does not place.
    public var teams: [UUID]
    /// Companies it is held somewhere within: granted ones, and those of granted teams. A team's grant sees its
    /// company's rows above it, never another company's.
    public var companiesWithin: [UUID]
    /// Held somewhere at all, so the org's own rows are seen from any grant "within" the org.
    public var anywhere: Bool

    public init(memberID: UUID, everywhere: Bool, companies: [UUID], teams: [UUID], companiesWithin: [UUID], anywhere: Bool) {
        self.memberID = memberID
        self.everywhere = everywhere
        self.companies = companies
        self.teams = teams
        self.companiesWithin = companiesWithin
        self.anywhere = anywhere
    }

    /// What ``Authorizer/can(_:_:in:)`` answers for `scope`.
    public func reaches(_ scope: Scope) -> Bool {
        switch scope {
        case .org: everywhere
        case .company(let id): everywhere || companies.contains(id)
        case .team(let id): everywhere || teams.contains(id)
        }
    }

    /// What ``Authorizer/canSomewhere(_:_:within:)`` answers for `scope`.
    public func reachesSomewhere(within scope: Scope) -> Bool {
        switch scope {
        case .org: anywhere
        case .company(let id): everywhere || companiesWithin.contains(id)
        case .team(let id): everywhere || teams.contains(id)
        }
    }
}
