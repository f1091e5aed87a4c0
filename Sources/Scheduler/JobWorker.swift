public import Database
public import Domain
public import Foundation
public import Logging
public import ServiceLifecycle
public import Store
import Synchronization
import Metrics

/// What a handler gets: the job (with its payload) and the store to do its work in.
public struct JobContext: Sendable {
    public let job: Job
    public let store: Store
    public let logger: Logger
    /// The instant the run acts as of (`runOnce(now:)`); `nil` means the database's clock.
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

/// A named queue and how many of its jobs one worker runs at once.
public struct QueueConfiguration: Sendable {
    public var name: String
    public var concurrency: Int

    public init(name: String, concurrency: Int) {
        self.name = name
        self.concurrency = concurrency
    }
}

/// Claims jobs and runs their handlers, and ticks the schedules at every poll (DESIGN §5). Each queue has a loop that claims as many due jobs as it has
/// free slots, in one statement with `FOR UPDATE SKIP LOCKED`, whenever something may have changed: a NOTIFY from
/// an enqueue, a job of its own finishing, or the polling interval (the fallback when a notification is lost).
/// Running jobs' leases are extended by heartbeats; leases that lapsed anywhere (a killed worker) are rescued.
public final class JobWorker: Service, Sendable {
    public struct Settings: Sendable {
        /// Seconds a claim holds a job before another worker may rescue it; heartbeats extend it.
        public var lease: Double
        /// Seconds between claims when nothing wakes the loop.
        public var pollInterval: Double
        public var retry: RetryPolicy

        public init(lease: Double = 30, pollInterval: Double = 1, retry: RetryPolicy = RetryPolicy()) {
            self.lease = lease
            self.pollInterval = pollInterval
            self.retry = retry
        }
    }

    let store: Store
    let database: Database
    let queues: [QueueConfiguration]
    let handlers: [String: JobHandler]
    let settings: Settings
    let logger: Logger
    /// Leases of the jobs this worker is running, by job id.
    let running = Mutex<[UUID: UUID]>([:])
    let stopping = Mutex(false)

    public init(
        store: Store, database: Database, queues: [QueueConfiguration], handlers: [String: JobHandler],
        settings: Settings = Settings(), logger: Logger = Logger(label: "banso.worker")
    ) {
        self.store = store
        self.database = database
        self.queues = queues
        self.handlers = handlers
        self.settings = settings
        self.logger = logger
    }

