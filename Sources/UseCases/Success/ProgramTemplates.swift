public import Domain
public import Foundation
public import Store

/// Success-program templates: an org-wide plan (months, hour budget, sessions by month) that managers and CS ops
/// (`success.manage`) write and everyone who reads customers may use. Deleting one archives it: enrolments keep
/// pointing at it, and their months and budget were copied when they began.
public struct ProgramTemplates: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var name: String
        public var months: Int?
        public var monthlyBudgetMinutes: Int?
        /// `nil`: seed 002's standard plan for the months.
        public var sessions: [ProgramTemplate.PlannedSession]?

        public init(name: String, months: Int?, monthlyBudgetMinutes: Int?, sessions: [ProgramTemplate.PlannedSession]?) {
            (self.name, self.months, self.monthlyBudgetMinutes, self.sessions) = (name, months, monthlyBudgetMinutes, sessions)
        }
    }

    public struct Changes: Sendable {
        public var name: String?
        public var months: Int?
        public var monthlyBudgetMinutes: Int?
        public var sessions: [ProgramTemplate.PlannedSession]?
        public init() {}
    }

    public func list(archived: Bool, after cursor: UUID?, limit: Int) async throws -> Page<ProgramTemplate> {
        try requireRead()
        return try await ProgramTemplateRepository.list(tx, archived: archived, after: cursor, limit: limit)
    }

    public func get(_ id: UUID) async throws -> ProgramTemplate {
        try requireRead()
        guard let template = try await ProgramTemplateRepository.get(tx, id: id) else { throw Self.notFound }
        return template
    }

    public func create(_ new: New) async throws -> ProgramTemplate {
        try requireManage()
        let months = new.months ?? ProgramTemplate.defaultMonths
        let template = try ProgramTemplate(
            id: .v7(), name: new.name, months: months,
            monthlyBudgetMinutes: new.monthlyBudgetMinutes ?? ProgramTemplate.defaultMonthlyBudgetMinutes,
            sessions: new.sessions ?? ProgramTemplate.standardSessions(months: (1...12).contains(months) ? months : 1),
            createdAt: caller.now, updatedAt: caller.now
        ).validated()
        let saved = try await ProgramTemplateRepository.insert(tx, template)
        try await Audit.record(tx, caller, action: "program_template.create", resource: "program_template", id: saved.id, after: saved)
        return saved
    }

    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> ProgramTemplate {
        try requireManage()
        guard let current = try await ProgramTemplateRepository.get(tx, id: id, lock: true) else { throw Self.notFound }
        if let expectedVersion, expectedVersion != current.version { throw DomainError.stale }
        guard current.archivedAt == nil else { throw DomainError(.conflict, "the template is archived") }
        var next = current
        if let name = changes.name { next.name = name }
        if let months = changes.months { next.months = months }
        if let budget = changes.monthlyBudgetMinutes { next.monthlyBudgetMinutes = budget }
        if let sessions = changes.sessions { next.sessions = sessions }
        next = try next.validated()
        guard let saved = try await ProgramTemplateRepository.update(tx, next) else { throw DomainError.stale }
        try await Audit.record(
            tx, caller, action: "program_template.update", resource: "program_template", id: id, before: current, after: saved)
        return saved
    }

    /// Archives it: no new enrolment may use it; running ones are unaffected.
    public func archive(_ id: UUID, expectedVersion: Int?) async throws {
        try requireManage()
        guard var template = try await ProgramTemplateRepository.get(tx, id: id, lock: true) else { throw Self.notFound }
        if let expectedVersion, expectedVersion != template.version { throw DomainError.stale }
        guard template.archivedAt == nil else { return }
        let before = template
        template.archivedAt = caller.now
        guard let saved = try await ProgramTemplateRepository.update(tx, template) else { throw DomainError.stale }
        try await Audit.record(
            tx, caller, action: "program_template.archive", resource: "program_template", id: id, before: before, after: saved)
    }

    static let notFound = DomainError(.notFound, "program template not found")

    /// Templates are the org's plan, read by whoever works with customers.
    func requireRead() throws {
        guard identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: .org) else {
            throw DomainError(.forbidden, "you may not read success programs", permission: Permission.readCustomers.rawValue)
        }
    }

    /// Managers and CS ops (`success.manage`, wherever they hold it) shape the org's programs.
    func requireManage() throws {
        guard identity.authorizer.canSomewhere(identity.actor, .manageSuccess, within: .org) else {
            throw DomainError(.forbidden, "only managers and CS ops edit program templates", permission: Permission.manageSuccess.rawValue)
        }
    }
}
