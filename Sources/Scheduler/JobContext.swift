public import Domain
public import Foundation
public import Logging
public import Store

/// What a handler gets: the job (with its payload) and the store to do its work in.
public struct JobContext: Sendable {
    public let job: Job
    public let store: Store
    public let logger: Logger
    /// The instant the run acts as of (`runOnce(now:)`, whose store is pinned to it); `nil` means the store's clock.
    public let now: Date?

    public init(job: Job, store: Store, logger: Logger, now: Date? = nil) {
        self.job = job
        self.store = store
        self.logger = logger
        self.now = now
    }
}

/// Runs one kind of job. Handlers are idempotent: a job whose worker died after the work but before completing
/// it runs again.
public typealias JobHandler = @Sendable (JobContext) async throws -> Void
