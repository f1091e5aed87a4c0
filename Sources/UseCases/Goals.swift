public import Domain
public import Foundation
public import Store

/// Goals in the KGI → KSF → KPI tree: read, create, edit, move, archive, copy into another period. Each use case
/// checks the caller's right to the goal (and, where a change reaches further, to the parent or subtree), runs the
/// goal checks and audits, in the caller's transaction.
///
/// A create and a copy come in two steps — checked, then written — so the API can put its `Idempotency-Key`
/// replay between them, after the checks as it always was; the written step takes only what the checked step
/// returns, so the checks cannot be skipped.
public struct Goals: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What a new goal is made of; what is left out is derived (scope from the team or company, owner the caller).
    public struct New: Sendable {
        public var kind: Goal.Kind
        public var parentID: UUID?
        public var title: String
        public var description: String?
        public var ownerID: UUID?
        public var scope: Goal.ScopeKind?
        public var companyID: UUID?
        public var teamID: UUID?
        public var period: String
        public var metric: String?
        public var unit: String?
        public var baseline: Double?
        public var target: Double?
        public var direction: Goal.Direction?
        public var dueDate: LocalDate?
        public var cadence: Cadence?
        public var weight: Double?
        /// A KPI bound to a computed metric (GRR, NRR, NPS, A/B share) fills its check-ins' actual by itself.
        public var boundMetric: BoundMetric?

        public init(
            kind: Goal.Kind, parentID: UUID?, title: String, description: String?, ownerID: UUID?, scope: Goal.ScopeKind?,
            companyID: UUID?, teamID: UUID?, period: String, metric: String?, unit: String?, baseline: Double?,
            target: Double?, direction: Goal.Direction?, dueDate: LocalDate?, cadence: Cadence?, weight: Double?,
            boundMetric: BoundMetric? = nil
        ) {
            self.boundMetric = boundMetric
            (self.kind, self.parentID, self.title, self.description, self.ownerID) = (kind, parentID, title, description, ownerID)
            (self.scope, self.companyID, self.teamID, self.period) = (scope, companyID, teamID, period)
            (self.metric, self.unit, self.baseline, self.target) = (metric, unit, baseline, target)
            (self.direction, self.dueDate, self.cadence, self.weight) = (direction, dueDate, cadence, weight)
        }
    }

    /// An edit: `nil` leaves a field alone; for the nullable ones `.some(nil)` clears it.
    public struct Changes: Sendable {
        public var title: String?
        public var description: String??
        public var ownerID: UUID?
        public var period: String?
        public var metric: String??
        public var unit: String??
        public var baseline: Double??
        public var target: Double??
        public var direction: Goal.Direction?
        public var dueDate: LocalDate??
        public var cadence: Cadence?
        public var weight: Double?
        public var status: Goal.Status?
        /// `.some(nil)` unbinds the KPI.
        public var boundMetric: BoundMetric??

        public init(
            title: String?, description: String??, ownerID: UUID?, period: String?, metric: String??, unit: String??,
            baseline: Double??, target: Double??, direction: Goal.Direction?, dueDate: LocalDate??, cadence: Cadence?,
            weight: Double?, status: Goal.Status?, boundMetric: BoundMetric?? = nil
        ) {
            self.boundMetric = boundMetric
            (self.title, self.description, self.ownerID, self.period) = (title, description, ownerID, period)
            (self.metric, self.unit, self.baseline, self.target) = (metric, unit, baseline, target)
            (self.direction, self.dueDate, self.cadence, self.weight, self.status) = (direction, dueDate, cadence, weight, status)
        }
    }

    /// A goal with its SMART check, and what the org does with a failing one.
    public struct Checked: Sendable {
        public let goal: Goal
        public let smart: SmartCheck
        public let mode: GoalSettings.SmartMode
    }

    /// A copy that passed its checks: the subtree's root, the period it goes into, the org's facts.
    public struct CopyPlan: Sendable {
        public let root: Goal
        public let target: FiscalPeriod
        let facts: OrgFacts
    }

    /// A goal the caller may read.
    public func get(_ id: UUID) async throws -> Goal {
        try await readable(id)
    }

    /// The goal's SMART check, per letter, in the caller's language.
    public func smart(_ id: UUID) async throws -> (SmartCheck, GoalSettings.SmartMode) {
        let goal = try await readable(id)
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        return (try await GoalChecks.smart(tx, goal: goal, facts: facts, locale: facts.locale), facts.settings.smartMode)
    }

    /// Checks a new goal: its references, the caller's right to write it, the goal checks. Nothing is written.
    public func check(_ new: New) async throws -> Checked {
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        var goal = try await build(new, facts: facts)
        goal.boundMetric = new.boundMetric
        try BoundMetrics.requireBindable(goal)
        goal.fillBoundDefaults(facts.locale)
        try GoalAccess.requireWrite(identity, goal)
        let smart = try await validate(goal, facts: facts)
        return Checked(goal: goal, smart: smart, mode: facts.settings.smartMode)
    }

    /// Writes a checked new goal.
    public func create(_ checked: Checked) async throws -> Goal {
        let saved = try await GoalRepository.insert(tx, checked.goal)
        try await Audit.record(tx, caller, action: "goal.create", resource: "goal", id: saved.id, after: saved)
        return saved
    }

    /// Edits a goal; an archived one is refused, and so is a change the caller could not write afterwards.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> Checked {
        let before = try await readable(id)
        try GoalAccess.requireWrite(identity, before)
        guard !before.isArchived else {
            throw DomainError(.conflict, "the goal is archived; copy it into a new period instead", field: "status")
        }
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        var goal = before
        if let title = changes.title { goal.title = try GoalRules.title(title) }
        goal.description = changes.description ?? goal.description
        if let owner = changes.ownerID {
            try await GoalAccess.requireActiveMember(tx, owner, field: "owner_id")
            goal.ownerID = owner
        }
        if let period = changes.period { goal.period = try facts.period(period) }
        goal.metric = changes.metric ?? goal.metric
        goal.unit = changes.unit ?? goal.unit
        goal.baseline = changes.baseline ?? goal.baseline
        goal.target = changes.target ?? goal.target
        goal.direction = changes.direction ?? goal.direction
        goal.dueDate = changes.dueDate ?? goal.dueDate
        // A new cadence waits for the current period to end, so its check-in is neither lost nor doubled.
        if let cadence = changes.cadence, cadence != goal.cadence { goal.changeCadence(to: cadence, today: facts.today) }
        goal.weight = changes.weight ?? goal.weight
        goal.boundMetric = changes.boundMetric ?? goal.boundMetric
        try BoundMetrics.requireBindable(goal)
        goal.fillBoundDefaults(facts.locale)
        if let status = changes.status {
            guard status != .archived else {
                throw DomainError(.invalid, "archive with POST /v1/goals/{id}/archive, which takes the subtree along", field: "status")
            }
            goal.status = status
        }
        // Someone handing a goal to another owner must be able to write it afterwards too.
        try GoalAccess.requireWrite(identity, goal)
        let smart = try await validate(goal, facts: facts)
        if goal.period != before.period {
            try await GoalAccess.requireChildrenInside(tx, goal: goal)
        }
        guard let after = try await GoalRepository.update(tx, goal, expectedVersion: expectedVersion) else {
            throw DomainError.stale
        }
        try await Audit.record(tx, caller, action: "goal.update", resource: "goal", id: id, before: before, after: after)
        return Checked(goal: after, smart: smart, mode: facts.settings.smartMode)
    }

    /// Moves a goal and its subtree under another parent (`nil`: to the top); attaching under a goal takes the
    /// right to manage that goal, not just to own it.
    public func move(_ id: UUID, under parentID: UUID?) async throws -> Goal {
        let before = try await readable(id)
        try GoalAccess.requireWrite(identity, before)
        var goal = before
        goal.parentID = parentID
        if let parentID {
            let subtree = try await GoalRepository.subtreeIDs(tx, of: id)
            if subtree.contains(parentID) {
                throw DomainError(.invalid, "a goal cannot move under itself or its own subtree", field: "parent_id")
            }
            if let parent = try await GoalRepository.get(tx, id: parentID) {
                try GoalAccess.requireWrite(identity, parent, ownOK: false, orManage: true)
            }
        }
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        _ = try await validate(goal, facts: facts)
        guard let after = try await GoalRepository.update(tx, goal, expectedVersion: nil) else {
            throw DomainError(.notFound, "goal not found")
        }
        try await Audit.record(
            tx, caller, action: "goal.move", resource: "goal", id: id,
            before: ["parent_id": before.parentID?.uuidString.lowercased()], after: ["parent_id": after.parentID?.uuidString.lowercased()])
        return after
    }

    /// Archives a goal and its subtree; the ids archived.
    public func archive(_ id: UUID) async throws -> [UUID] {
        let goal = try await readable(id)
        try GoalAccess.requireWrite(identity, goal)
        let subtree = try await GoalRepository.subtree(tx, of: id)
        // Archiving someone else's goals along with one's own takes the right to manage them.
        for child in subtree where child.ownerID != identity.memberID { try GoalAccess.requireWrite(identity, child) }
        let archived = try await GoalRepository.archiveSubtree(tx, of: id)
        try await Audit.record(
            tx, caller, action: "goal.archive", resource: "goal", id: id,
            after: ["archived": archived.map { $0.uuidString.lowercased() }])
        return archived
    }

    /// Checks a copy of a goal's subtree into `period` (default: the next one of the same kind). Nothing is written.
    public func checkCopy(_ id: UUID, into period: String?) async throws -> CopyPlan {
        let root = try await readable(id)
        let facts = try await OrgFacts.load(tx, reader: identity.memberID)
        let target = try period.map { try facts.period($0) } ?? root.period.next
        guard target.kind == root.period.kind else {
            throw DomainError(.invalid, "copy into a period of the same kind as \(root.period)", field: "period")
        }
        return CopyPlan(root: root, target: target, facts: facts)
    }

    /// Copies the subtree as planned; each copy is checked against the caller's rights as it is written.
    /// - Parameter parent: the new root's parent: `nil` under the old parent when its period holds the new one,
    ///   `.some(nil)` at the top.
    public func copy(_ plan: CopyPlan, parent: UUID??) async throws -> (root: Goal, copied: Int) {
        let copier = GoalCopier(tx: tx, identity: identity, facts: plan.facts)
        let (newRoot, count) = try await copier.copy(root: plan.root, into: plan.target, parent: parent)
        try await Audit.record(
            tx, caller, action: "goal.copy", resource: "goal", id: newRoot.id,
            after: ["copied_from": plan.root.id.uuidString.lowercased(), "count": String(count), "period": plan.target.description])
        return (newRoot, count)
    }

    private func readable(_ id: UUID) async throws -> Goal {
        guard let goal = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, goal) else {
            throw DomainError(.notFound, "goal not found")
        }
        return goal
    }

    private func validate(_ goal: Goal, facts: OrgFacts) async throws -> SmartCheck {
        try await GoalChecks.validate(tx, goal: goal, facts: facts, locale: facts.locale, canRead: { GoalAccess.canRead(identity, $0) })
    }

    /// A new goal: scope filled in from the team, owner defaulting to the caller.
    private func build(_ new: New, facts: OrgFacts) async throws -> Goal {
        let title = try GoalRules.title(new.title)
        let period = try facts.period(new.period)
        var companyID = new.companyID
        if let teamID = new.teamID {
            guard let team = try await TeamRepository.get(tx, id: teamID) else {
                throw DomainError(.invalid, "no such team in this organisation", field: "team_id")
            }
            if let companyID, companyID != team.companyID {
                throw DomainError(.invalid, "the team belongs to another company", field: "team_id")
            }
            companyID = team.companyID
        } else if let company = companyID {
            guard try await CompanyRepository.get(tx, id: company) != nil else {
                throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
            }
        }
        let owner = new.ownerID ?? identity.memberID
        try await GoalAccess.requireActiveMember(tx, owner, field: "owner_id")
        let scope = new.scope ?? (new.teamID != nil ? .team : companyID != nil ? .company : .org)
        let now = caller.now
        return Goal(
            id: .v7(), kind: new.kind, parentID: new.parentID, title: title,
            description: new.description?.trimmingCharacters(in: .whitespacesAndNewlines), ownerID: owner,
            scopeKind: scope, companyID: companyID, teamID: new.teamID, period: period,
            metric: new.metric?.trimmingCharacters(in: .whitespaces), unit: new.unit?.trimmingCharacters(in: .whitespaces),
            baseline: new.baseline, target: new.target, direction: new.direction ?? .up, dueDate: new.dueDate,
            status: .active, cadence: new.cadence ?? .monthly, weight: new.weight ?? 1, copiedFromID: nil,
            createdAt: now, updatedAt: now, version: 1)
    }
}
