import Database
import Foundation
import Testing
import TestSupport

/// `db.transaction`: commit on return, rollback on throw, savepoints, the prelude, isolation, and a transaction whose
/// failure was swallowed.
@Suite struct TransactionTests {
    struct Boom: Error, Equatable {}

    static func count(_ db: Database, _ table: String = "t") async throws -> Int {
        try await db.query("SELECT count(*) FROM \(identifier: table)").scalar(Int.self) ?? -1
    }

    @Test func commitsWhenTheBodyReturns() async throws {
        try await TestDatabase.with { db, url in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
            let observer = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            defer { observer.close() }
            let returned = try await db.transaction { tx in
                try await tx.execute("INSERT INTO t VALUES (\(1), \(japanese))")
                try await tx.execute("INSERT INTO t VALUES (\(2), \("b"))")
                // Inside, before commit, another session sees nothing: this really is a transaction.
                #expect(try await Self.count(observer) == 0)
                #expect(try await tx.query("SELECT count(*) FROM t").scalar(Int.self) == 2)
                return "result"
            }
            #expect(returned == "result")
            #expect(try await Self.count(observer) == 2)
            #expect(try await observer.query("SELECT v FROM t WHERE id = 1").scalar(String.self) == japanese)
        }
    }

    @Test func rollsBackWhenTheBodyThrows() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY)")
            try await db.execute("INSERT INTO t VALUES (0)")
            await #expect(throws: Boom.self) {
                try await db.transaction { tx in
                    try await tx.execute("INSERT INTO t VALUES (\(1))")
                    try await tx.execute("DELETE FROM t WHERE id = 0")
                    throw Boom()
                }
            }
            #expect(try await db.query("SELECT id FROM t").decodeColumn(Int.self) == [0])
            // A database error thrown inside rolls back just the same, and is rethrown as is.
            let error = await #expect(throws: DatabaseError.self) {
                try await db.transaction { tx in
                    try await tx.execute("INSERT INTO t VALUES (\(2))")
                    try await tx.execute("INSERT INTO t VALUES (\(0))")
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(try await db.query("SELECT id FROM t").decodeColumn(Int.self) == [0])
        }
    }

    @Test func connectionIsCleanAfterRollback() async throws {
        // One connection: every transaction and query below shares the same session.
        try await TestDatabase.with(poolSize: 1) { db, url in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY)")
            _ = try? await db.transaction { tx in
                try await tx.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
            // Not left inside the old transaction: this insert commits on its own, and another session sees it.
            try await db.execute("INSERT INTO t VALUES (2)")
            let observer = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            defer { observer.close() }
            #expect(try await observer.query("SELECT id FROM t").decodeColumn(Int.self) == [2])
            let status = try await db.withConnection { connection in
                try await connection.query("SELECT txid_current_if_assigned() IS NULL").scalar(Bool.self)
            }
            #expect(status == true)
        }
    }

    @Test func savepointRollbackKeepsOuterWork() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY)")
            try await db.transaction { tx in
                try await tx.execute("INSERT INTO t VALUES (1)")
                await #expect(throws: Boom.self) {
                    _ = try await tx.savepoint { inner in
                        try await inner.execute("INSERT INTO t VALUES (2)")
                        throw Boom()
                    }
                }
                // A statement that fails inside a savepoint leaves the transaction usable.
                let duplicate = await #expect(throws: DatabaseError.self) {
                    _ = try await tx.savepoint { inner in
                        try await inner.execute("INSERT INTO t VALUES (3)")
                        try await inner.execute("INSERT INTO t VALUES (1)")
                    }
                }
                #expect(duplicate?.isUniqueViolation == true)
                let kept = try await tx.savepoint { inner in
                    try await inner.execute("INSERT INTO t VALUES (4)")
                    // Nested: the inner one is undone, the middle one kept.
                    _ = try? await inner.savepoint { innermost in
                        try await innermost.execute("INSERT INTO t VALUES (5)")
                        throw Boom()
                    }
                    _ = try await inner.savepoint { innermost in
                        try await innermost.execute("INSERT INTO t VALUES (6)")
                    }
                    return 4
                }
                #expect(kept == 4)
                try await tx.execute("INSERT INTO t VALUES (7)")
            }
            #expect(try await db.query("SELECT id FROM t ORDER BY id").decodeColumn(Int.self) == [1, 4, 6, 7])
        }
    }

    @Test func savepointWorkIsUndoneWithTheOuterTransaction() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY)")
            await #expect(throws: Boom.self) {
                try await db.transaction { tx in
                    _ = try await tx.savepoint { inner in try await inner.execute("INSERT INTO t VALUES (1)") }
                    throw Boom()
                }
            }
            #expect(try await Self.count(db) == 0)
        }
    }

    @Test func preludeIsVisibleInsideAndGoneAfter() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            let value = "org-\(UUID().uuidString) \(japanese) 'quoted'"
            let pidBefore = try await db.withConnection { $0.backendPID }
            let (inside, pidInside) = try await db.transaction(
                prelude: ["SELECT set_config('banso.test', \(value), true)", "SELECT set_config('banso.other', \("x"), true)"]
            ) { tx in
                (
                    try await tx.query("SELECT current_setting('banso.test'), current_setting('banso.other')")[0]
                        .decode((String, String).self),
                    tx.connection.backendPID
                )
            }
            #expect(inside.0 == value)
            #expect(inside.1 == "x")
            #expect(pidInside == pidBefore, "same session, so the check below is meaningful")
            // Transaction-local: gone once the transaction ends, on the same session.
            let after = try await db.withConnection { connection in
                (
                    try await connection.query("SELECT current_setting('banso.test', true)").scalar(String?.self),
                    connection.backendPID
                )
            }
            #expect(after.1 == pidBefore)
            #expect(after.0 == nil || after.0 == "")
            // Also after a rollback.
            _ = try? await db.transaction(prelude: ["SELECT set_config('banso.test', \(value), true)"]) { tx in
                #expect(try await tx.query("SELECT current_setting('banso.test')").scalar(String.self) == value)
                throw Boom()
            }
            let afterRollback = try await db.query("SELECT current_setting('banso.test', true)").scalar(String?.self)
            #expect(afterRollback == nil || afterRollback == "")
        }
    }

    @Test func failingPreludeFailsTheFirstStatementAndRollsBack() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            try await db.execute("CREATE TABLE t (id int)")
            let error = await #expect(throws: DatabaseError.self) {
                try await db.transaction(prelude: ["SELECT \(1) / 0"]) { tx in
                    try await tx.execute("INSERT INTO t VALUES (1)")
                }
            }
            #expect(error?.sqlState == "22012")
            #expect(try await Self.count(db) == 0)
            try await db.execute("INSERT INTO t VALUES (2)")
            #expect(try await Self.count(db) == 1)
        }
    }

    /// A statement failed, the body swallowed the error and returned: PostgreSQL turns COMMIT into ROLLBACK, and
    /// the caller must hear about it rather than believe the work was saved.
    @Test func swallowedFailureThrowsAtCommit() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY)")
            try await db.execute("INSERT INTO t VALUES (1)")
            let error = await #expect(throws: DatabaseError.self) {
                try await db.transaction { tx in
                    try await tx.execute("INSERT INTO t VALUES (2)")
                    _ = try? await tx.execute("INSERT INTO t VALUES (1)")  // unique violation, swallowed
                    return "looks fine"
                }
            }
            #expect(error?.sqlState == "25P02")
            #expect(try await db.query("SELECT id FROM t").decodeColumn(Int.self) == [1])
        }
    }

    @Test func emptyBodySendsNothingAndLeavesNoTransactionOpen() async throws {
        try await TestDatabase.with(poolSize: 1) { db, url in
            try await db.execute("CREATE TABLE t (id int)")
            #expect(try await db.transaction { _ in 42 } == 42)
            await #expect(throws: Boom.self) { try await db.transaction { _ in throw Boom() } }
            // The deferred BEGIN must not leak into the next statement on this (only) connection.
            try await db.execute("INSERT INTO t VALUES (1)")
            let observer = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            defer { observer.close() }
            #expect(try await Self.count(observer) == 1)
        }
    }

    @Test func isolationLevelAndReadOnly() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int)")
            let level = try await db.transaction(isolation: .serializable) { tx in
                try await tx.query("SHOW transaction_isolation").scalar(String.self)
            }
            #expect(level == "serializable")
            let repeatable = try await db.transaction(isolation: .repeatableRead, readOnly: true) { tx in
                try await tx.query("SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')")[0]
                    .decode((String, String).self)
            }
            #expect(repeatable == ("repeatable read", "on"))
            let error = await #expect(throws: DatabaseError.self) {
                try await db.transaction(readOnly: true) { tx in try await tx.execute("INSERT INTO t VALUES (1)") }
            }
            #expect(error?.sqlState == "25006")
            #expect(try await Self.count(db) == 0)
            // Outside a transaction the default applies again.
            #expect(try await db.query("SHOW transaction_isolation").scalar(String.self) == "read committed")
        }
    }

    @Test func batchInsideATransactionIsPartOfIt() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int)")
            await #expect(throws: Boom.self) {
                try await db.transaction { tx in
                    let results = try await tx.batch(["INSERT INTO t VALUES (\(1))", "INSERT INTO t VALUES (\(2))"])
                    #expect(results.map(\.affectedRows) == [1, 1])
                    throw Boom()
                }
            }
            #expect(try await Self.count(db) == 0)
            _ = try await db.transaction { tx in
                try await tx.batch(["INSERT INTO t VALUES (\(1))", "INSERT INTO t VALUES (\(2))"])
            }
            #expect(try await Self.count(db) == 2)
        }
    }

    /// Two transactions updating the same row: the second waits for the first and sees its result.
    @Test func concurrentTransactionsSerializeOnARow() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)")
            try await db.execute("INSERT INTO counter VALUES (1, 0)")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await db.transaction { tx in
                            let n = try await tx.query("SELECT n FROM counter WHERE id = 1 FOR UPDATE").scalar(Int.self)!
                            try await tx.execute("UPDATE counter SET n = \(n + 1) WHERE id = 1")
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await db.query("SELECT n FROM counter").scalar(Int.self) == 8)
        }
    }
}
