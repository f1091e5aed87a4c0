public import Domain
public import Foundation
public import Store

/// Standard processes (seed 000): written by the people who manage success — a company's CS managers take part in
/// the design, so `success.manage` anywhere suffices to create and edit one — while what the whole org is measured
/// against (the org standard) and retiring a process are decisions for `success.manage` over the org. Every member
/// who reads goals reads the processes: they say who does what, by position.
public struct StandardProcesses: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var name: String
        public var summary: String
        public var isOrgStandard: Bool
        /// The first draft's steps; `nil`: an empty draft, filled in before it is published.
        public var steps: [ProcessStep]?
        public var notes: String?

        public init(name: String, summary: String, isOrgStandard: Bool, steps: [ProcessStep]?, notes: String?) {
            (self.name, self.summary, self.isOrgStandard, self.steps, self.notes) = (name, summary, isOrgStandard, steps, notes)
        }
    }

    public struct Changes: Sendable {
        public var name: String?
        public var summary: String?
        public var isOrgStandard: Bool?
        public init(name: String? = nil, summary: String? = nil, isOrgStandard: Bool? = nil) {
            (self.name, self.summary, self.isOrgStandard) = (name, summary, isOrgStandard)
        }
    }

    public func list(archived: Bool, after cursor: UUID?, limit: Int) async throws -> Page<StandardProcess> {
        try requireRead()
        return try await StandardProcessRepository.list(tx, archived: archived, after: cursor, limit: limit)
    }

    public func get(_ id: UUID, lock: Bool = false) async throws -> StandardProcess {
        guard canRead, let process = try await StandardProcessRepository.get(tx, id: id, lock: lock) else {
            throw DomainError(.notFound, "process not found")
        }
        return process
    }

    /// Creates the process with its first draft (version 1).
    public func create(_ new: New) async throws -> (process: StandardProcess, draft: ProcessVersionRepository.Stored) {
        try requireDesign()
        if new.isOrgStandard { try identity.require(.manageSuccess, in: .org) }
        let now = caller.now
        let process = try StandardProcess(
            id: .v7(), name: new.name, summary: new.summary, isOrgStandard: new.isOrgStandard, createdAt: now, updatedAt: now
        ).validated()
        var draft = ProcessVersion(id: .v7(), processID: process.id, number: 1, steps: [], notes: try ProcessVersions.notes(new.notes), createdAt: now)
        if let steps = new.steps {
            try draft.revise(steps: steps, knownPositions: try await ProcessVersions.positions(tx, steps))
        }
        if process.isOrgStandard { try await StandardProcessRepository.clearStandard(tx, except: process.id) }
        let saved = try await StandardProcessRepository.insert(tx, process, by: identity.memberID)
        let version = try await ProcessVersionRepository.insert(tx, draft, by: identity.memberID)
        try await Audit.record(tx, caller, action: "process.create", resource: "standard_process", id: saved.id, after: saved)
        return (saved, version)
    }

    /// Renames it, rewrites its summary, or makes it (or stops it being) the org's standard — the earlier standard
    /// stops being one in the same transaction, so there is never a moment with two.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> StandardProcess {
        try requireDesign()
        var process = try await get(id, lock: true)
        if let expectedVersion, expectedVersion != process.version { throw DomainError.stale }
        guard process.archivedAt == nil else { throw DomainError(.conflict, "the process is archived") }
        let before = process
        if let name = changes.name { process.name = name }
        if let summary = changes.summary { process.summary = summary }
        if let standard = changes.isOrgStandard, standard != process.isOrgStandard {
            try identity.require(.manageSuccess, in: .org)
            process.isOrgStandard = standard
            if standard { try await StandardProcessRepository.clearStandard(tx, except: id) }
        }
        process = try process.validated()
        guard let saved = try await StandardProcessRepository.update(tx, process) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "process.update", resource: "standard_process", id: id, before: before, after: saved)
        return saved
    }

    /// Archives it: its versions, adoptions and placements stay as history. Not while it is the org's standard or
    /// companies or customers are on it — they would be left on a process nobody sees in the list.
    public func archive(_ id: UUID, expectedVersion: Int?) async throws -> StandardProcess {
        try identity.require(.manageSuccess, in: .org)
        var process = try await get(id, lock: true)
        if let expectedVersion, expectedVersion != process.version { throw DomainError.stale }
        guard process.archivedAt == nil else { return process }
        guard !process.isOrgStandard else {
            throw DomainError(.conflict, "the organisation's standard process cannot be archived; make another the standard first", field: "is_org_standard")
        }
        let use = try await StandardProcessRepository.inUse(tx, id: id)
        guard use.companies == 0, use.customers == 0 else {
            throw DomainError(.conflict, "companies or customers are on this process; move them to another first")
        }
        let before = process
        process.archivedAt = caller.now
        guard let saved = try await StandardProcessRepository.update(tx, process) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "process.archive", resource: "standard_process", id: id, before: before, after: saved)
        return saved
    }

    var canRead: Bool { identity.authorizer.canSomewhere(identity.actor, .readGoals, within: .org) }

    func requireRead() throws {
        guard canRead else { throw DomainError(.forbidden, "you may not read the organisation's processes", permission: Permission.readGoals.rawValue) }
    }

    /// `success.manage` somewhere in the org.
    func requireDesign() throws {
        guard identity.authorizer.canSomewhere(identity.actor, .manageSuccess, within: .org) else {
            throw DomainError(.forbidden, "only those who manage success define processes", permission: Permission.manageSuccess.rawValue)
        }
    }
}
