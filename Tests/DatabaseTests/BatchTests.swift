import Database
import Foundation
import Testing
import TestSupport

/// `batch`: several statements in one pipeline, results in order, all or nothing.
@Suite struct BatchTests {
    @Test func resultsComeBackInOrder() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
            let results = try await db.batch([
                "INSERT INTO t VALUES (\(1), \(japanese)) RETURNING id",
                "INSERT INTO t VALUES (\(2), \("b")), (\(3), \("c"))",
                "SELECT count(*) FROM t",
                "SELECT v FROM t WHERE id = \(1)",
                "UPDATE t SET v = \("z") WHERE id > \(1)",
                "SELECT \(UUID?.none), \(Int16(5))",
            ])
            #expect(results.count == 6)
            #expect(try results[0].scalar(Int.self) == 1)
            #expect(results[1].affectedRows == 2)
            #expect(results[1].commandTag == "INSERT 0 2")
            #expect(try results[2].scalar(Int.self) == 3, "a later statement sees the earlier ones' rows")
            #expect(try results[3].scalar(String.self) == japanese)
            #expect(results[4].affectedRows == 2)
            #expect(try results[5][0].decode((UUID?, Int16).self) == (UUID?.none, Int16(5)))
            #expect(try await db.batch([]).isEmpty)
        }
    }

    @Test func aFailingStatementAppliesNoneOfThem() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY)")
            try await db.execute("INSERT INTO t VALUES (100)")
            let error = await #expect(throws: DatabaseError.self) {
                try await db.batch([
                    "INSERT INTO t VALUES (\(1))",
                    "UPDATE t SET id = 101 WHERE id = 100",
                    "INSERT INTO t VALUES (\(1))",  // duplicate of the first
                    "INSERT INTO t VALUES (\(3))",
                ])
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.query == "INSERT INTO t VALUES ($1)")
            #expect(try await db.query("SELECT id FROM t").decodeColumn(Int.self) == [100])

            // Failure in the last statement still undoes the first.
            await #expect(throws: DatabaseError.self) {
                try await db.batch(["INSERT INTO t VALUES (\(5))", "SELECT 1 / \(0)"])
            }
            #expect(try await db.query("SELECT id FROM t").decodeColumn(Int.self) == [100])
        }
    }

    /// One SQL text many times in one pipeline: prepared once (by the first) and executed with each value.
    @Test func repeatedStatementInOnePipeline() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
            let queries: [SQLQuery] = (0..<200).map { "INSERT INTO t VALUES (\(Int32($0)), \("v\($0)")) RETURNING v" }
            let results = try await db.batch(queries)
            #expect(try results.map { try $0.scalar(String.self) } == (0..<200).map { "v\($0)" })
            #expect(try await db.query("SELECT count(*), sum(id) FROM t")[0].decode((Int, Int).self) == (200, 19900))
        }
    }

    /// Statements first prepared in a pipeline that failed are not assumed prepared afterwards.
    @Test func statementsOfAFailedBatchRunLater() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let before: SQLQuery = "INSERT INTO t VALUES (\(1)) RETURNING id + 1000"
            let after: SQLQuery = "SELECT count(*) + \(0) FROM t"
            await #expect(throws: DatabaseError.self) {
                try await db.batch([before, "SELECT 1 / \(0)", after])
            }
            #expect(try await db.query(after).scalar(Int.self) == 0)
            #expect(try await db.query(before).scalar(Int.self) == 1001)
            #expect(try await db.query(after).scalar(Int.self) == 1)
        }
    }

    @Test func batchOnAConnection() async throws {
        try await TestDatabase.with { db, _ in
            let results = try await db.withConnection { connection in
                try await connection.batch(["SELECT \(1)", "SELECT \(japanese)"])
            }
            #expect(try results[0].scalar(Int.self) == 1)
            #expect(try results[1].scalar(String.self) == japanese)
        }
    }
}
