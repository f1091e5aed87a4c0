import Database
import Domain
import Foundation
import Scheduler
import Store
import Synchronization
import Testing
import TestSupport

@Suite struct JobWorkerTests {
    /// A running worker with a 60-second poll picks a new job up at once: the enqueue's NOTIFY wakes it. Stopping
    /// it lets the job in flight finish and be recorded.
    @Test func notifyWakesTheWorkerAndStopLetsRunningJobsFinish() async throws {
        try await TestDatabase.with(poolSize: 6) { db, _ in
            let store = Store.testing(db)
            let (started, startedContinuation) = AsyncStream<String>.makeStream()
            let (finish, finishContinuation) = AsyncStream<Void>.makeStream()
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                handlers: [
                    "quick": { context in startedContinuation.yield("quick \(context.job.payload)") },
                    "long": { _ in
                        startedContinuation.yield("long")
                        for await _ in finish { break }
                    },
                ],
                settings: .init(lease: 30, pollInterval: 60))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await db.run() }
                group.addTask { try await worker.run() }
                var events = started.makeAsyncIterator()
                // Give the worker a moment to subscribe, then enqueue from another transaction.
                try await Task.sleep(for: .milliseconds(300))
                let sent = ContinuousClock.now
                try await store.system { tx in _ = try await JobRepository.enqueue(tx, NewJob(kind: "quick", payload: #"{"n":1}"#)) }
                let first = await events.next()
                #expect(first?.hasPrefix("quick") == true)
                #expect(ContinuousClock.now - sent < .seconds(30), "woken by NOTIFY, not the 60 s poll (a generous bound: CI is busy)")
                try await store.system { tx in _ = try await JobRepository.enqueue(tx, NewJob(kind: "long")) }
                #expect(await events.next() == "long")
                worker.stop()
                try await Task.sleep(for: .milliseconds(200))
                finishContinuation.yield()
                // run() returns once the long job is done.
                try await withTimeout(.seconds(10)) { while try await db.query("SELECT count(*) FROM job WHERE state = 'completed'").scalar(Int.self) != 2 {
                    try await Task.sleep(for: .milliseconds(20))
                } }
                group.cancelAll()
                try? await group.waitForAll()
            }
        }
    }

    /// The LISTEN session is terminated by the server while the worker runs: it reconnects, and jobs enqueued
    /// before and after all run exactly once (the poll covers the notifications lost meanwhile).
    @Test func listenSessionKilledDuringWorkLosesNothing() async throws {
        try await TestDatabase.with(poolSize: 6) { db, url in
            let store = Store.testing(db)
            let ran = Mutex<[String: Int]>([:])
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                handlers: ["mark": { context in ran.withLock { $0[context.job.payload, default: 0] += 1 } }],
                settings: .init(lease: 30, pollInterval: 0.5))
            let admin = Database(configuration: DatabaseConfiguration(url: try TestDatabase.adminURL, poolSize: 1))
            defer { admin.close() }
            let name = try await db.query("SELECT current_database()").scalar(String.self)!
            func enqueue(_ range: Range<Int>) async throws {
                try await store.system { tx in
                    for i in range { try await JobRepository.enqueue(tx, NewJob(kind: "mark", payload: #"{"n":\#(i)}"#)) }
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await db.run() }
                group.addTask { try await worker.run() }
                try await enqueue(0..<20)
                // Kill every session that is LISTENing, twice, while more work arrives.
                var kills = 0
                for round in 0..<2 {
                    try await Task.sleep(for: .milliseconds(300))
                    let killed = try await admin.query(
                        """
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = \(name) AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()
                        """
                    ).scalar(Int.self)
                    kills += killed ?? 0
                    try await enqueue((20 + round * 20)..<(40 + round * 20))
                }
                #expect(kills >= 1, "the worker's LISTEN session was found and terminated")
                try await withTimeout(.seconds(30)) {
                    while ran.withLock({ $0.count }) < 60 { try await Task.sleep(for: .milliseconds(50)) }
                }
                try await withTimeout(.seconds(30)) {
                    while try await db.query("SELECT count(*) FROM job WHERE state = 'completed'").scalar(Int.self) != 60 {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                worker.stop()
                group.cancelAll()
                try? await group.waitForAll()
            }
            _ = url
            #expect(ran.withLock { $0.count } == 60)
            #expect(ran.withLock { $0.values.allSatisfy { $0 == 1 } }, "each job ran once")
        }
    }

    @Test func unknownKindsFailAndAreRetriedNotLost() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            try await store.system { tx in _ = try await JobRepository.enqueue(tx, NewJob(kind: "mystery")) }
            let worker = JobWorker(store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 1)], handlers: [:])
            #expect(try await worker.runOnce() == 1)
            let job = try #require(try await db.query("SELECT id FROM job").scalar(UUID.self))
            let state = try await store.system { tx in try await JobRepository.get(tx, id: job) }
            #expect(state?.state == .retryable)
            #expect(state?.errors.first?.error == "no handler for job kind 'mystery'")
        }
    }

    /// A run takes each failing job once: its retry falls due after the backoff, and a run that lasts longer than
    /// that (a busy machine) leaves the retry to the next run instead of repeating the job now. Here the backoff is
    /// zero, so the retry is due the moment the failure is recorded.
    @Test func aRunDoesNotRepeatAFailureWhoseRetryFallsDueDuringIt() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            try await store.system { tx in _ = try await JobRepository.enqueue(tx, NewJob(kind: "failure")) }
            let attempts = Mutex(0)
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 1)],
                handlers: ["failure": { _ in
                    attempts.withLock { $0 += 1 }
                    throw TestSupportError("failed")
                }],
                settings: .init(retry: RetryPolicy(base: -1, jitter: 0)))
            #expect(try await worker.runOnce() == 1)
            #expect(attempts.withLock { $0 } == 1)
            let job = try #require(try await db.query("SELECT id FROM job").scalar(UUID.self))
            #expect(try await store.system { tx in try await JobRepository.get(tx, id: job) }?.state == .retryable)
            // The next run takes the retry.
            #expect(try await worker.runOnce() == 1)
            #expect(attempts.withLock { $0 } == 2)
        }
    }
}

struct TimedOut: Error {}

func withTimeout(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimedOut()
        }
        try await group.next()
        group.cancelAll()
    }
}
