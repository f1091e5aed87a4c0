import ArgumentParser
import Database
import Domain
import Foundation
import Logging
import Scheduler
import Store
import Synchronization

/// `banso-bench bench-scheduler throughput|latency|fanout`: the Swift half of `scripts/bench scheduler` (the
/// script's header describes the protocol and the peer), printing one line of JSON. It drives the `JobWorker`
/// itself and empties the job table of the URL it is given, so it lives in the benchmark binary, never in the
/// server's.
struct BenchScheduler: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-scheduler", abstract: "The job queue's benchmark (scripts/bench scheduler).", shouldDisplay: false)

    @Argument(help: "throughput, latency or fanout") var mode: String
    @Option(help: "The database URL.") var url: String
    @Option(help: "Job slots of the worker.") var workers: Int?
    @Option(help: "Jobs to run.") var jobs: Int?
    @Option(help: "Jobs per enqueue transaction (throughput).") var batch = 500
    @Option(help: "Warm-up jobs (throughput).") var warmup = 2000
    @Option(name: .customLong("interval-ms"), help: "Milliseconds between jobs (latency).") var intervalMs = 20
    @Option(help: "The instant the fan-out fires at (fanout).") var at = "2026-12-01T09:00:00+09:00"
    @Option(help: "The worker's concurrency (fanout).") var concurrency = 10

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        switch mode {
        case "throughput":
            try await SchedulerBenchmark.throughput(url: url, workers: workers ?? 16, jobs: jobs ?? 20000, batch: batch, warmup: warmup)
        case "latency":
            try await SchedulerBenchmark.latency(url: url, workers: workers ?? 4, jobs: jobs ?? 300, intervalMs: intervalMs)
        case "fanout":
            guard let instant = try? Date.ISO8601FormatStyle().parse(at) else {
                throw ValidationError("--at: \"\(at)\" is not an ISO 8601 instant such as 2026-12-01T09:00:00+09:00")
            }
            try await SchedulerBenchmark.fanout(url: url, at: instant, concurrency: concurrency)
        default:
            throw ValidationError("mode must be throughput, latency or fanout, not \(mode)")
        }
    }
}


/// "Workers" are the concurrent job slots of one `JobWorker` (its queue's `concurrency`): that is how Banso is
/// deployed (one worker service per process, its slots running handlers as child tasks), and it is the same knob
/// pgqueuer's peer run turns (at most N jobs of the entrypoint running at once, in one process).
enum SchedulerBenchmark {
    static let queue = "bench"

