import Database
import Foundation
import Testing
import TestSupport

/// `SQLQuery`: interpolated values become numbered parameters and never SQL text; identifiers and trusted fragments
/// go through their named escape hatches; fragments compose with their parameters renumbered.
@Suite struct QueryInterpolationTests {
    @Test func valuesBecomeNumberedParameters() {
        let name = "O'Brien"
        let query: SQLQuery = "SELECT * FROM member WHERE name = \(name) AND age > \(30) AND active = \(true)"
        #expect(query.sql == "SELECT * FROM member WHERE name = $1 AND age > $2 AND active = $3")
        #expect(query.binds.map(\.text) == ["O'Brien", "30", "t"])
        #expect(query.binds.map(\.type) == [.unknown, .int8, .bool])
        #expect(!query.sql.contains("O'Brien"))
        // The description (what gets logged) is the statement only.
        #expect(query.description == query.sql)
        #expect(!"\(query)".contains("Brien"))
    }

    @Test func nilBecomesANullParameterOfTheDeclaredType() {
        let query: SQLQuery = "SELECT \(Int?.none), \(String?.none), \(UUID?.none)"
        #expect(query.sql == "SELECT $1, $2, $3")
        #expect(query.binds.map(\.text) == [nil, nil, nil])
        #expect(query.binds.map(\.type) == [.int8, .unknown, .uuid])
    }

