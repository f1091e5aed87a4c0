public import Foundation

/// A system permission level, granted per scope (DESIGN §2).
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    case owner, admin, manager, csm, ops, support, viewer

    /// Higher ranks may grant lower ones (an admin cannot make an owner).
    public var rank: Int {
        switch self {
        case .owner: 7
        case .admin: 6
        case .manager: 5
        case .ops: 4
        case .csm: 3
        case .support: 2
        case .viewer: 1
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Where a grant applies: the whole organisation, one company (and its teams), or one team.
public enum Scope: Sendable, Hashable, Codable {
    case org
    case company(UUID)
    case team(UUID)

    public var kind: String {
        switch self {
        case .org: "org"
        case .company: "company"
        case .team: "team"
        }
    }

    public var id: UUID? {
        switch self {
        case .org: nil
        case .company(let id), .team(let id): id
        }
    }

    public init(kind: String, id: UUID?) throws {
        switch (kind, id) {
        case ("org", nil): self = .org
        case ("company", let id?): self = .company(id)
        case ("team", let id?): self = .team(id)
        case ("org", _): throw DomainError(.invalid, "an org scope has no id", field: "scope_id")
        case ("company", nil), ("team", nil): throw DomainError(.missing, "a \(kind) scope needs its id", field: "scope_id")
        default: throw DomainError(.invalid, "scope must be org, company or team", field: "scope_type")
        }
    }
}
