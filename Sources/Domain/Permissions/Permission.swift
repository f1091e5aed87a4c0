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
    /// See goals, check-ins, positions and accountabilities in scope.
    case readGoals = "goals.read"
    /// Create and edit one's own goals and check-ins.
    case writeOwnGoals = "goals.write_own"
    /// Create, edit, move, archive and copy anyone's goals in scope.
    case manageGoals = "goals.manage"
    /// Review check-ins in scope (never one's own).
    case reviewCheckIns = "check_ins.review"
    /// Define positions and charters and who holds them.
    case managePositions = "positions.manage"
    /// Make members accountable for subjects in scope.
    case assignAccountabilities = "accountabilities.assign"
    /// Move a member's goals, open check-ins and accountabilities to another member (人事異動).
    case transferWork = "work.transfer"
    /// Change the org's goal and check-in rules (SMART mode, check-in days) and its closure days.
    case manageGoalSettings = "goal_settings.manage"
    /// See the org's background jobs and schedules; retry or cancel a job.
    case manageJobs = "jobs.manage"
    /// See customers in scope: their phase, contacts, tickets, NPS, timeline and health.
    case readCustomers = "customers.read"
    /// See what customers pay: contract values, revenue, GRR and NRR (every role but `support`).
    case readContractValues = "contracts.read"
    /// Edit the customers one owns: their fields, contacts, phase and NPS responses.
    case writeOwnCustomers = "customers.write_own"
    /// Create, edit, reassign, archive and merge any customer in scope, with its contracts and revenue.
    case manageCustomers = "customers.manage"
    /// Write support tickets, problem records and expansion signals in scope.
    case writeTickets = "tickets.write"
    /// Write timeline entries (meetings, calls, notes, pair support) on customers in scope.
    case writeTimeline = "timeline.write"
    /// Define the org's health model (signals, weights, thresholds) and rescore.
    case manageHealthModels = "health.manage"
    /// Upload CSV files of customers, contracts, revenue, usage, NPS and tickets; every row is checked as its
    /// own write would be.
    case importCustomers = "customers.import"
    /// Create and edit meeting bodies (会議体) in scope, plan, move and cancel their occurrences.
    case manageMeetings = "meetings.manage"
    /// Define success (light/deep), program and check-up templates, the check-up settings, and standard processes
    /// with their versions and adoptions (seeds 000, 002, 003).
    case manageSuccess = "success.manage"

    /// Whether the permission changes state (a `read` token may not use it).
    public var isWrite: Bool {
        switch self {
        case .readDirectory, .readAudit, .readGoals, .readCustomers, .readContractValues: false
        default: true
        }
    }

    /// Whether the permission administers the org (only an `admin` token may use it).
    public var isAdministrative: Bool {
        switch self {
        case .manageOrg, .manageGrants, .manageAllTokens, .readAudit, .manageCompanies, .manageGoalSettings, .manageJobs: true
        default: false
        }
    }
}

extension Role {
    /// What each role may do within its scope (DESIGN §2). The sets are built once: every permission check asks for
    /// them, and building one per call was a tenth of an authenticated request's CPU (hashing each member).
    public var permissions: Set<Permission> {
        switch self {
        case .owner: RolePermissions.owner
        case .admin: RolePermissions.admin
        case .manager: RolePermissions.manager
        case .ops: RolePermissions.ops
        case .csm: RolePermissions.csm
        case .support: RolePermissions.support
        case .viewer: RolePermissions.viewer
        }
    }
}

private enum RolePermissions {
    static let owner = Set(Permission.allCases)
    static let admin = Set(Permission.allCases).subtracting([.manageOrg])
    static let manager: Set<Permission> = [
        .readDirectory, .manageTeams, .manageMembers, .manageGrants, .manageOwnTokens, .readGoals, .writeOwnGoals,
        .manageGoals, .reviewCheckIns, .managePositions, .assignAccountabilities, .transferWork,
        .readCustomers, .readContractValues, .writeOwnCustomers, .manageCustomers, .writeTickets, .writeTimeline,
        .importCustomers, .manageMeetings, .manageSuccess,
    ]
    // CS operations keeps the data and the rhythm: customers and their contracts, imports, the health model, meeting bodies.
    static let ops: Set<Permission> = [
        .readDirectory, .manageOwnTokens, .readGoals, .writeOwnGoals, .readCustomers, .readContractValues,
        .manageCustomers, .writeTickets, .writeTimeline, .manageHealthModels, .importCustomers, .manageMeetings,
        .manageSuccess,
    ]
    // A CSM edits the customers they own, writes tickets and timeline in their scope, and imports into it (each
    // row checked as its own write would be).
    static let csm: Set<Permission> = [
        .readDirectory, .manageOwnTokens, .readGoals, .writeOwnGoals, .readCustomers, .readContractValues,
        .writeOwnCustomers, .writeTickets, .writeTimeline, .importCustomers,
    ]
    // Support reads customers but not what they pay; it writes tickets, problem records and the timeline.
    static let support: Set<Permission> = [
        .readDirectory, .manageOwnTokens, .readGoals, .readCustomers, .writeTickets, .writeTimeline,
    ]
    static let viewer: Set<Permission> = [.readDirectory, .readGoals, .readCustomers, .readContractValues]
}

