import Database
import Foundation
import Testing
import TestSupport

/// Reading results: by position, by name, into tuples, scalars and columns; and the errors that name the column
/// and both types when a value does not fit.
@Suite struct RowDecodingTests {
    @Test func positionNameTupleScalarAndColumn() async throws {
        try await TestDatabase.with { db, _ in
            let id = UUID()
            let result = try await db.query(
                "SELECT \(id) AS id, \(japanese) AS name, \(Int32(7)) AS n, NULL::text AS missing")
            #expect(result.count == 1)
            #expect(result.columnNames == ["id", "name", "n", "missing"])
            let row = result[0]
            #expect(row.columnCount == 4)
            #expect(row.columnNames == ["id", "name", "n", "missing"])
            #expect(try row.decode(UUID.self, at: 0) == id)
            #expect(try row.decode(String.self, column: "name") == japanese)
            #expect(try row.decode(Int.self, column: "n") == 7)
            #expect(try row.decode(String?.self, column: "missing") == nil)
            #expect(row.isNull(at: 3))
            #expect(!row.isNull(at: 2))
            let (a, b, c, d) = try row.decode((UUID, String, Int32, String?).self)
            #expect(a == id && b == japanese && c == 7 && d == nil)
            // A tuple may take only the first columns.
            let (first, second) = try row.decode((UUID, String).self)
            #expect(first == id && second == japanese)

            let series = try await db.query("SELECT x, x * 2 FROM generate_series(1, 5) AS x")
            #expect(try series.decodeColumn(Int.self) == [1, 2, 3, 4, 5])
            #expect(try series.decode((Int, Int).self).map { $0.1 } == [2, 4, 6, 8, 10])
            #expect(try series.scalar(Int.self) == 1)
            #expect(series.affectedRows == 5)
            #expect(series.commandTag == "SELECT 5")
            #expect(series.map { $0.columnCount } == [2, 2, 2, 2, 2])

            let empty = try await db.query("SELECT 1 WHERE false")
            #expect(empty.isEmpty)
            #expect(try empty.scalar(Int.self) == nil)
            #expect(try empty.decodeColumn(Int.self) == [])
        }
    }

    @Test func affectedRowsAndCommandTags() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
            #expect(try await db.execute("INSERT INTO t SELECT x, 'v' FROM generate_series(1, 7) AS x") == 7)
            #expect(try await db.execute("UPDATE t SET v = \("w") WHERE id <= \(3)") == 3)
            let deleted = try await db.query("DELETE FROM t WHERE id > \(5) RETURNING id")
            #expect(deleted.affectedRows == 2)
            #expect(deleted.commandTag == "DELETE 2")
            #expect(Set(try deleted.decodeColumn(Int.self)) == [6, 7])
            #expect(try await db.execute("UPDATE t SET v = 'x' WHERE false") == 0)
        }
    }

    @Test func textColumnAsIntNamesColumnAndTypes() async throws {
        try await TestDatabase.with { db, _ in
            let row = try await db.query("SELECT 'twelve'::text AS member_name")[0]
            let error = #expect(throws: DatabaseError.self) { try row.decode(Int.self, at: 0) }
            #expect(error?.code == .decoding)
            #expect(error?.column == "member_name")
            let message = error?.message ?? ""
            #expect(message.contains("member_name"))
            #expect(message.contains("text"))
            #expect(message.contains("Int"))
            // Decoding messages are safe to log: they name types, never the value.
            #expect(!(error?.description.contains("twelve") ?? true))
            let byName = #expect(throws: DatabaseError.self) { try row.decode(Int.self, column: "member_name") }
            #expect(byName?.message.contains("member_name") == true)
        }
    }

    @Test func nullIntoNonOptionalFails() async throws {
        try await TestDatabase.with { db, _ in
            let row = try await db.query("SELECT NULL::int8 AS score, 1 AS one")[0]
            let error = #expect(throws: DatabaseError.self) { try row.decode(Int.self, at: 0) }
            #expect(error?.code == .decoding)
            #expect(error?.message.contains("score") == true)
            #expect(error?.message.contains("NULL") == true)
            // Also inside a tuple, whichever position it is in.
            let inTuple = #expect(throws: DatabaseError.self) { try row.decode((Int, Int).self) }
            #expect(inTuple?.column == "score")
            #expect(try row.decode((Int?, Int).self) == (nil, 1))
            // And in arrays whose element type is not Optional.
            let arrayRow = try await db.query("SELECT ARRAY[1, NULL]::int8[] AS xs")[0]
            let arrayError = #expect(throws: DatabaseError.self) { try arrayRow.decode([Int].self, at: 0) }
            #expect(arrayError?.code == .decoding)
            #expect(try arrayRow.decode([Int?].self, at: 0) == [1, nil])
        }
    }

    @Test func missingColumnsFailClearly() async throws {
        try await TestDatabase.with { db, _ in
            let row = try await db.query("SELECT 1 AS id, 'a' AS name")[0]
            let byName = #expect(throws: DatabaseError.self) { try row.decode(Int.self, column: "email") }
            #expect(byName?.code == .decoding)
            #expect(byName?.message.contains("email") == true)
            #expect(byName?.message.contains("id, name") == true, "lists the columns there are")
            // Names are exact: no case folding.
            #expect(throws: DatabaseError.self) { try row.decode(Int.self, column: "ID") }
            let byIndex = #expect(throws: DatabaseError.self) { try row.decode(Int.self, at: 2) }
            #expect(byIndex?.code == .decoding)
            let negative = #expect(throws: DatabaseError.self) { try row.decode(Int.self, at: -1) }
            #expect(negative?.code == .decoding)
            let tooWide = #expect(throws: DatabaseError.self) { try row.decode((Int, String, Int).self) }
            #expect(tooWide?.code == .decoding)
        }
    }

    @Test func valuesThatDoNotFitTheSwiftType() async throws {
        try await TestDatabase.with { db, _ in
            let row = try await db.query(
                "SELECT 40000::int8 AS big, 'not-a-uuid'::text AS u, 'maybe'::text AS b, 'abc'::text AS d, 'NaN'::numeric AS n"
            )[0]
            let overflow = #expect(throws: DatabaseError.self) { try row.decode(Int16.self, at: 0) }
            #expect(overflow?.code == .decoding)
            #expect(overflow?.message.contains("Int16") == true)
            #expect(try row.decode(Int32.self, at: 0) == 40000)
            #expect(throws: DatabaseError.self) { try row.decode(UUID.self, at: 1) }
            #expect(throws: DatabaseError.self) { try row.decode(Bool.self, at: 2) }
            #expect(throws: DatabaseError.self) { try row.decode(Double.self, at: 3) }
            #expect(throws: DatabaseError.self) { try row.decode(Date.self, at: 3) }
            #expect(throws: DatabaseError.self) { try row.decode(CalendarDate.self, at: 3) }
            #expect(throws: DatabaseError.self) { try row.decode([UInt8].self, at: 3) }
            #expect(throws: DatabaseError.self) { try row.decode(Decimal.self, at: 4) }
            let int64Overflow = try await db.query("SELECT '9223372036854775808'::numeric AS n")[0]
            #expect(throws: DatabaseError.self) { try int64Overflow.decode(Int64.self, at: 0) }
        }
    }
}
