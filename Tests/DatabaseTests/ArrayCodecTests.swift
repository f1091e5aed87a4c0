import Database
import Foundation
import Testing
import TestSupport

/// One-dimensional arrays of every element type, in PostgreSQL's text array form, with NULL elements and elements
/// that need quoting.
@Suite struct ArrayCodecTests {
    /// Elements that the text array form must quote or escape.
    static let awkward = [
        "", "plain", "with \"quotes\"", "comma,inside", "back\\slash", "{braces}", "}", "{", "NULL", "null", " spaced ",
        "'single'", japanese, "\\\"", "a\"b\\c,d{e}f", "\n", "NULL ",
    ]

    @Test func stringArrays() async throws {
        try await TestDatabase.with { db, _ in
            let rt = RoundTrip(db: db)
            // Strings are sent as `unknown`, so a bare `SELECT $1` would be read as text: cast it.
            try await rt.check(
                [Self.awkward, [], ["one"]], column: "text[]", parameterType: nil, selectCast: true,
                same: { $0.elementsEqual($1, by: sameBytes) })
            let withNulls: [[String?]] = [[nil], ["a", nil, "c"], [nil, "NULL", nil], [nil, ""]]
            try await rt.check(withNulls, column: "text[]", parameterType: nil, selectCast: true)

            // The server sees each element whole, with its own length (not split on the comma, not unescaped).
            let lengths = try await db.query("SELECT array_length(\(Self.awkward)::text[], 1)").scalar(Int.self)
            #expect(lengths == Self.awkward.count)
            let elements = try await db.query("SELECT e FROM unnest(\(Self.awkward)::text[]) WITH ORDINALITY AS u(e, i) ORDER BY i")
                .decodeColumn(String.self)
            #expect(elements.elementsEqual(Self.awkward, by: sameBytes))
            let nullFlags = try await db.query(
                "SELECT e IS NULL FROM unnest(\([nil, "NULL", "null", nil] as [String?])::text[]) WITH ORDINALITY AS u(e, i) ORDER BY i"
            ).decodeColumn(Bool.self)
            #expect(nullFlags == [true, false, false, true])

            // `= ANY($1)` infers the element type from the column, which is why strings stay `unknown`.
            try await db.execute("CREATE TABLE tags (id uuid PRIMARY KEY, name text)")
            let ids = [UUID(), UUID(), UUID()]
            for (i, id) in ids.enumerated() {
                try await db.execute("INSERT INTO tags VALUES (\(id.uuidString), \(Self.awkward[i + 2]))")
            }
            let found = try await db.query(
                "SELECT count(*) FROM tags WHERE id = ANY(\(ids.prefix(2).map(\.uuidString))) AND name = ANY(\(Self.awkward))"
            ).scalar(Int.self)
            #expect(found == 2)
        }
    }

    @Test func integerArrays() async throws {
        try await TestDatabase.with { db, _ in
            let rt = RoundTrip(db: db)
            try await rt.check([[1, -1, Int.max, Int.min], [], [0]], column: "bigint[]", parameterType: "bigint[]")
            try await rt.check([[1, nil, 3], [nil], [nil, nil]] as [[Int?]], column: "bigint[]", parameterType: "bigint[]")
            try await rt.check([[Int32.min, Int32.max]], column: "integer[]", parameterType: "integer[]")
            try await rt.check([[Int16.min, 0, Int16.max]], column: "smallint[]", parameterType: "smallint[]")
            let sum = try await db.query("SELECT sum(x) FROM unnest(\([1, 2, 3, 4])) AS x").scalar(Int.self)
            #expect(sum == 10)
            // An int4[] column reads into [Int].
            let widened = try await db.query("SELECT ARRAY[1, NULL, 3]::int4[]").scalar([Int?].self)
            #expect(widened == [1, nil, 3])
        }
    }

