public import Database
public import Domain
public import Foundation
public import Logging
public import ServiceLifecycle
public import Store
import Synchronization
import Metrics

/// Claims jobs and runs their handlers, and ticks the schedules at every poll (DESIGN §5). Each queue has a loop that claims as many due jobs as it has
/// free slots, in one statement with `FOR UPDATE SKIP LOCKED`, whenever something may have changed: a NOTIFY from
/// an enqueue, a job of its own finishing, or the polling interval (the fallback when a notification is lost).
/// Running jobs' leases are extended by heartbeats; leases that lapsed anywhere (a killed worker) are rescued.
///
/// A job that succeeded waits in the ``CompletionBuffer`` (see ``Slots`` for what it holds meanwhile) until one task
/// records it: that task
/// marks everything buffered completed in one statement, each job under its own lease, and whatever finishes while
/// that statement is in flight goes in the next one — so at low load a completion is recorded as soon as it
/// happens, and at high load one statement records many instead of a transaction each. Failures are recorded one
/// by one, as they happen.
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
    /// Leases of the jobs this worker holds — running, or finished and waiting in `completions` — by job id.
    let running = Mutex<[UUID: UUID]>([:])
    let stopping = Mutex(false)
    let completions = CompletionBuffer()

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
        let slots = queues.map { _ in Slots() }
        let notifications = await subscribe()
        await withGracefulShutdownHandler {
          await withDiscardingTaskGroup { outer in
            // Records finished jobs, as many per statement as finished while the previous one was in flight. It
            // outlives the queue loops (their last jobs wait for it) and ends when they have all returned.
            outer.addTask { await self.recordCompletions() }
            await withDiscardingTaskGroup { group in
                for (index, queue) in queues.enumerated() {
                    let (stream, continuation) = wakeups[index]
                    group.addTask { await self.loop(queue, slots: slots[index], wakeups: stream, wake: continuation) }
                }
                // Notifications name the queue that got work.
                group.addTask {
                    for await note in notifications {
                        for (index, queue) in self.queues.enumerated() where queue.name == note.payload {
                            slots[index].workMayBeWaiting()
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
                        for (index, wakeup) in wakeups.enumerated() {
                            slots[index].workMayBeWaiting()
                            wakeup.continuation.yield()
                        }
                        ticks += 1
                        // Orgs created since the worker started get their built-in schedules within a minute.
                        if ticks % 60 == 0 { try? await BuiltInSchedules.ensure(self.store) }
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
            // Every job has finished and been recorded.
            self.completions.finish()
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
        // A run "as of" an instant acts as of it throughout: its transactions pin that instant for banso_now().
        let store = now.map(self.store.pinned(at:)) ?? self.store
        try await ScheduleTicker(store: store, logger: logger).tick(now: now)
        _ = try await store.system { tx in try await JobRepository.rescueExpired(tx, now: now) }
        var total = 0
        // A job that fails runs again after its backoff, not within this run, however slow the run is (a busy
        // machine can take longer than the backoff). Only failures are kept: successes are never claimable again,
        // and jobs that jobs enqueue still run in this run.
        var failed: [UUID] = []
        for queue in queues {
            while true {
                let exclude = failed
                let claimed = try await store.system { tx in
                    try await JobRepository.claim(
                        tx, queue: queue.name, limit: queue.concurrency, lease: settings.lease, perOrg: queue.perOrg, now: now,
                        excluding: exclude)
                }
                if claimed.isEmpty { break }
                // The batch's successes are recorded together, in one statement, once the batch has run.
                let succeeded = await withTaskGroup(of: Completion?.self) { group in
                    for job in claimed { group.addTask { await self.execute(job, now: now) } }
                    return await group.reduce(into: [Completion]()) { if let done = $1 { $0.append(done) } }
                }
                if await !record(succeeded, now: now) { letGo(succeeded) }
                let done = Set(succeeded.map(\.id))
                failed += claimed.map(\.id).filter { !done.contains($0) }
                total += claimed.count
            }
        }
        return total
    }

    /// One queue's loop: claim into free slots whenever woken; a finished job wakes it too. Jobs are run in child
    /// tasks that are not cancelled at shutdown: the loop leaves the group and the group waits for them.
    ///
    /// A short job's finish claims only once half the slots are free (or none is busy), so that a stream of short
    /// jobs is claimed in batches rather than one statement per job; a NOTIFY, the poll, or the end of a job that
    /// ran 5 ms or more claims into any free slot at once. (While long jobs hold more than half the slots, a slot
    /// that a short job freed waits for the next such event — at most the poll interval.)
    private func loop(_ queue: QueueConfiguration, slots: Slots, wakeups: AsyncStream<Void>, wake: AsyncStream<Void>.Continuation) async {
        await withDiscardingTaskGroup { group in
            slots.workMayBeWaiting()
            wake.yield()
            for await _ in wakeups {
                if stopping.withLock({ $0 }) { break }
                let free = slots.free(concurrency: queue.concurrency)
                guard free > 0 else { continue }
                guard slots.takeWorkMayBeWaiting() || free >= max(1, queue.concurrency / 2) || slots.isIdle else { continue }
                let claimed: [Job]
                do {
                    claimed = try await store.system { tx in
                        try await JobRepository.claim(tx, queue: queue.name, limit: free, lease: settings.lease, perOrg: queue.perOrg)
                    }
                } catch {
                    logger.warning("claiming failed; retrying at the next poll", metadata: ["queue": "\(queue.name)", "error": "\(error)"])
                    continue
                }
                slots.claimed(claimed.count)
                for job in claimed {
                    group.addTask {
                        let started = ContinuousClock.now
                        let done = await self.execute(job, now: nil)
                        slots.ran(succeeded: done != nil)
                        // A slot freed by a job that took a while is refilled at once: coalescing is for short jobs.
                        if ContinuousClock.now - started >= .milliseconds(5) { slots.workMayBeWaiting() }
                        wake.yield()
                        if let done {
                            await self.completions.record(done)
                            slots.recorded()
                            wake.yield()
                        }
                    }
                }
                // A full batch means more may be waiting: look again (claiming once half the slots are free).
                if claimed.count == free { wake.yield() }
            }
        }
    }

    /// Runs a claimed job's handler. A failure is recorded here, under the job's lease; a success is returned for
    /// the caller to record (``record(_:now:)``), and until then the job's lease stays in `running`, heartbeats
    /// and all.
    func execute(_ job: Job, now: Date?) async -> Completion? {
        guard let lease = job.leaseOwner else { return nil }
        running.withLock { $0[job.id] = lease }
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
        let outcome: any Error
        if let handler = handlers[job.kind] {
            do {
                let store = now.map(self.store.pinned(at:)) ?? self.store
                try await handler(JobContext(job: job, store: store, logger: jobLogger, now: now))
                return Completion(id: job.id, lease: lease, kind: job.kind)
            } catch {
                outcome = error
            }
        } else {
            outcome = UnknownJobKind(kind: job.kind)
        }
        defer { running.withLock { _ = $0.removeValue(forKey: job.id) } }
        do {
            let recorded = try await store.system { tx in
                let delay = settings.retry.delay(afterAttempt: job.attempt, random: Double.random(in: 0..<1))
                return try await JobRepository.fail(tx, id: job.id, lease: lease, error: "\(outcome)", retryIn: delay, now: now)
            }
            if !recorded {
                jobLogger.warning("the job's lease was lost before it finished (rescued or cancelled); its outcome is not recorded")
            } else {
                Metrics.Counter(label: "banso_job_failures_total", dimensions: [("kind", job.kind)]).increment()
                jobLogger.info("job failed; it will be retried or discarded", metadata: ["attempt": "\(job.attempt)", "error": "\(outcome)"])
            }
        } catch {
            // The lease expires and another worker rescues the job: nothing is lost.
            jobLogger.error("could not record the job's outcome", metadata: ["error": "\(error)"])
        }
        return nil
    }

    /// The recording task: takes what is buffered (up to 1,000 at once), records it, lets its jobs go, and waits
    /// for more, until the buffer is finished. A statement that fails (a deadlock, a lost connection) is tried three
    /// times; after that the jobs are let go unrecorded, their leases lapse and they are rescued and run again.
    func recordCompletions() async {
        while let batch = await completions.next(upTo: 1000) {
            let finished = batch.map(\.completion)
            var recorded = false
            for attempt in 1...3 {
                recorded = await record(finished, now: nil)
                if recorded { break }
                if attempt < 3 { try? await Task.sleep(for: .milliseconds(50 * attempt)) }
            }
            if !recorded { letGo(finished) }
            for waiting in batch { waiting.continuation.resume() }
        }
    }

    /// Marks finished jobs completed in one statement, each under its lease, and lets go of their leases; `false`
    /// when the statement failed (the leases are kept, so heartbeats go on). A job whose lease was lost meanwhile
    /// is left to its new owner. One that is never recorded keeps its `running` row until the lease expires and is
    /// rescued — handlers are idempotent, so it runs again.
    @discardableResult
    func record(_ batch: [Completion], now: Date?) async -> Bool {
        guard !batch.isEmpty else { return true }
        do {
            let recorded = try await store.system { tx in
                try await JobRepository.complete(tx, batch.map { (id: $0.id, lease: $0.lease) }, now: now)
            }
            if recorded.count < batch.count {
                let marked = Set(recorded)
                for done in batch where !marked.contains(done.id) {
                    logger.warning(
                        "the job's lease was lost before it finished (rescued or cancelled); its outcome is not recorded",
                        metadata: ["job_id": "\(done.id)", "job_kind": "\(done.kind)"])
                }
            }
        } catch {
            logger.error("could not record finished jobs", metadata: ["count": "\(batch.count)", "error": "\(error)"])
            return false
        }
        letGo(batch)
        return true
    }

    /// Stops heartbeating finished jobs: recorded, or given up on (their leases will lapse).
    private func letGo(_ batch: [Completion]) {
        running.withLock { held in for done in batch { held.removeValue(forKey: done.id) } }
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
