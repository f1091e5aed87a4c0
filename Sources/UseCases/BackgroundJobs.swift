public import Domain
public import Foundation
public import Store

/// An org's background work as its operators see it: the jobs (with every error), retrying or cancelling one, and
/// its schedules with their recent fires. All orgs' jobs together are the platform's, not an org's operators'.
public struct BackgroundJobs: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// Jobs are an operator's: checked by every use case here, and exposed so an adapter can refuse before it
    /// reads the request.
    public static func requireManage(_ identity: Identity) throws {
        try identity.require(.manageJobs, in: .org)
    }

    /// A page of the org's jobs, newest first.
    public func list(state: Job.State?, kind: String?, before cursor: UUID?, limit: Int) async throws -> Page<Job> {
        try Self.requireManage(identity)
        return try await JobRepository.list(tx, state: state, kind: kind, before: cursor, limit: limit)
    }

    /// Runs a failed, discarded or cancelled job again now.
    public func retry(_ id: UUID) async throws -> Job {
        try await change(id, action: "job.retry") { try await JobRepository.retry(tx, id: id) }
    }

    /// Cancels a job that has not finished.
    public func cancel(_ id: UUID) async throws -> Job {
        try await change(id, action: "job.cancel") { try await JobRepository.cancel(tx, id: id) }
    }

    /// The org's schedules, each with its last twelve fires.
    public func schedules() async throws -> [(schedule: Schedule, recentFires: [ScheduleRepository.Fire])] {
        try Self.requireManage(identity)
        var items: [(schedule: Schedule, recentFires: [ScheduleRepository.Fire])] = []
        for s in try await ScheduleRepository.list(tx) {
            items.append((s, Array(try await ScheduleRepository.fires(tx, schedule: s.id).suffix(12))))
        }
        return items
    }

    /// The job must exist, and the change must be one its state allows (the repository answers `nil` otherwise).
    private func change(_ id: UUID, action: String, _ apply: () async throws -> Job?) async throws -> Job {
        try Self.requireManage(identity)
        guard let before = try await JobRepository.get(tx, id: id) else { throw DomainError(.notFound, "job not found") }
        guard let after = try await apply() else {
            throw DomainError(.conflict, "the job is \(before.state.rawValue); that cannot be done to it now", field: "state")
        }
        try await Audit.record(
            tx, caller, action: action, resource: "job", id: id,
            before: ["state": before.state.rawValue], after: ["state": after.state.rawValue])
        return after
    }
}