    @Test func identifiersAreQuotedAndEscaped() {
        let query: SQLQuery = "SELECT \(identifier: "name") FROM \(identifier: "we\"ird \"table")"
        #expect(query.sql == #"SELECT "name" FROM "we""ird ""table""#)
        #expect(query.binds.isEmpty)
    }

    @Test func unsafeSQLIsTakenAsIs() {
        let query: SQLQuery = "SELECT 1 \(unsafeSQL: "ORDER BY 1 DESC") LIMIT \(5)"
        #expect(query.sql == "SELECT 1 ORDER BY 1 DESC LIMIT $1")
        #expect(SQLQuery(unsafeSQL: "SELECT '$1'").binds.isEmpty)
    }

    @Test func nestedFragmentsAreRenumbered() {
        let condition: SQLQuery = "a = \(1) AND b = \(2)"
        let query: SQLQuery = "SELECT \(0) FROM t WHERE \(condition) AND c = \(3)"
        #expect(query.sql == "SELECT $1 FROM t WHERE a = $2 AND b = $3 AND c = $4")
        #expect(query.binds.map(\.text) == ["0", "1", "2", "3"])

        // Ten or more parameters: $1 in a fragment must not be confused with the $10 it becomes.
        var many: SQLQuery = "SELECT "
        for i in 0..<12 {
            let item: SQLQuery = i == 0 ? "\(i)" : ", \(i)"
            many.append(item)
        }
        #expect(many.sql == "SELECT " + (1...12).map { "$\($0)" }.joined(separator: ", "))
        let wrapped: SQLQuery = "SELECT \(99), (\(many))"
        #expect(wrapped.sql.hasSuffix("$12, $13)"))
        #expect(wrapped.binds.count == 13)
    }

    @Test func joinAndPlusRenumber() {
        let parts: [SQLQuery] = ["a = \(1)", "b = \(2)", "c IS NULL", "d = \(4)"]
        let joined = SQLQuery.join(parts, separator: " AND ")
        #expect(joined.sql == "a = $1 AND b = $2 AND c IS NULL AND d = $3")
        #expect(joined.binds.map(\.text) == ["1", "2", "4"])
        let sum: SQLQuery = "SELECT \(0) WHERE " + joined
        #expect(sum.sql == "SELECT $1 WHERE a = $2 AND b = $3 AND c IS NULL AND d = $4")
        #expect(SQLQuery.join([], separator: ", ").sql == "")
    }

    @Test func renumberingLeavesDollarQuotesAlone() {
        let fragment: SQLQuery = "$$text$$ || $tag$x$tag$ || \(1) || $$"
        let query: SQLQuery = "SELECT \(0), \(fragment)"
        #expect(query.sql == "SELECT $1, $$text$$ || $tag$x$tag$ || $2 || $$")
    }

    @Test func composedQueriesRunWithTheRightValues() async throws {
        try await TestDatabase.with { db, _ in
            let conditions: [SQLQuery] = (1...15).map { "x <> \($0 * 10)" }
            let query: SQLQuery = "SELECT count(*) FROM generate_series(\(1), \(200)) AS x WHERE " +
                SQLQuery.join(conditions, separator: " AND ")
            let count = try await db.query(query).scalar(Int.self)
            #expect(count == 200 - 15)

            // A thousand parameters in one statement.
            let values = (0..<1000).map { "v\($0)" }
            let list = SQLQuery.join(values.map { "(\($0))" }, separator: ", ")
            let echoed = try await db.query("SELECT column1 FROM (VALUES \(list)) AS v").decodeColumn(String.self)
            #expect(echoed == values)
        }
    }

    @Test func hostileValuesStayData() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE x (id int PRIMARY KEY, v text)")
            let hostile = [
                "'; DROP TABLE x; --", "' OR '1'='1", "\"; DROP TABLE x; --", "\\'; DROP TABLE x; --",
                "$1", "'); DELETE FROM x; --", "1; SELECT pg_sleep(10)", japanese,
            ]
            for (i, value) in hostile.enumerated() {
                try await db.execute("INSERT INTO x (id, v) VALUES (\(i), \(value))")
            }
            // The table is still there, holding every value exactly once and exactly as sent.
            let exists = try await db.query("SELECT to_regclass('x') IS NOT NULL").scalar(Bool.self)
            #expect(exists == true)
            let stored = try await db.query("SELECT v FROM x ORDER BY id").decodeColumn(String.self)
            #expect(stored == hostile)
            // In a WHERE clause a hostile value matches only itself.
            let matched = try await db.query("SELECT count(*) FROM x WHERE v = \("' OR '1'='1")").scalar(Int.self)
            #expect(matched == 1)
            let none = try await db.query("SELECT count(*) FROM x WHERE v = \("nothing' OR 'a'='a")").scalar(Int.self)
            #expect(none == 0)
        }
    }

    @Test func hostileIdentifiersStayIdentifiers() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE x (id int)")
            try await db.execute("INSERT INTO x VALUES (1)")
            // A table whose name is an injection attempt is just an odd name.
            let odd = "x\"; DROP TABLE x; --"
            try await db.execute("CREATE TABLE \(identifier: odd) (\(identifier: "col \"q\" 列") text)")
            try await db.execute("INSERT INTO \(identifier: odd) VALUES (\(japanese))")
            let value = try await db.query("SELECT \(identifier: "col \"q\" 列") FROM \(identifier: odd)")
                .scalar(String.self)
            #expect(value == japanese)
            let error = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT * FROM \(identifier: "x\"; DROP TABLE x; --missing")")
            }
            #expect(error?.sqlState == "42P01")
            #expect(try await db.query("SELECT count(*) FROM x").scalar(Int.self) == 1)
        }
    }

    /// The per-connection statement cache is keyed by SQL text; the same text with other parameter types must still
    /// run with the types it is given.
    @Test func sameTextWithDifferentParameterTypes() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            let asText1 = try await db.query("SELECT \(Int(7))::text").scalar(String.self)
            let asText2 = try await db.query("SELECT \(Int32(8))::text").scalar(String.self)
            let asText3 = try await db.query("SELECT \("nine")::text").scalar(String.self)
            let asText4 = try await db.query("SELECT \(Int(10))::text").scalar(String.self)
            #expect([asText1, asText2, asText3, asText4] == ["7", "8", "nine", "10"])
            let types = try await [
                db.query("SELECT pg_typeof(\(Int(1)))::text").scalar(String.self),
                db.query("SELECT pg_typeof(\(Int16(1)))::text").scalar(String.self),
                db.query("SELECT pg_typeof(\(Int(1)))::text").scalar(String.self),
            ]
            #expect(types == ["bigint", "smallint", "bigint"])
        }
    }

    /// A table changed under a cached plan (`SELECT *` after `ALTER TABLE`) is prepared again, not reported.
    @Test func cachedPlanSurvivesSchemaChange() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            try await db.execute("CREATE TABLE t (a int)")
            try await db.execute("INSERT INTO t VALUES (1)")
            let before = try await db.query("SELECT * FROM t")
            #expect(before.columnNames == ["a"])
            try await db.execute("ALTER TABLE t ADD COLUMN b text DEFAULT 'new'")
            let after = try await db.query("SELECT * FROM t")
            #expect(after.columnNames == ["a", "b"])
            #expect(try after[0].decode((Int, String).self) == (1, "new"))
        }
    }

    /// A statement that failed to prepare is not remembered as prepared: running it again reports the same error.
    @Test func failedStatementIsNotCached() async throws {
        try await TestDatabase.with(poolSize: 1) { db, _ in
            for _ in 0..<3 {
                let error = await #expect(throws: DatabaseError.self) { try await db.query("SELEC \(1)") }
                #expect(error?.sqlState == "42601")
            }
            try await db.execute("CREATE TABLE later (v int)")
            // Failed to prepare while the table did not exist; succeeds once it does.
            let missing = await #expect(throws: DatabaseError.self) { try await db.query("SELECT v FROM later2") }
            #expect(missing?.sqlState == "42P01")
            try await db.execute("CREATE TABLE later2 (v int)")
            #expect(try await db.query("SELECT v FROM later2").count == 0)
        }
    }

    @Test func encodingFailuresSurfaceWhenTheQueryRuns() async throws {
        try await TestDatabase.with { db, _ in
            let query: SQLQuery = "SELECT \(1), \(instant(-70_000_000_000))"
            let error = await #expect(throws: DatabaseError.self) { try await db.query(query) }
            #expect(error?.code == .encoding)
            #expect(error?.message.contains("parameter 2") == true)
            // Composition keeps the failure.
            let composed: SQLQuery = "SELECT 1 WHERE \(query)"
            let again = await #expect(throws: DatabaseError.self) { try await db.query(composed) }
            #expect(again?.code == .encoding)
        }
    }
}