    /// A worker whose logs go to stderr at warning and above, so stdout carries only the JSON answer.
    static func quietLogger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }

    /// Throughput of the whole pipeline: a producer (its own pool, as an application would be) enqueues `jobs` no-op
    /// jobs in transactions of `batch` (one multi-row enqueue each, as pgqueuer's peer does) while the worker runs with `workers` slots; the clock runs from the first
    /// enqueue to the moment the database shows every job completed. A warm-up of `warmup` jobs runs first and is
    /// truncated away.
    static func throughput(url: String, workers: Int, jobs: Int, batch: Int, warmup: Int) async throws {
        let db = Database(configuration: DatabaseConfiguration(url: url, poolSize: 10, applicationName: "banso-bench-worker"))
        let producerDB = Database(configuration: DatabaseConfiguration(url: url, poolSize: 2, applicationName: "banso-bench-producer"))
        defer {
            db.close()
            producerDB.close()
        }
        let store = Store(database: db, clock: .live)
        let producer = Store(database: producerDB, clock: .live)
        let handled = Atomic<Int>(0)
        let worker = JobWorker(
            store: store, database: db, queues: [QueueConfiguration(name: queue, concurrency: workers)],
            handlers: ["bench.noop": { _ in handled.add(1, ordering: .relaxed) }],
            settings: .init(lease: 30, pollInterval: 1), logger: quietLogger("banso.bench.worker"))
        try await db.query("TRUNCATE job")
        let elapsed: Double = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await db.run() }
            group.addTask { try await worker.run() }
            // Let the worker LISTEN before the first enqueue.
            try await Task.sleep(for: .milliseconds(500))

            func pipeline(_ count: Int) async throws -> Double {
                let before = handled.load(ordering: .relaxed)
                let start = ContinuousClock.now
                var sent = 0
                while sent < count {
                    let n = min(batch, count - sent)
                    let inserted = try await producer.system { tx in
                        try await JobRepository.enqueue(tx, Array(repeating: NewJob(kind: "bench.noop", queue: queue), count: n))
                    }
                    guard inserted.count == n else { benchFail("enqueued \(inserted.count) of \(n) jobs") }
                    sent += n
                }
                while handled.load(ordering: .relaxed) - before < count {
                    try await Task.sleep(for: .microseconds(500))
                }
                // The handlers have run; the clock stops when the last completion is in the database.
                while try await producerDB.query("SELECT count(*) FROM job WHERE state = 'completed'").scalar(Int.self) ?? 0 < count {
                    try await Task.sleep(for: .microseconds(500))
                }
                return seconds(ContinuousClock.now - start)
            }

            if warmup > 0 {
                _ = try await pipeline(warmup)
                try await producerDB.query("TRUNCATE job")
            }
            let measured = try await pipeline(jobs)
            worker.stop()
            group.cancelAll()
            try? await group.waitForAll()
            return measured
        }
        let failed = try await producerDB.query("SELECT count(*) FROM job WHERE state <> 'completed'").scalar(Int.self) ?? 0
        guard failed == 0 else { benchFail("\(failed) jobs did not complete") }
        print(String(format: #"{"workers":%d,"jobs":%d,"seconds":%.3f,"jobs_per_s":%.1f}"#, workers, jobs, elapsed, Double(jobs) / elapsed))
    }

    /// Start latency at low load: one job every `intervalMs`, each enqueued in its own transaction, and the time from
    /// just before that transaction began to the handler's start. The worker polls only every 5 s, so what brings
    /// the job in is the enqueue's NOTIFY.
    static func latency(url: String, workers: Int, jobs: Int, intervalMs: Int) async throws {
        let db = Database(configuration: DatabaseConfiguration(url: url, poolSize: 10, applicationName: "banso-bench-worker"))
        let producerDB = Database(configuration: DatabaseConfiguration(url: url, poolSize: 2, applicationName: "banso-bench-producer"))
        defer {
            db.close()
            producerDB.close()
        }
        let store = Store(database: db, clock: .live)
        let producer = Store(database: producerDB, clock: .live)
        let started = Mutex<[Int: ContinuousClock.Instant]>([:])
        let worker = JobWorker(
            store: store, database: db, queues: [QueueConfiguration(name: queue, concurrency: workers)],
            handlers: [
                "bench.latency": { context in
                    let now = ContinuousClock.now
                    // The payload is {"n":123}.
                    let n = Int(context.job.payload.filter(\.isNumber)) ?? -1
                    started.withLock { $0[n] = now }
                },
                "bench.warmup": { _ in },
            ],
            settings: .init(lease: 30, pollInterval: 5), logger: quietLogger("banso.bench.worker"))
        try await db.query("TRUNCATE job")
        let sent = Mutex<[Int: ContinuousClock.Instant]>([:])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await db.run() }
            group.addTask { try await worker.run() }
            try await Task.sleep(for: .milliseconds(500))
            // A few unmeasured jobs warm the connections.
            for _ in 0..<20 {
                _ = try await producer.system { tx in
                    try await JobRepository.enqueue(tx, NewJob(kind: "bench.warmup", queue: queue))
                }
                try await Task.sleep(for: .milliseconds(intervalMs))
            }
            var next = ContinuousClock.now
            for n in 0..<jobs {
                next = next.advanced(by: .milliseconds(intervalMs))
                let before = ContinuousClock.now
                _ = try await producer.system { tx in
                    try await JobRepository.enqueue(tx, NewJob(kind: "bench.latency", payload: #"{"n":\#(n)}"#, queue: queue))
                }
                sent.withLock { $0[n] = before }
                try await Task.sleep(until: next)
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while !started.withLock({ seen in (0..<jobs).allSatisfy { seen[$0] != nil } }) {
                guard ContinuousClock.now < deadline else { benchFail("not every latency job started within 30 s") }
                try await Task.sleep(for: .milliseconds(10))
            }
            worker.stop()
            group.cancelAll()
            try? await group.waitForAll()
        }
        var samples = (0..<jobs).map { n in
            milliseconds(started.withLock { $0[n]! } - sent.withLock { $0[n]! })
        }
        samples.sort()
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, max(0, Int((p * Double(samples.count)).rounded(.up)) - 1))] }
        print(String(
            format: #"{"workers":%d,"jobs":%d,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}"#, workers, jobs, percentile(0.5),
            percentile(0.99), samples.last ?? 0))
    }

    /// The monthly fan-out: every org (seeded by the script) gets its built-in schedules, the monthly check-in
    /// schedule is set to fire at `at`, and `runOnce(now: at)` — the ticker, then the worker with the production
    /// handlers and concurrency — runs everything due. Timed from the tick to the first reminder job visible to
    /// another session and to the end of the run (every check-in row committed).
    static func fanout(url: String, at: Date, concurrency: Int) async throws {
        let db = Database(configuration: DatabaseConfiguration(url: url, poolSize: concurrency + 4, applicationName: "banso-bench-worker"))
        let observer = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1, applicationName: "banso-bench-observer"))
        defer {
            db.close()
            observer.close()
        }
        let store = Store(database: db, clock: .live)
        try await CheckInCadence.ensureSchedules(store)
        try await db.query("UPDATE schedule SET next_fire_at = \(at) WHERE name = \(CheckInCadence.scheduleName)")
        let orgs = try await db.query("SELECT count(*) FROM schedule WHERE name = \(CheckInCadence.scheduleName)").scalar(Int.self) ?? 0
        let goals = try await db.query("SELECT count(*) FROM goal WHERE status = 'active' AND cadence = 'monthly'").scalar(Int.self) ?? 0
        try await db.query("VACUUM ANALYZE")
        let worker = JobWorker(
            store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: concurrency)],
            handlers: CheckInCadence.handlers.merging(CheckInReminders.handlers) { a, _ in a },
            logger: quietLogger("banso.bench.worker"))
        let start = ContinuousClock.now
        // The observer looks for the first reminder job while the run goes on, from its own session.
        let (ran, firstReminder) = try await withThrowingTaskGroup(of: Double?.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    let seen = try await observer.query(
                        "SELECT EXISTS (SELECT 1 FROM job WHERE kind = \(CheckInOpening.reminderJobKind))"
                    ).scalar(Bool.self) ?? false
                    if seen { return seconds(ContinuousClock.now - start) }
                    try? await Task.sleep(for: .milliseconds(2))
                }
                return nil
            }
            let ran = try await worker.runOnce(now: at)
            group.cancelAll()
            let first = try await group.next() ?? nil
            return (ran, first)
        }
        let elapsed = seconds(ContinuousClock.now - start)
        let checkIns = try await db.query("SELECT count(*) FROM check_in").scalar(Int.self) ?? 0
        let reminders = try await db.query("SELECT count(*) FROM job WHERE kind = \(CheckInOpening.reminderJobKind)").scalar(Int.self) ?? 0
        guard checkIns == goals else { benchFail("opened \(checkIns) check-ins for \(goals) goals") }
        print(String(
            format: #"{"orgs":%d,"goals":%d,"jobs_run":%d,"check_ins":%d,"reminder_jobs":%d,"fanout_s":%.3f,"first_reminder_s":%.3f}"#,
            orgs, goals, ran, checkIns, reminders, elapsed, firstReminder ?? -1))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }
}

/// A benchmark whose run went wrong says why and exits non-zero, so the script stops rather than print a figure.
private func benchFail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("bench-scheduler: " + message + "\n").utf8))
    exit(1)
}