    /// Runs until graceful shutdown (or cancellation); jobs already running finish first.
    public func run() async throws {
        let wakeups = queues.map { _ in AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1)) }
        let notifications = await subscribe()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for (index, queue) in queues.enumerated() {
                    let (stream, continuation) = wakeups[index]
                    group.addTask { await self.loop(queue, wakeups: stream, wake: continuation) }
                }
                // Notifications name the queue that got work.
                group.addTask {
                    for await note in notifications {
                        for (index, queue) in self.queues.enumerated() where queue.name == note.payload {
                            wakeups[index].continuation.yield()
                        }
                    }
                }
                // The polling fallback, heartbeats and rescues.
                group.addTask {
                    var ticks = 0
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(self.settings.pollInterval))
                        if Task.isCancelled { break }
                        for wakeup in wakeups { wakeup.continuation.yield() }
                        ticks += 1
                        // Orgs created since the worker started get their built-in schedules within a minute.
                        if ticks % 60 == 0 { try? await CheckInCadence.ensureSchedules(self.store) }
                        await self.tickSchedules()
                        await self.heartbeat()
                        if ticks % 5 == 0 { await self.rescue() }
                    }
                }
                await self.waitForStop()
                // The queue loops stop claiming and wait for their running jobs; the helpers are cancelled.
                for wakeup in wakeups { wakeup.continuation.finish() }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Wake-ups from enqueues. `listen` needs the database's own service running, which may start just after this
    /// one; without notifications the worker still polls, so a failure here only costs latency.
    private func subscribe() async -> AsyncStream<DatabaseNotification> {
        for _ in 0..<100 {
            if let stream = try? await database.listen("banso_jobs") { return stream }
            try? await Task.sleep(for: .milliseconds(50))
        }
        logger.warning("could not LISTEN for new jobs; polling only")
        return AsyncStream { $0.finish() }
    }

    /// Stops claiming; `run()` returns once the running jobs have finished.
    public func stop() {
        stopping.withLock { $0 = true }
    }

    private func waitForStop() async {
        while !stopping.withLock({ $0 }) && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Processes every job due at `now` (the database's clock when nil) on every queue and returns how many ran:
    /// `banso worker --once`, and tests that travel in time.
    @discardableResult
    public func runOnce(now: Date? = nil) async throws -> Int {
        try await ScheduleTicker(store: store, logger: logger).tick(now: now)
        _ = try await store.system { tx in try await JobRepository.rescueExpired(tx, now: now) }
        var total = 0
        for queue in queues {
            while true {
                let claimed = try await store.system { tx in
                    try await JobRepository.claim(tx, queue: queue.name, limit: queue.concurrency, lease: settings.lease, now: now)
                }
                if claimed.isEmpty { break }
                await withDiscardingTaskGroup { group in
                    for job in claimed { group.addTask { await self.execute(job, now: now) } }
                }
                total += claimed.count
            }
        }
        return total
    }

    /// One queue's loop: claim into free slots whenever woken; a finished job wakes it too. Jobs are run in child
    /// tasks that are not cancelled at shutdown: the loop leaves the group and the group waits for them.
    private func loop(_ queue: QueueConfiguration, wakeups: AsyncStream<Void>, wake: AsyncStream<Void>.Continuation) async {
        let inFlight = Counter()
        await withDiscardingTaskGroup { group in
            wake.yield()
            for await _ in wakeups {
                if stopping.withLock({ $0 }) { break }
                let free = queue.concurrency - inFlight.value.withLock { $0 }
                guard free > 0 else { continue }
                let claimed: [Job]
                do {
                    claimed = try await store.system { tx in
                        try await JobRepository.claim(tx, queue: queue.name, limit: free, lease: settings.lease)
                    }
                } catch {
                    logger.warning("claiming failed; retrying at the next poll", metadata: ["queue": "\(queue.name)", "error": "\(error)"])
                    continue
                }
                inFlight.value.withLock { $0 += claimed.count }
                for job in claimed {
                    group.addTask {
                        await self.execute(job, now: nil)
                        inFlight.value.withLock { $0 -= 1 }
                        wake.yield()
                    }
                }
                // A full batch means more may be waiting.
                if claimed.count == free { wake.yield() }
            }
        }
    }

    /// Runs a claimed job's handler and records the outcome under the job's lease.
    func execute(_ job: Job, now: Date?) async {
        guard let lease = job.leaseOwner else { return }
        running.withLock { $0[job.id] = lease }
        defer { running.withLock { _ = $0.removeValue(forKey: job.id) } }
        var jobLogger = logger
        jobLogger[metadataKey: "job_id"] = "\(job.id)"
        jobLogger[metadataKey: "job_kind"] = "\(job.kind)"
        if let attempted = job.attemptedAt {
            // Claim-to-start lag: how long a due job waited for a worker.
            Metrics.Timer(label: "banso_job_start_lag_seconds", dimensions: [("queue", job.queue)])
                .recordNanoseconds(Int64(max(0, attempted.timeIntervalSince(job.runAt)) * 1e9))
        }
        let started = ContinuousClock.now
        defer {
            Metrics.Timer(label: "banso_job_run_duration_seconds", dimensions: [("kind", job.kind)]).record(duration: ContinuousClock.now - started)
        }
        let outcome: (any Error)?
        if let handler = handlers[job.kind] {
            do {
                try await handler(JobContext(job: job, store: store, logger: jobLogger, now: now))
                outcome = nil
            } catch {
                outcome = error
            }
        } else {
            outcome = UnknownJobKind(kind: job.kind)
        }
        do {
            let recorded = try await store.system { tx in
                if let outcome {
                    let delay = settings.retry.delay(afterAttempt: job.attempt, random: Double.random(in: 0..<1))
                    return try await JobRepository.fail(tx, id: job.id, lease: lease, error: "\(outcome)", retryIn: delay, now: now)
                }
                return try await JobRepository.complete(tx, id: job.id, lease: lease, now: now)
            }
            if !recorded {
                jobLogger.warning("the job's lease was lost before it finished (rescued or cancelled); its outcome is not recorded")
            } else if let outcome {
                Metrics.Counter(label: "banso_job_failures_total", dimensions: [("kind", job.kind)]).increment()
                jobLogger.info("job failed; it will be retried or discarded", metadata: ["attempt": "\(job.attempt)", "error": "\(outcome)"])
            }
        } catch {
            // The lease expires and another worker rescues the job: nothing is lost.
            jobLogger.error("could not record the job's outcome", metadata: ["error": "\(error)"])
        }
    }

    private func tickSchedules() async {
        do {
            try await ScheduleTicker(store: store, logger: logger).tick()
        } catch {
            logger.warning("ticking schedules failed; retrying at the next poll", metadata: ["error": "\(error)"])
        }
    }

    private func heartbeat() async {
        let held = running.withLock { $0.map { (id: $0.key, lease: $0.value) } }
        guard !held.isEmpty else { return }
        do {
            _ = try await store.system { tx in try await JobRepository.heartbeat(tx, leases: held, extendBy: settings.lease) }
        } catch {
            logger.warning("heartbeat failed", metadata: ["error": "\(error)"])
        }
    }

    private func rescue() async {
        do {
            let rescued = try await store.system { tx in try await JobRepository.rescueExpired(tx) }
            if rescued > 0 { logger.notice("rescued jobs whose lease expired", metadata: ["count": "\(rescued)"]) }
        } catch {
            logger.warning("rescuing expired leases failed", metadata: ["error": "\(error)"])
        }
    }
}

/// A count shared by a queue loop and the jobs it started.
final class Counter: Sendable {
    let value = Mutex(0)
}

struct UnknownJobKind: Error, CustomStringConvertible {
    var kind: String
    var description: String { "no handler for job kind '\(kind)'" }
}
