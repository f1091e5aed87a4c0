import Database
import Domain
import Foundation
import Scheduler
import Store
import Synchronization
import Testing
import TestSupport

/// The job queue on a real PostgreSQL: claims, leases, retries, uniqueness, cancellation, pruning.
@Suite struct JobQueueTests {
    let t0 = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-29, a fixed clock for time travel

    func enqueue(_ store: Store, _ jobs: [NewJob]) async throws -> [Job?] {
        try await store.system { tx in
            var result: [Job?] = []
            for job in jobs { result.append(try await JobRepository.enqueue(tx, job, now: t0)) }
            return result
        }
    }

    @Test func claimsByPriorityThenTimeAndCompletesUnderTheLease() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let jobs = try await enqueue(store, [
                NewJob(kind: "a", priority: 0), NewJob(kind: "b", priority: -1), NewJob(kind: "c", priority: 0),
                NewJob(kind: "later", runAt: t0.addingTimeInterval(60)),
            ])
            #expect(jobs.allSatisfy { $0 != nil })
            let claimed = try await store.system { tx in try await JobRepository.claim(tx, queue: "default", limit: 10, lease: 30, now: t0) }
            #expect(claimed.map(\.kind) == ["b", "a", "c"], "urgent first, then in order; the future job waits")
            #expect(claimed.allSatisfy { $0.state == .running && $0.attempt == 1 && $0.leaseOwner != nil })
            #expect(Set(claimed.compactMap(\.leaseOwner)).count == 3, "a lease token per job")
            let first = claimed[0]
            try await check(!(try await store.system { tx in try await JobRepository.complete(tx, id: first.id, lease: UUID(), now: t0) }),
                            "another lease cannot complete it")
            try await check(try await store.system { tx in try await JobRepository.complete(tx, id: first.id, lease: first.leaseOwner!, now: t0) })
            let done = try await store.system { tx in try await JobRepository.get(tx, id: first.id) }
            #expect(done?.state == .completed)
            #expect(done?.finishedAt == t0)
            let next = try await store.system { tx in
                try await JobRepository.claim(tx, queue: "default", limit: 10, lease: 30, now: t0.addingTimeInterval(61))
            }
            #expect(next.map(\.kind) == ["later"])
        }
    }

    @Test func aUniqueKeyMakesTheSecondEnqueueANoOp() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let jobs = try await enqueue(store, [
                NewJob(kind: "open_check_in", uniqueKey: "check_in:goal-1:2026-11"),
                NewJob(kind: "open_check_in", uniqueKey: "check_in:goal-1:2026-11"),
                NewJob(kind: "open_check_in", uniqueKey: "check_in:goal-1:2026-12"),
            ])
            #expect(jobs.map { $0 != nil } == [true, false, true])
            let count = try await db.query("SELECT count(*) FROM job").scalar(Int.self)
            #expect(count == 2)
        }
    }

    @Test func concurrentClaimersNeverShareAJob() async throws {
        try await TestDatabase.with(poolSize: 8) { db, _ in
            let store = Store.testing(db)
            _ = try await enqueue(store, (0..<400).map { NewJob(kind: "k\($0)") })
            let claimed = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var mine: [UUID] = []
                        while true {
                            let batch = try await store.system { tx in
                                try await JobRepository.claim(tx, queue: "default", limit: 7, lease: 30, now: self.t0)
                            }
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [UUID]()) { $0 += $1 }
            }
            #expect(claimed.count == 400)
            #expect(Set(claimed).count == 400, "no job was claimed twice")
        }
    }

    @Test func failuresBackOffThenDiscardKeepingEveryError() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            _ = try await enqueue(store, [NewJob(kind: "flaky", maxAttempts: 3)])
            let attempts = Counter()
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 2)],
                handlers: ["flaky": { _ in attempts.add(); throw Boom(n: attempts.value) }],
                settings: .init(retry: RetryPolicy(base: 10, cap: 3600, jitter: 0)))
            #expect(try await worker.runOnce(now: t0) == 1)
            var job = try #require(try await db.query("SELECT id FROM job").scalar(UUID.self))
            var state = try await store.system { tx in try await JobRepository.get(tx, id: job) }
            #expect(state?.state == .retryable)
            #expect(state?.runAt == t0.addingTimeInterval(11), "base 10 s + 1⁴")
            #expect(try await worker.runOnce(now: t0.addingTimeInterval(10)) == 0, "not due yet")
            #expect(try await worker.runOnce(now: t0.addingTimeInterval(11)) == 1)
            state = try await store.system { tx in try await JobRepository.get(tx, id: job) }
            #expect(state?.runAt == t0.addingTimeInterval(11 + 26), "base 10 s + 2⁴")
            #expect(try await worker.runOnce(now: t0.addingTimeInterval(3600)) == 1)
            job = try #require(state?.id)
            state = try await store.system { tx in try await JobRepository.get(tx, id: job) }
            #expect(state?.state == .discarded)
            #expect(state?.errors.map(\.attempt) == [1, 2, 3])
            #expect(state?.errors.map(\.error) == ["boom 1", "boom 2", "boom 3"])
            #expect(try await worker.runOnce(now: t0.addingTimeInterval(99_999)) == 0, "discarded jobs stay put")
            // An operator retries it: a fresh set of attempts.
            let retried = try await store.system { tx in try await JobRepository.retry(tx, id: job, now: t0) }
            #expect(retried?.state == .available)
            #expect(retried?.attempt == 0)
        }
    }

    @Test func anExpiredLeaseIsRescuedAndTheOldWorkerCannotOverwriteTheNewAttempt() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            _ = try await enqueue(store, [NewJob(kind: "slow")])
            let first = try await store.system { tx in try await JobRepository.claim(tx, queue: "default", limit: 1, lease: 5, now: t0) }[0]
            // Still leased: nobody else gets it.
            try await check(try await store.system { tx in
                try await JobRepository.claim(tx, queue: "default", limit: 1, lease: 5, now: t0.addingTimeInterval(4))
            }.isEmpty)
            let heartbeat = try await store.system { tx in
                try await JobRepository.heartbeat(tx, leases: [(first.id, first.leaseOwner!)], extendBy: 5, now: t0.addingTimeInterval(4))
            }
            #expect(heartbeat == [first.id], "a heartbeat extends the lease to t0+9")
            #expect(try await store.system { tx in try await JobRepository.rescueExpired(tx, now: t0.addingTimeInterval(8)) } == 0)
            #expect(try await store.system { tx in try await JobRepository.rescueExpired(tx, now: t0.addingTimeInterval(10)) } == 1)
            let second = try await store.system { tx in
                try await JobRepository.claim(tx, queue: "default", limit: 1, lease: 5, now: t0.addingTimeInterval(10))
            }[0]
            #expect(second.id == first.id)
            #expect(second.attempt == 2)
            #expect(second.errors.first?.error.contains("lease expired") == true)
            // The first worker wakes up and reports: refused, the second attempt stands.
            try await check(!(try await store.system { tx in
                try await JobRepository.complete(tx, id: first.id, lease: first.leaseOwner!, now: t0.addingTimeInterval(11))
            }))
            try await check(!(try await store.system { tx in
                try await JobRepository.fail(tx, id: first.id, lease: first.leaseOwner!, error: "late", retryIn: 1, now: t0.addingTimeInterval(11))
            }))
            try await check(try await store.system { tx in
                try await JobRepository.complete(tx, id: second.id, lease: second.leaseOwner!, now: t0.addingTimeInterval(12))
            })
        }
    }

    @Test func cancelReleaseAndPrune() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let jobs = try await enqueue(store, [NewJob(kind: "a"), NewJob(kind: "b")])
            let cancelled = try await store.system { tx in try await JobRepository.cancel(tx, id: jobs[0]!.id, now: t0) }
            #expect(cancelled?.state == .cancelled)
            let claimed = try await store.system { tx in try await JobRepository.claim(tx, queue: "default", limit: 5, lease: 30, now: t0) }
            #expect(claimed.map(\.kind) == ["b"], "a cancelled job is never claimed")
            try await check(try await store.system { tx in try await JobRepository.release(tx, id: claimed[0].id, lease: claimed[0].leaseOwner!) })
            let again = try await store.system { tx in try await JobRepository.claim(tx, queue: "default", limit: 5, lease: 30, now: t0) }
            #expect(again.first?.attempt == 1, "a released claim is not an attempt")
            try await check(try await store.system { tx in try await JobRepository.complete(tx, id: again[0].id, lease: again[0].leaseOwner!, now: t0) })
            #expect(try await store.system { tx in try await JobRepository.prune(tx, olderThan: 3600, now: t0.addingTimeInterval(3599)) } == 0)
            #expect(try await store.system { tx in try await JobRepository.prune(tx, olderThan: 3600, now: t0.addingTimeInterval(3601)) } == 2)
        }
    }

    /// A job enqueued in a transaction that rolls back never exists; a transaction holding a job's row lock for a
    /// long time does not stall claiming the others.
    @Test func enqueueCommitsWithItsTransactionAndLocksAreSkipped() async throws {
        try await TestDatabase.with(poolSize: 4) { db, _ in
            let store = Store.testing(db)
            struct Rollback: Error {}
            await #expect(throws: Rollback.self) {
                try await store.system { tx in
                    try await JobRepository.enqueue(tx, NewJob(kind: "ghost"))
                    throw Rollback()
                }
            }
            #expect(try await db.query("SELECT count(*) FROM job").scalar(Int.self) == 0)
            let jobs = try await enqueue(store, [NewJob(kind: "held"), NewJob(kind: "free")])
            let held = jobs[0]!.id
            let (locked, lockedContinuation) = AsyncStream<Void>.makeStream()
            let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Should the transaction fail before it holds the lock, the wait below ends instead of hanging.
                    defer { lockedContinuation.finish() }
                    try await store.system { tx in
                        try await tx.execute("SELECT id FROM job WHERE id = \(held) FOR UPDATE")
                        lockedContinuation.yield()
                        for await _ in release { break }
                    }
                }
                var iterator = locked.makeAsyncIterator()
                guard await iterator.next() != nil else { throw TestSupportError("the locking transaction ended before it held the lock") }
                // Were the locked row waited for, the lock timeout would end the claim with an error.
                let claimed = try await store.system { tx in
                    try await tx.execute("SET LOCAL lock_timeout = '5s'")
                    return try await JobRepository.claim(tx, queue: "default", limit: 5, lease: 30, now: t0)
                }
                #expect(claimed.map(\.kind) == ["free"], "the locked job was skipped, not waited for")
                releaseContinuation.yield()
                try await group.waitForAll()
            }
        }
    }

    @Test func aQueueNameOfTheWrongShapeIsRefusedAtEnqueue() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            for name in ["", "Default", "mail queue", String(repeating: "q", count: 65)] {
                let error = await #expect(throws: DomainError.self) {
                    try await store.system { tx in _ = try await JobRepository.enqueue(tx, NewJob(kind: "k", queue: name)) }
                }
                #expect(error?.field == "queue", "\(name)")
                await #expect(throws: DomainError.self) {
                    try await store.system { tx in _ = try await JobRepository.enqueue(tx, [NewJob(kind: "k", queue: name)]) }
                }
            }
            try await store.system { tx in _ = try await JobRepository.enqueue(tx, NewJob(kind: "k", queue: "mail.bulk-2_x")) }
            #expect(try await db.query("SELECT count(*) FROM job").scalar(Int.self) == 1)
        }
    }
}

struct Boom: Error, CustomStringConvertible {
    var n: Int
    var description: String { "boom \(n)" }
}

final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

func check(_ condition: @autoclosure () async throws -> Bool, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation)
    async throws
{
    let value = try await condition()
    #expect(value, comment, sourceLocation: sourceLocation)
}
