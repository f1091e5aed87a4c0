public import Foundation

/// A member holds a role in a scope.
public struct Grant: Sendable, Hashable, Codable {
    public var role: Role
    public var scope: Scope

    public init(role: Role, scope: Scope) {
        self.role = role
        self.scope = scope
    }
}

/// What an API token may do at most; it narrows its member's roles, never widens them.
public enum TokenScope: String, Sendable, CaseIterable, Codable {
    case read, write, admin
}

/// Which company each team belongs to: what scope containment needs (a company grant covers its teams).
public struct OrgStructure: Sendable {
    public var companyOfTeam: [UUID: UUID]

    public init(companyOfTeam: [UUID: UUID]) {
        self.companyOfTeam = companyOfTeam
    }

    /// Whether `outer` contains `inner`.
    public func contains(_ outer: Scope, _ inner: Scope) -> Bool {
        switch (outer, inner) {
        case (.org, _): true
        case (.company(let a), .company(let b)): a == b
        case (.company(let a), .team(let t)): companyOfTeam[t] == a
        case (.team(let a), .team(let b)): a == b
        default: false
        }
    }
}
