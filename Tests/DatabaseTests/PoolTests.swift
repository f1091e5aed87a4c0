import Database
import Foundation
import Testing
import TestSupport

/// The pool against a real server: its size bound, waiting and the acquire timeout, reuse, and connections handed
/// back in a bad state.
@Suite struct PoolTests {
    @Test func twentyTasksShareTwoConnections() async throws {
        try await TestDatabase.with(poolSize: 2) { db, _ in
            let name = try await db.currentDatabase()
            try await withAdmin { admin in
                let done = Flag()
                let start = ContinuousClock.now
                async let peak: (backends: Int, open: Int) = {
                    var peak = (backends: 0, open: 0)
                    while !done.isSet {
                        let backends = try await backendPIDs(database: name, admin: admin).count
                        peak = (max(peak.backends, backends), max(peak.open, db.statistics.open))
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    return peak
                }()
                let results = try await withThrowingTaskGroup(of: Int.self) { group in
                    for i in 0..<20 {
                        group.addTask {
                            try await db.query("SELECT \(i), pg_sleep(0.05)")[0].decode(Int.self, at: 0)
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                let elapsed = ContinuousClock.now - start
                done.set()
                let observed = try await peak
                #expect(results.sorted() == Array(0..<20))
                #expect(observed.backends <= 2, "at most two sessions on the server")
                #expect(observed.backends >= 1)
                #expect(observed.open <= 2)
                // Twenty sleeps of 50 ms through two connections take at least ten rounds.
                #expect(elapsed >= .milliseconds(450))
                let statistics = db.statistics
                #expect(statistics.maximum == 2)
                #expect(statistics.inUse == 0)
                #expect(statistics.waiters == 0)
                #expect(statistics.open <= 2)
                #expect(statistics.idle == statistics.open)
                #expect(try await backendPIDs(database: name, admin: admin).count <= 2)
            }
        }
    }

    @Test func acquireTimesOut() async throws {
        try await TestDatabase.with { _, url in
            let db = Database(
                configuration: DatabaseConfiguration(url: url, poolSize: 1, acquireTimeout: .milliseconds(200)))
            defer { db.close() }
            let (held, holding) = AsyncStream.makeStream(of: Void.self)
            let release = Flag()
            async let holder: Void = db.withConnection { connection in
                defer { holding.finish() }
                try await connection.query("SELECT 1")
                holding.yield()
                while !release.isSet { try await Task.sleep(for: .milliseconds(10)) }
            }
            var iterator = held.makeAsyncIterator()
            await iterator.next()

            let start = ContinuousClock.now
            let error = await #expect(throws: DatabaseError.self) { try await db.query("SELECT 1") }
            let waited = ContinuousClock.now - start
            #expect(error?.code == .poolTimeout)
            #expect(waited >= .milliseconds(180))
            // Generous: a loaded CI machine fires timers late; the point is that it times out rather than hangs.
            #expect(waited < .seconds(10))
            #expect(db.statistics.waiters == 0, "the timed-out waiter left the queue")

            release.set()
            try await holder
            // The pool is intact: the connection came back and serves the next caller.
            #expect(try await db.query("SELECT \(3)").scalar(Int.self) == 3)
            #expect(db.statistics.open == 1)
        }
    }

    @Test func waitersAreServedWhenAConnectionComesBack() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            let pid = try await db.withConnection { $0.backendPID }
            let pids = try await withThrowingTaskGroup(of: Int32.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await db.withConnection { connection in
                            try await connection.query("SELECT pg_sleep(0.01)")
                            return connection.backendPID
                        }
                    }
                }
                return try await group.reduce(into: Set<Int32>()) { $0.insert($1) }
            }
            #expect(pids == [pid], "one session, reused by every task")
        }
    }

    @Test func connectionReturnedInsideATransactionIsNotReused() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            try await db.execute("CREATE TABLE t (id int)")
            let first = try await db.withConnection { connection in
                try await connection.query("BEGIN")
                try await connection.query("INSERT INTO t VALUES (1)")
                return connection.backendPID
            }
            // The next borrower must not inherit the open transaction.
            let (second, seen) = try await db.withConnection { connection in
                (connection.backendPID, try await connection.query("SELECT count(*) FROM t").scalar(Int.self))
            }
            #expect(seen == 0)
            #expect(first != second)
            #expect(db.statistics.open == 1)
            try await db.execute("INSERT INTO t VALUES (2)")
            #expect(try await db.query("SELECT id FROM t").decodeColumn(Int.self) == [2])
        }
    }

    @Test func withConnectionGivesTheConnectionBackOnThrow() async throws {
        struct Boom: Error {}
        try await TestDatabase.with(poolSize: 1) { db, _ in
            for _ in 0..<3 {
                await #expect(throws: Boom.self) {
                    try await db.withConnection { connection in
                        try await connection.query("SELECT 1")
                        throw Boom()
                    }
                }
            }
            #expect(db.statistics.inUse == 0)
            let one = try await db.query("SELECT 1").scalar(Int.self)
            #expect(one == 1)
        }
    }

    @Test func closingFailsWaiters() async throws {
        try await TestDatabase.with { _, url in
            let db = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            let (held, holding) = AsyncStream.makeStream(of: Void.self)
            let release = Flag()
            async let holder: Void = db.withConnection { _ in
                defer { holding.finish() }
                holding.yield()
                while !release.isSet { try await Task.sleep(for: .milliseconds(10)) }
            }
            var iterator = held.makeAsyncIterator()
            await iterator.next()
            let waiter = Task { try await db.query("SELECT 1").scalar(Int.self) }
            while db.statistics.waiters == 0 { try await Task.sleep(for: .milliseconds(5)) }
            db.close()
            let error = await #expect(throws: DatabaseError.self) { try await waiter.value }
            #expect(error?.code == .poolClosed)
            release.set()
            try await holder
            #expect(db.statistics.open == 0, "the leased connection closes when it comes back")
        }
    }

    @Test func sessionSettings() async throws {
        try await TestDatabase.with { _, url in
            let db = Database(
                configuration: DatabaseConfiguration(
                    url: url, poolSize: 1, applicationName: "banso-settings-test",
                    sessionSettings: [("statement_timeout", "4321"), ("banso.custom", "a b\\c")]))
            defer { db.close() }
            let row = try await db.query(
                """
                SELECT current_setting('TimeZone'), current_setting('DateStyle'), current_setting('application_name'),
                       current_setting('statement_timeout'), current_setting('banso.custom'),
                       current_setting('client_encoding')
                """)[0].decode((String, String, String, String, String, String).self)
            #expect(row.0 == "UTC")
            #expect(row.1 == "ISO, YMD")
            #expect(row.2 == "banso-settings-test")
            #expect(row.3 == "4321ms")
            #expect(row.4 == "a b\\c")
            #expect(row.5 == "UTF8")
            let timeout = await #expect(throws: DatabaseError.self) { try await db.query("SELECT pg_sleep(5)") }
            #expect(timeout?.sqlState == "57014")
        }
    }
}
