import Database
import Domain
import Foundation
import Scheduler
import Store
import Synchronization
import Testing
import TestSupport

/// A transaction left open for a minute — holding row locks on a job and on a schedule, and its snapshot — does
/// not stall anyone: claims skip the locked job, the ticker skips the locked schedule, everything else runs.
@Suite struct LongTransactionTests {
    @Test func aTransactionHeldOpenForAMinuteDoesNotStallClaiming() async throws {
        try await TestDatabase.with(poolSize: 6) { db, _ in
            let store = Store.testing(db)
            let ran = Mutex<[String: ContinuousClock.Instant]>([:])
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                // jsonb gives the payload back normalised ({"n": 1}); the key drops the spaces.
                handlers: ["mark": { context in ran.withLock { $0[context.job.payload.replacingOccurrences(of: " ", with: "")] = .now } }],
                settings: .init(lease: 30, pollInterval: 0.5))
            let held = try #require(try await store.system { tx in try await JobRepository.enqueue(tx, NewJob(kind: "mark", payload: #"{"held":true}"#)) })
            let (locked, lockedContinuation) = AsyncStream<Void>.makeStream()
            let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The long transaction: locks the held job's row and keeps its snapshot for a minute.
                group.addTask {
                    // Should the transaction fail before it holds the lock, the wait below ends instead of hanging.
                    defer { lockedContinuation.finish() }
                    try await store.system { tx in
                        try await tx.execute("SELECT id FROM job WHERE id = \(held.id) FOR UPDATE")
                        lockedContinuation.yield()
                        for await _ in release { break }
                    }
                }
                group.addTask { try await db.run() }
                group.addTask { try await worker.run() }
                var iterator = locked.makeAsyncIterator()
                guard await iterator.next() != nil else {
                    worker.stop()
                    throw TestSupportError("the long transaction ended before it held the job's lock")
                }
                // For a minute, a job every two seconds: each starts within seconds of its enqueue (a stall would be
                // the minute the transaction stays open).
                var late: [Duration] = []
                let minute = ContinuousClock.now + .seconds(60)
                var n = 0
                while ContinuousClock.now < minute {
                    let key = #"{"n":\#(n)}"#
                    n += 1
                    let sent = ContinuousClock.now
                    try await store.system { tx in _ = try await JobRepository.enqueue(tx, NewJob(kind: "mark", payload: key)) }
                    var started: ContinuousClock.Instant?
                    while started == nil, ContinuousClock.now - sent < .seconds(15) {
                        try await Task.sleep(for: .milliseconds(50))
                        started = ran.withLock { $0[key] }
                    }
                    late.append(started.map { $0 - sent } ?? .seconds(999))
                    try await Task.sleep(for: .seconds(2))
                }
                #expect(late.count >= 10)
                #expect(late.allSatisfy { $0 < .seconds(15) }, "\(late)")
                #expect(ran.withLock { $0[#"{"held":true}"#] } == nil, "the locked job waits for its lock")
                releaseContinuation.yield()
                try await Task.sleep(for: .seconds(2))
                #expect(ran.withLock { $0[#"{"held":true}"#] } != nil, "and runs once it is free")
                worker.stop()
                group.cancelAll()
                try? await group.waitForAll()
            }
        }
    }
}
