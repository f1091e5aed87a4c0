public import Foundation

/// A node of the goal tree (DESIGN §2): a KGI (the outcome), a KSF (a qualitative key success factor) or a KPI
/// (a measured indicator).
public struct Goal: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        case kgi, ksf, kpi

        /// Depth order: a KGI is above a KSF, which is above a KPI.
        var level: Int {
            switch self {
            case .kgi: 0
            case .ksf: 1
            case .kpi: 2
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.level < rhs.level }

        /// Which kinds may hold this kind as a child: a KSF sits under a KGI; a KPI under a KSF or a KGI; a KGI
        /// may sit under a higher KGI (a company KGI under the org's).
        public func mayHaveChild(_ child: Kind) -> Bool {
            switch (self, child) {
            case (.kgi, _): true
            case (.ksf, .kpi): true
            default: false
            }
        }
    }

    /// Whether a higher or a lower value is better (GRR up, churn down).
    public enum Direction: String, Sendable, Codable, CaseIterable {
        case up, down
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case active, achieved, missed, archived
    }

    /// What the goal is set for: the whole org, a company, a team, or one member (a personal goal, which still
    /// belongs to a company and optionally a team for permissions).
    public enum ScopeKind: String, Sendable, Codable, CaseIterable {
        case org, company, team, member
    }

    public var id: UUID
    public var kind: Kind
    public var parentID: UUID?
    public var title: String
    public var description: String?
    public var ownerID: UUID
    public var scopeKind: ScopeKind
    public var companyID: UUID?
    public var teamID: UUID?
    public var period: FiscalPeriod
    public var metric: String?
    public var unit: String?
    public var baseline: Double?
    public var target: Double?
    public var direction: Direction
    public var dueDate: LocalDate?
    public var status: Status
    public var cadence: Cadence
    /// A pending or recent change of cadence: the prior cadence is in force until the switch's day.
    public var cadenceSwitch: CadenceSwitch?
    /// Share of this goal in its parent's roll-up, relative to its siblings (default 1: equal weights).
    public var weight: Double
    public var copiedFromID: UUID?
    /// The computed metric a KPI is bound to, whose check-ins fill their actual value by themselves.
    public var boundMetric: BoundMetric?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, kind: Kind, parentID: UUID?, title: String, description: String?, ownerID: UUID,
        scopeKind: ScopeKind, companyID: UUID?, teamID: UUID?, period: FiscalPeriod, metric: String?, unit: String?,
        baseline: Double?, target: Double?, direction: Direction, dueDate: LocalDate?, status: Status,
        cadence: Cadence, weight: Double, copiedFromID: UUID?, createdAt: Date, updatedAt: Date, version: Int,
        cadenceSwitch: CadenceSwitch? = nil, boundMetric: BoundMetric? = nil
    ) {
        self.cadenceSwitch = cadenceSwitch
        self.boundMetric = boundMetric
        self.id = id
        self.kind = kind
        self.parentID = parentID
        self.title = title
        self.description = description
        self.ownerID = ownerID
        self.scopeKind = scopeKind
        self.companyID = companyID
        self.teamID = teamID
        self.period = period
        self.metric = metric
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.direction = direction
        self.dueDate = dueDate
        self.status = status
        self.cadence = cadence
        self.weight = weight
        self.copiedFromID = copiedFromID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// The permission scope the goal lives in: its team, else its company, else the org.
    public var permissionScope: Scope {
        if let teamID { return .team(teamID) }
        if let companyID { return .company(companyID) }
        return .org
    }

    public var isArchived: Bool { status == .archived }
}