    @Test func floatingPointArrays() async throws {
        try await TestDatabase.with { db, _ in
            let rt = RoundTrip(db: db)
            try await rt.check(
                [[0.1, -0.0, .infinity, -.infinity, .nan, .greatestFiniteMagnitude, .leastNonzeroMagnitude]],
                column: "double precision[]", parameterType: "double precision[]",
                same: { $0.elementsEqual($1, by: sameDouble) })
            try await rt.check(
                [[Float(0.1), .infinity, .nan]], column: "real[]", parameterType: "real[]",
                same: { $0.elementsEqual($1, by: sameFloat) })
        }
    }

    @Test func otherElementTypes() async throws {
        try await TestDatabase.with { db, _ in
            let rt = RoundTrip(db: db)
            try await rt.check([[true, false, true], []], column: "boolean[]", parameterType: "boolean[]")
            try await rt.check([[true, nil, false]] as [[Bool?]], column: "boolean[]", parameterType: "boolean[]")
            try await rt.check([[UUID(), UUID()], []], column: "uuid[]", parameterType: "uuid[]")
            try await rt.check([[UUID(), nil]] as [[UUID?]], column: "uuid[]", parameterType: "uuid[]")
            try await rt.check(
                [[instant(1_709_210_096, micros: 789_012), instant(-62_135_596_800), instant(253_402_300_799)]],
                column: "timestamptz[]", parameterType: "timestamp with time zone[]",
                same: { $0.elementsEqual($1, by: sameInstant) })
            try await rt.check(
                [[CalendarDate(year: 1, month: 1, day: 1)!, CalendarDate(year: 9999, month: 12, day: 31)!], []],
                column: "date[]", parameterType: "date[]")
            try await rt.check(
                [[Decimal(string: "-12345678901234567890.123456789")!, Decimal(string: "0.5")!, 0]],
                column: "numeric[]", parameterType: "numeric[]")
            // Arrays of bytea: each element's `\x…` form survives the array quoting.
            let all = (0...255).map { UInt8($0) }
            try await rt.check([[all, [], [0x22, 0x5c, 0x2c, 0x7b, 0x7d]]], column: "bytea[]", parameterType: "bytea[]")
            try await rt.check([[all, nil]] as [[[UInt8]?]], column: "bytea[]", parameterType: "bytea[]")
        }
    }

    @Test func jsonArrays() async throws {
        try await TestDatabase.with { db, _ in
            struct Item: Codable, Equatable, Sendable {
                var name: String
                var note: String?
            }
            let items = [
                JSON(Item(name: "a\"b\\c,{d}", note: japanese)), JSON(Item(name: "", note: nil)),
                JSON(Item(name: "NULL", note: "'; DROP TABLE x; --")),
            ]
            try await RoundTrip(db: db).check([items, []], column: "jsonb[]", parameterType: "jsonb[]")
            try await RoundTrip(db: db).check([[items[0], nil]] as [[JSON<Item>?]], column: "jsonb[]", parameterType: "jsonb[]")
            let names = try await db.query("SELECT e->>'name' FROM unnest(\(items)) AS e").decodeColumn(String.self)
            #expect(names == items.map(\.value.name))
        }
    }

    @Test func nullArrayIsNotAnEmptyArray() async throws {
        try await TestDatabase.with { db, _ in
            let row = try await db.query("SELECT \([Int]?.none), \([Int]()), \([Int]()) IS NULL")[0]
            #expect(try row.decode([Int]?.self, at: 0) == nil)
            #expect(try row.decode([Int]?.self, at: 1) == [])
            #expect(try row.decode(Bool.self, at: 2) == false)
        }
    }

    @Test func multiDimensionalArraysAreReportedNotFlattened() async throws {
        try await TestDatabase.with { db, _ in
            let error = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT ARRAY[[1,2],[3,4]]::int8[] AS grid")[0].decode([Int].self, at: 0)
            }
            #expect(error?.code == .decoding)
            #expect(error?.message.contains("grid") == true)
        }
    }

    @Test func nonArrayColumnIsNotDecodedAsArray() async throws {
        try await TestDatabase.with { db, _ in
            let error = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT 5::int8 AS n")[0].decode([Int].self, at: 0)
            }
            #expect(error?.code == .decoding)
        }
    }
}
