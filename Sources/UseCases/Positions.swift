public import Domain
public import Foundation
public import Store

/// Positions and their charters (責任分掌), who holds them, and the reporting line. A position is seen where goals
/// are read; defining, editing and staffing one needs `positions.manage` in its scope. Each use case checks the
/// caller's right, writes and audits — in the caller's transaction.
public struct Positions: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What a new position is defined with.
    public struct Definition: Sendable {
        public var name: String
        public var scopeType: String?
        public var scopeID: UUID?
        public var reportsToID: UUID?
        public var responsibilities: [String]?
        public var authority: [String]?
        public var goalIDs: [UUID]?

        public init(
            name: String, scopeType: String?, scopeID: UUID?, reportsToID: UUID?, responsibilities: [String]?, authority: [String]?,
            goalIDs: [UUID]?
        ) {
            (self.name, self.scopeType, self.scopeID, self.reportsToID) = (name, scopeType, scopeID, reportsToID)
            (self.responsibilities, self.authority, self.goalIDs) = (responsibilities, authority, goalIDs)
        }
    }

    /// An edit: `nil` leaves a field alone; `reportsToID` `.some(nil)` takes the position out of the line.
    public struct Changes: Sendable {
        public var name: String?
        public var reportsToID: UUID??
        public var responsibilities: [String]?
        public var authority: [String]?
        public var goalIDs: [UUID]?

        public init(name: String?, reportsToID: UUID??, responsibilities: [String]?, authority: [String]?, goalIDs: [UUID]?) {
            (self.name, self.reportsToID, self.responsibilities, self.authority, self.goalIDs) =
                (name, reportsToID, responsibilities, authority, goalIDs)
        }
    }

    /// A definition that passed ``check(_:)``. Creating is two steps so that a replayed request (an
    /// Idempotency-Key seen before) can be answered between the checks and the write; only `check` makes one, so
    /// the write cannot skip them.
    public struct Checked: Sendable {
        let position: Position
    }

    /// Positions are seen as goals are: in one's scope and in the scopes above it (a team's CSM sees the company's
    /// lead and the org's head above them), not in another company.
    public static func canSee(_ identity: Identity, _ position: Position) -> Bool {
        identity.authorizer.canSomewhere(identity.actor, .readGoals, within: position.scope)
    }

    /// The positions the caller sees; visibility is in the SQL, so pages fill up.
    public func list(after cursor: UUID?, limit: Int) async throws -> Page<Position> {
        try await PositionRepository.list(tx, visibleTo: identity.reach(.readGoals), after: cursor, limit: limit)
    }

    public func get(_ id: UUID) async throws -> Position {
        guard let position = try await PositionRepository.get(tx, id: id), Self.canSee(identity, position)
        else { throw DomainError(.notFound, "position not found") }
        return position
    }

    /// Checks the scope, the caller's right there, the charter and what it refers to.
    public func check(_ definition: Definition) async throws -> Checked {
        let scope = try Scope(
            kind: definition.scopeType ?? (definition.scopeID == nil ? "org" : "company"), id: definition.scopeID)
        try await requireScopeExists(scope)
        try identity.require(.managePositions, in: scope)
        let position = Position(
            id: .v7(), name: try TenancyRules.name(definition.name, field: "name"), scope: scope, reportsToID: definition.reportsToID,
            responsibilities: try PositionRules.charterLines(definition.responsibilities ?? [], field: "responsibilities"),
            authority: try PositionRules.charterLines(definition.authority ?? [], field: "authority"),
            goalIDs: definition.goalIDs ?? [], createdAt: caller.now, updatedAt: caller.now, version: 1)
        try await checkReferences(position)
        return Checked(position: position)
    }

    public func create(_ checked: Checked) async throws -> Position {
        let saved = try await PositionRepository.insert(tx, checked.position)
        try await Audit.record(tx, caller, action: "position.create", resource: "position", id: saved.id, after: PositionDTO(saved))
        return saved
    }

    /// Edits the charter or the reporting line; a line that would loop back is refused.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> Position {
        let before = try await get(id)
        try identity.require(.managePositions, in: before.scope)
        var position = before
        if let name = changes.name { position.name = try TenancyRules.name(name, field: "name") }
        if let reportsTo = changes.reportsToID { position.reportsToID = reportsTo }
        if let lines = changes.responsibilities { position.responsibilities = try PositionRules.charterLines(lines, field: "responsibilities") }
        if let lines = changes.authority { position.authority = try PositionRules.charterLines(lines, field: "authority") }
        if let goals = changes.goalIDs { position.goalIDs = goals }
        try await checkReferences(position)
        guard let after = try await PositionRepository.update(tx, position, expectedVersion: expectedVersion) else {
            throw DomainError.stale
        }
        try await Audit.record(
            tx, caller, action: "position.update", resource: "position", id: id, before: PositionDTO(before),
            after: PositionDTO(after))
        return after
    }

    /// The reporting line up to the top with today's holders, as far as the caller may see: positions outside
    /// their reading scope are left out.
    public func chain(from id: UUID) async throws -> [(position: Position, holders: [UUID])] {
        _ = try await get(id)
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        return try await PositionRepository.chain(tx, from: id, on: today).filter { Self.canSee(identity, $0.position) }
    }

    /// Who holds and held the position.
    public func holders(_ id: UUID) async throws -> [PositionHolding] {
        _ = try await get(id)
        return try await PositionRepository.holdings(tx, position: id)
    }

    /// A member takes up the position, from today unless a start is given.
    public func addHolder(_ id: UUID, memberID: UUID, primary: Bool?, startDate: LocalDate?, endDate: LocalDate?) async throws
        -> PositionHolding
    {
        let position = try await get(id)
        try identity.require(.managePositions, in: position.scope)
        try await GoalAccess.requireActiveMember(tx, memberID, field: "member_id")
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let start = startDate ?? today
        if let endDate, endDate < start {
            throw DomainError(.invalid, "a holding cannot end before it starts", field: "end_date")
        }
        let holding = try await PositionRepository.addHolding(
            tx, PositionHolding(id: .v7(), positionID: id, memberID: memberID, primary: primary ?? true, startDate: start, endDate: endDate))
        try await Audit.record(tx, caller, action: "position.hold", resource: "position", id: id, after: holding)
        return holding
    }

    /// Ends a holding (today unless a day is given); it stays as history.
    public func endHolder(_ id: UUID, holdingID: UUID, on endDate: LocalDate?) async throws -> PositionHolding {
        let position = try await get(id)
        try identity.require(.managePositions, in: position.scope)
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        guard let holding = try await PositionRepository.endHolding(tx, position: id, id: holdingID, on: endDate ?? today)
        else { throw DomainError(.notFound, "holding not found") }
        try await Audit.record(tx, caller, action: "position.end_holding", resource: "position", id: id, after: holding)
        return holding
    }

    private func requireScopeExists(_ scope: Scope) async throws {
        switch scope {
        case .org: return
        case .company(let id):
            guard try await CompanyRepository.get(tx, id: id) != nil else {
                throw DomainError(.invalid, "no such company in this organisation", field: "scope_id")
            }
        case .team(let id):
            guard try await TeamRepository.get(tx, id: id) != nil else {
                throw DomainError(.invalid, "no such team in this organisation", field: "scope_id")
            }
        }
    }

    /// `reports_to` names a position of this org without looping back; the owned KPIs are goals of this org. Each
    /// must be one the caller may read, else it is refused as if it did not exist.
    private func checkReferences(_ position: Position) async throws {
        if let manager = position.reportsToID {
            guard let above = try await PositionRepository.get(tx, id: manager), Self.canSee(identity, above) else {
                throw DomainError(.invalid, "no such position in this organisation", field: "reports_to")
            }
            try PositionRules.checkNoCycle(position: position.id, proposedChain: try await PositionRepository.chainIDs(tx, from: manager))
        }
        for goal in position.goalIDs where try await GoalRepository.get(tx, id: goal).map({ GoalAccess.canRead(identity, $0) }) != true {
            throw DomainError(.invalid, "no such goal in this organisation: \(goal.uuidString.lowercased())", field: "goal_ids")
        }
    }
}
