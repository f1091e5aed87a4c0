import Database
import Domain
import Foundation
import Scheduler
import Store
import Synchronization
import Testing
import TestSupport

/// PostgreSQL restarted under a running worker (DESIGN §5): claims, completions and heartbeats fail while it is
/// down; the worker reconnects, the leases of jobs whose completion was lost lapse and are rescued, and every job's
/// effect is applied exactly once.
@Suite struct DatabaseRestartTests {
    @Test func workersReconnectAfterARestartAndLoseNothing() async throws {
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        let db = Database(configuration: DatabaseConfiguration(
            url: cluster.url, poolSize: 6, acquireTimeout: .seconds(30), connectTimeout: .seconds(2)))
        defer { db.close() }
        try await Migrator(database: db, migrations: try Migration.load(directory: TestDatabase.migrationsDirectory)).migrate()
        try await db.execute("CREATE TABLE effect (n int PRIMARY KEY)")
        try await db.execute("GRANT SELECT, INSERT ON effect TO banso_app")
        let store = Store.testing(db)
        let runs = Mutex(0)
        // The handler's effect is idempotent, as every Banso handler's is: a job that ran but whose completion was
        // lost to the restart runs again after its lease and changes nothing more.
        let worker = JobWorker(
            store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
            handlers: ["effect": { context in
                runs.withLock { $0 += 1 }
                try await Task.sleep(for: .milliseconds(30))
                try await context.store.system { tx in
                    try await tx.execute("INSERT INTO effect SELECT (\(context.job.payload)::jsonb ->> 'n')::int ON CONFLICT DO NOTHING")
                }
            }],
            settings: .init(lease: 2, pollInterval: 0.3))
        @Sendable func enqueue(_ range: Range<Int>) async throws {
            try await store.system { tx in
                for n in range { try await JobRepository.enqueue(tx, NewJob(kind: "effect", payload: #"{"n":\#(n)}"#)) }
            }
        }
        try await enqueue(0..<150)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await db.run() }
            group.addTask { try await worker.run() }
            // Restart once the work is under way (on a loaded machine the worker may take a while to start).
            try await withTimeout(.seconds(30)) {
                while (try await db.query("SELECT count(*) FROM effect").scalar(Int.self) ?? 0) < 5 {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            try cluster.restart()
            // Work that arrives after the restart is claimed too (the LISTEN session was lost with the rest).
            try await withTimeout(.seconds(30)) {
                while true {
                    do { return try await enqueue(150..<250) } catch let error as DatabaseError where error.isConnectionLoss {
                        try await Task.sleep(for: .milliseconds(200))
                    }
                }
            }
            try await withTimeout(.seconds(60)) {
                while (try? await db.query("SELECT count(*) FROM job WHERE state = 'completed'").scalar(Int.self)) != 250 {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            #expect(try await db.query("SELECT count(*), count(DISTINCT n) FROM effect").decode((Int, Int).self)[0] == (250, 250))
            #expect(try await db.query("SELECT count(*) FROM job WHERE state <> 'completed'").scalar(Int.self) == 0)
            worker.stop()
            group.cancelAll()
            try? await group.waitForAll()
        }
        #expect(runs.withLock { $0 } >= 250)
    }
}
