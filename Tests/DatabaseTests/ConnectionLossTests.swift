import Database
import Foundation
import Synchronization
import Testing
import TestSupport

/// Sessions the server ends (`pg_terminate_backend`) and a PostgreSQL restart: the pool replaces what it lost and
/// the next statement succeeds without a new `Database`.
@Suite struct ConnectionLossTests {
    static func terminate(_ pid: Int32, admin: Database) async throws {
        let signalled = try await admin.query("SELECT pg_terminate_backend(\(pid))").scalar(Bool.self)
        #expect(signalled == true, "backend \(pid) existed")
    }

    /// Waits until the server no longer lists `pid`.
    static func waitUntilGone(_ pid: Int32, admin: Database) async throws {
        for _ in 0..<200 {
            let alive = try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)").scalar(Int.self)
            if alive == 0 { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TimedOut(what: "backend \(pid) to exit")
    }

    @Test func queryRightAfterTheKillSucceeds() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            try await withAdmin { admin in
                var seen: Set<Int32> = []
                // Several rounds: each may land on a different side of the race between the kill reaching the
                // client and the next statement being sent.
                for round in 0..<15 {
                    let pid = try await db.withConnection { $0.backendPID }
                    #expect(pid != 0)
                    #expect(!seen.contains(pid), "a killed session is never lent again")
                    seen.insert(pid)
                    try await Self.terminate(pid, admin: admin)
                    let value = try await db.query("SELECT \(round)").scalar(Int.self)
                    #expect(value == round)
                }
                #expect(db.statistics.open <= 1)
            }
        }
    }

    @Test func queryAfterTheKilledSessionIsGoneSucceeds() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            try await withAdmin { admin in
                for round in 0..<3 {
                    let pid = try await db.withConnection { $0.backendPID }
                    try await Self.terminate(pid, admin: admin)
                    try await Self.waitUntilGone(pid, admin: admin)
                    try await Task.sleep(for: .milliseconds(50))
                    let (value, newPID) = try await db.withConnection { connection in
                        (try await connection.query("SELECT \(round)").scalar(Int.self), connection.backendPID)
                    }
                    #expect(value == round)
                    #expect(newPID != pid)
                }
                #expect(db.statistics.open == 1)
                #expect(db.statistics.idle == 1)
            }
        }
    }

    @Test func killingEverySessionOfAFullPool() async throws {
        try await TestDatabase.with(poolSize: 4) { db, _ in
            let name = try await db.currentDatabase()
            try await withAdmin { admin in
                for _ in 0..<3 {
                    // Open all four sessions.
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<4 { group.addTask { try await db.query("SELECT pg_sleep(0.05)") } }
                        try await group.waitForAll()
                    }
                    let pids = try await backendPIDs(database: name, admin: admin)
                    #expect(pids.count == 4)
                    for pid in pids { try await Self.terminate(pid, admin: admin) }
                    // A burst right away: every statement succeeds.
                    let results = try await withThrowingTaskGroup(of: Int.self) { group in
                        for i in 0..<12 { group.addTask { try await db.query("SELECT \(i)").scalar(Int.self)! } }
                        return try await group.reduce(into: [Int]()) { $0.append($1) }
                    }
                    #expect(results.sorted() == Array(0..<12))
                    let now = Set(try await backendPIDs(database: name, admin: admin))
                    #expect(now.isDisjoint(with: pids))
                    #expect(now.count <= 4)
                }
                // Every session killed again, then statements one at a time: a retry must not meet another of
                // the dead sessions and fail.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { try await db.query("SELECT pg_sleep(0.05)") } }
                    try await group.waitForAll()
                }
                for pid in try await backendPIDs(database: name, admin: admin) {
                    try await Self.terminate(pid, admin: admin)
                }
                for i in 0..<8 {
                    #expect(try await db.query("SELECT \(i)").scalar(Int.self) == i)
                }
            }
        }
    }

    @Test func sessionKilledInsideATransaction() async throws {
        try await TestDatabase.with(poolSize: 2) { db, _ in
            try await db.execute("CREATE TABLE t (id int)")
            try await withAdmin { admin in
                let error = await #expect(throws: DatabaseError.self) {
                    try await db.transaction { tx in
                        try await tx.execute("INSERT INTO t VALUES (1)")
                        try await Self.terminate(tx.connection.backendPID, admin: admin)
                        try await Self.waitUntilGone(tx.connection.backendPID, admin: admin)
                        try await tx.execute("INSERT INTO t VALUES (2)")
                    }
                }
                #expect(error?.isConnectionLoss == true, "\(String(describing: error))")
                #expect(try await db.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
                #expect(db.statistics.inUse == 0)
                #expect(db.statistics.open <= 2)
                // The caller retries the transaction: it works.
                try await db.transaction { tx in _ = try await tx.execute("INSERT INTO t VALUES (3)") }
                #expect(try await db.query("SELECT id FROM t").decodeColumn(Int.self) == [3])
            }
        }
    }

    /// A server restart under a live `Database`: statements fail while it is down and succeed once it is back.
    @Test func postgresRestart() async throws {
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        let db = Database(
            configuration: DatabaseConfiguration(
                url: cluster.url, poolSize: 3, acquireTimeout: .seconds(5), connectTimeout: .seconds(2)))
        defer { db.close() }
        try await db.execute("CREATE TABLE t (id int)")
        // Three transactions that each wait inside until all three are: the pool must open three sessions (a short
        // sleep instead let one finish first under load, and the pool rightly reused its session).
        final class Inside: Sendable { let count = Mutex(0) }
        let inside = Inside()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<3 {
                group.addTask {
                    try await db.transaction { tx in
                        inside.count.withLock { $0 += 1 }
                        while inside.count.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(5)) }
                        try await tx.execute("INSERT INTO t VALUES (\(i))")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(db.statistics.open == 3)

        // A restart while the sessions are idle.
        try cluster.restart()
        #expect(try await db.query("SELECT count(*) FROM t").scalar(Int.self) == 3)

        // Down: statements fail with a connection error, not a hang.
        try cluster.stop()
        for _ in 0..<3 {
            let error = await #expect(throws: DatabaseError.self) { try await db.query("SELECT 1") }
            #expect(error?.isConnectionLoss == true, "\(String(describing: error))")
        }
        #expect(db.statistics.inUse == 0)

        // Back: the same Database works again.
        try cluster.start()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<6 { group.addTask { try await db.query("SELECT \(i) + count(*) FROM t").scalar(Int.self)! } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(3..<9))
        try await db.transaction { tx in _ = try await tx.execute("INSERT INTO t VALUES (9)") }
        #expect(try await db.query("SELECT count(*) FROM t").scalar(Int.self) == 4)
    }
}
