/// Everything an actor can be allowed to do. The API asks ``Authorizer/can(_:_:in:)`` before every action.
public enum Permission: String, Sendable, CaseIterable, Codable {
    /// See the org's structure: companies, teams, members in scope.
    case readDirectory = "directory.read"
    /// Create, rename and delete companies (org-wide).
    case manageCompanies = "companies.manage"
    /// Create, rename and delete teams within a company.
    case manageTeams = "teams.manage"
    /// Invite, edit and deactivate members and their team memberships within scope.
    case manageMembers = "members.manage"
    /// Grant and revoke roles within scope.
    case manageGrants = "grants.manage"
    /// Grant or revoke `owner` and `admin`, change org settings.
    case manageOrg = "org.manage"
    /// Create and revoke one's own API tokens.
    case manageOwnTokens = "tokens.manage_own"
    /// See and revoke anyone's API tokens.
    case manageAllTokens = "tokens.manage_all"
    /// Read the audit log.
    case readAudit = "audit.read"

    /// Whether the permission changes state (a `read` token may not use it).
    public var isWrite: Bool {
        switch self {
        case .readDirectory, .readAudit: false
        default: true
        }
    }

    /// Whether the permission administers the org (only an `admin` token may use it).
    public var isAdministrative: Bool {
        switch self {
        case .manageOrg, .manageGrants, .manageAllTokens, .readAudit, .manageCompanies: true
        default: false
        }
    }
}

extension Role {
    /// What each role may do within its scope (DESIGN §2).
    public var permissions: Set<Permission> {
        switch self {
        case .owner: Set(Permission.allCases)
        case .admin: Set(Permission.allCases).subtracting([.manageOrg])
        case .manager: [.readDirectory, .manageTeams, .manageMembers, .manageGrants, .manageOwnTokens]
        case .ops: [.readDirectory, .manageOwnTokens]
        case .csm, .support: [.readDirectory, .manageOwnTokens]
        case .viewer: [.readDirectory]
        }
    }

    /// Whether an `ops` grant reads the whole org whatever its scope ("ops reads the whole org").
    var readsWholeOrg: Bool { self == .ops }
}
