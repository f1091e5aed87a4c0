public import Domain
public import Foundation
public import Store

/// A process's versions: one draft at a time, edited until it is published, then frozen (``ProcessVersion``). A
/// new draft starts from the latest version's steps, so a change is written as a difference from what runs.
public struct ProcessVersions: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }
    var processes: StandardProcesses { StandardProcesses(tx, caller) }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public func list(_ processID: UUID) async throws -> [ProcessVersionRepository.Stored] {
        let process = try await processes.get(processID)
        return try await ProcessVersionRepository.list(tx, process: process.id)
    }

    public func get(_ processID: UUID, number: Int) async throws -> ProcessVersionRepository.Stored {
        let process = try await processes.get(processID)
        guard let found = try await ProcessVersionRepository.get(tx, process: process.id, number: number) else {
            throw DomainError(.notFound, "process version not found")
        }
        return found
    }

    /// A new draft numbered after the latest version, from its steps (an empty one for a process without versions).
    public func draft(_ processID: UUID) async throws -> ProcessVersionRepository.Stored {
        try processes.requireDesign()
        let process = try await processes.get(processID, lock: true)
        guard process.archivedAt == nil else { throw DomainError(.conflict, "the process is archived") }
        let draft: ProcessVersion
        if let latest = try await ProcessVersionRepository.latest(tx, process: process.id) {
            guard latest.version.isPublished else {
                throw DomainError(.conflict, "version \(latest.version.number) is still a draft; edit it or publish it", field: "version")
            }
            draft = latest.version.nextDraft(id: .v7(), at: caller.now)
        } else {
            draft = ProcessVersion(id: .v7(), processID: process.id, number: 1, steps: [], createdAt: caller.now)
        }
        let saved = try await ProcessVersionRepository.insert(tx, draft, by: identity.memberID)
        try await Audit.record(tx, caller, action: "process_version.draft", resource: "process_version", id: saved.version.id, after: saved.version)
        return saved
    }

    /// Rewrites a draft's steps and notes; a published version answers `conflict`.
    public func revise(_ processID: UUID, number: Int, steps: [ProcessStep], notes: String?, expectedRevision: Int?) async throws
        -> ProcessVersionRepository.Stored
    {
        try processes.requireDesign()
        let (process, stored) = try await locked(processID, number: number)
        guard process.archivedAt == nil else { throw DomainError(.conflict, "the process is archived") }
        if let expectedRevision, expectedRevision != stored.revision, !stored.version.isPublished { throw DomainError.stale }
        var version = stored.version
        try version.revise(steps: steps, knownPositions: try await Self.positions(tx, steps))
        version.notes = try Self.notes(notes)
        guard let saved = try await ProcessVersionRepository.saveDraft(tx, version, revision: stored.revision, by: identity.memberID) else {
            throw DomainError.stale
        }
        try await Audit.record(
            tx, caller, action: "process_version.revise", resource: "process_version", id: version.id, before: stored.version, after: saved.version)
        return saved
    }

    /// Publishes the draft: from now on companies may adopt it and customers be placed on it, and it never changes.
    public func publish(_ processID: UUID, number: Int, expectedRevision: Int?) async throws -> ProcessVersionRepository.Stored {
        try processes.requireDesign()
        let (process, stored) = try await locked(processID, number: number)
        guard process.archivedAt == nil else { throw DomainError(.conflict, "the process is archived") }
        if let expectedRevision, expectedRevision != stored.revision, !stored.version.isPublished { throw DomainError.stale }
        var version = stored.version
        try version.publish(at: caller.now, knownPositions: try await Self.positions(tx, version.steps))
        guard let saved = try await ProcessVersionRepository.saveDraft(tx, version, revision: stored.revision, by: identity.memberID) else {
            throw DomainError.stale
        }
        try await WebhookRepository.emit(
            tx,
            WebhookEvent(
                id: .v7(), type: "process.version_published", occurredAt: caller.now,
                data: try ProcessEvents.data(["process_id": process.id.uuidString.lowercased(), "version": String(version.number)]),
                textJa: "標準プロセス「\(process.name)」のバージョン \(version.number) が公開されました",
                textEn: "Version \(version.number) of the standard process “\(process.name)” was published"))
        try await Audit.record(
            tx, caller, action: "process_version.publish", resource: "process_version", id: version.id, before: stored.version, after: saved.version)
        return saved
    }

    private func locked(_ processID: UUID, number: Int) async throws -> (StandardProcess, ProcessVersionRepository.Stored) {
        let process = try await processes.get(processID, lock: true)
        guard let stored = try await ProcessVersionRepository.get(tx, process: process.id, number: number, lock: true) else {
            throw DomainError(.notFound, "process version not found")
        }
        return (process, stored)
    }

    /// The org's positions among those the steps name: any other is unknown to this org and refused at its field.
    static func positions(_ tx: TenantTransaction, _ steps: [ProcessStep]) async throws -> Set<UUID> {
        let named = steps.flatMap { $0.raci.responsible + $0.raci.accountable + $0.raci.consulted + $0.raci.informed }
        return try await ProcessPositionRepository.known(tx, Array(Set(named)))
    }

    static func notes(_ text: String?) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= 2000 else { throw DomainError(.invalid, "a version's notes are at most 2000 characters", field: "notes") }
        return text
    }
}
