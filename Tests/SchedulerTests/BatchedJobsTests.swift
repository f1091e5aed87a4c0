import Database
import Domain
import Foundation
import Scheduler
import Store
import Synchronization
import Testing
import TestSupport

/// The set-based paths of the queue: many jobs enqueued in one statement, completions recorded in one statement
/// under each job's own lease, and a worker that buffers its completions and still records every one at shutdown.
@Suite struct BatchedJobsTests {
    let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    /// A batch completion marks the jobs still held under the given leases and leaves alone one whose lease lapsed
    /// and was claimed again: the old lease cannot overwrite the new attempt, and the new lease still completes it.
    @Test func batchedCompletionRefusesAStaleLease() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let ids = try await store.system { tx in
                try await JobRepository.enqueue(tx, [NewJob(kind: "a"), NewJob(kind: "b"), NewJob(kind: "c")], now: t0)
            }
            #expect(ids.count == 3)
            let first = try await store.system { tx in try await JobRepository.claim(tx, queue: "default", limit: 3, lease: 5, now: t0) }
            #expect(first.count == 3)
            // "b" hangs: the other two get a heartbeat, b's lease lapses, it is rescued and claimed again.
            let b = try #require(first.first { $0.kind == "b" })
            let others = first.filter { $0.kind != "b" }.map { (id: $0.id, lease: $0.leaseOwner!) }
            let beat = try await store.system { tx in
                try await JobRepository.heartbeat(tx, leases: others, extendBy: 60, now: t0.addingTimeInterval(4))
            }
            #expect(Set(beat) == Set(others.map(\.id)))
            #expect(try await store.system { tx in try await JobRepository.rescueExpired(tx, now: t0.addingTimeInterval(6)) } == 1)
            let again = try await store.system { tx in
                try await JobRepository.claim(tx, queue: "default", limit: 3, lease: 5, now: t0.addingTimeInterval(6))
            }
            #expect(again.map(\.id) == [b.id])
            // The first worker reports all three under its old leases: only the two it still holds are marked.
            let marked = try await store.system { tx in
                try await JobRepository.complete(tx, first.map { (id: $0.id, lease: $0.leaseOwner!) }, now: t0.addingTimeInterval(7))
            }
            #expect(Set(marked) == Set(others.map(\.id)))
            let stillRunning = try await store.system { tx in try await JobRepository.get(tx, id: b.id) }
            #expect(stillRunning?.state == .running)
            #expect(stillRunning?.leaseOwner == again[0].leaseOwner)
            #expect(stillRunning?.attempt == 2)
            // The new lease completes it; completing again (a retried flush) changes nothing.
            let lease = [(id: b.id, lease: again[0].leaseOwner!)]
            #expect(try await store.system { tx in try await JobRepository.complete(tx, lease, now: t0.addingTimeInterval(8)) } == [b.id])
            #expect(try await store.system { tx in try await JobRepository.complete(tx, lease, now: t0.addingTimeInterval(9)) }.isEmpty)
            #expect(try await db.query("SELECT count(*) FROM job WHERE state = 'completed'").scalar(Int.self) == 3)
        }
    }

    /// One statement enqueues a batch: unique keys already taken, or repeated within the batch, are skipped; the
    /// workers of each queue that got work hear of it once, at commit; a batch that inserts nothing wakes nobody.
    @Test func batchEnqueueSkipsTakenKeysAndWakesEachQueueOnce() async throws {
        try await TestDatabase.with(poolSize: 4) { db, _ in
            let store = Store.testing(db)
            try await store.system { tx in
                _ = try await JobRepository.enqueue(tx, NewJob(kind: "earlier", uniqueKey: "k0"))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await db.run() }
                // LISTEN needs the database's service running, which starts just now.
                var subscription: AsyncStream<DatabaseNotification>?
                for _ in 0..<100 where subscription == nil {
                    subscription = try? await db.listen("banso_jobs")
                    if subscription == nil { try await Task.sleep(for: .milliseconds(50)) }
                }
                let notes = try #require(subscription)
                let heard = Mutex<[String]>([])
                group.addTask {
                    for await note in notes { heard.withLock { $0.append(note.payload) } }
                }
                try await Task.sleep(for: .milliseconds(200))
                let inserted = try await store.system { tx in
                    try await JobRepository.enqueue(tx, [
                        NewJob(kind: "a", payload: #"{"n":"\"quoted\", {braces}"}"#, uniqueKey: "k1"),
                        NewJob(kind: "a-again", uniqueKey: "k1"),
                        NewJob(kind: "b", queue: "webhooks", runAt: t0),
                        NewJob(kind: "taken", uniqueKey: "k0"),
                        NewJob(kind: "c"),
                    ])
                }
                #expect(inserted.count == 3)
                let kinds = try await db.query("SELECT kind FROM job WHERE id = ANY(\(inserted)::uuid[]) ORDER BY kind").decodeColumn(String.self)
                #expect(kinds == ["a", "b", "c"])
                let payload = try await db.query("SELECT payload->>'n' FROM job WHERE kind = 'a'").scalar(String.self)
                #expect(payload == #""quoted", {braces}"#, "payloads travel intact through the array parameter")
                #expect(try await db.query("SELECT run_at FROM job WHERE kind = 'b'").scalar(Date.self) == t0)
                // Nothing new: no wake-up.
                let none = try await store.system { tx in try await JobRepository.enqueue(tx, [NewJob(kind: "dup", uniqueKey: "k1")]) }
                #expect(none.isEmpty)
                try await withTimeout(.seconds(10)) {
                    while heard.withLock({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(20)) }
                }
                try await Task.sleep(for: .milliseconds(300))
                #expect(heard.withLock { $0.sorted() } == ["default", "webhooks"])
                group.cancelAll()
            }
        }
    }

    /// A worker with many short jobs buffers their completions and records them in batches; stopping it records
    /// every completion before `run()` returns — nothing is left running for a rescue to repeat.
    @Test func stoppingRecordsEveryBufferedCompletion() async throws {
        try await TestDatabase.with(poolSize: 6) { db, _ in
            let store = Store.testing(db)
            let ran = Counter()
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 8)],
                handlers: ["quick": { _ in ran.add() }], settings: .init(lease: 30, pollInterval: 0.2))
            try await store.system { tx in
                _ = try await JobRepository.enqueue(tx, (0..<300).map { _ in NewJob(kind: "quick") })
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await db.run() }
                let running = Task { try await worker.run() }
                try await withTimeout(.seconds(60)) {
                    while ran.value < 300 { try await Task.sleep(for: .milliseconds(5)) }
                }
                worker.stop()
                try await running.value
                // run() has returned: every completion is in the database.
                let states = try await db.query("SELECT state, count(*) FROM job GROUP BY state").decode((String, Int).self)
                #expect(states.map(\.0) == ["completed"])
                #expect(states.first?.1 == 300)
                #expect(ran.value == 300, "each job ran once")
                group.cancelAll()
            }
        }
    }
}
