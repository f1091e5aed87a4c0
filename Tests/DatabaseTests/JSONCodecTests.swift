import Database
import Foundation
import Testing
import TestSupport

/// `JSON<T>` ↔ `jsonb`: nested Codable values, text that needs escaping, dates, NULL, and what SQL sees.
@Suite struct JSONCodecTests {
    struct Address: Codable, Equatable, Sendable {
        var city: String
        var lines: [String]
    }

    struct Profile: Codable, Equatable, Sendable {
        var name: String
        var age: Int
        var balance: Int64
        var ratio: Double
        var active: Bool
        var nickname: String?
        var tags: [String]
        var home: Address
        var previous: [Address]
        var scores: [String: Int]
        var joined: Date
        var id: UUID
    }

    static let profile = Profile(
        name: japanese, age: 42, balance: Int64.max, ratio: 0.1, active: true, nickname: nil,
        tags: ["a\"b", "back\\slash", "'; DROP TABLE x; --", "</script>", ""],
        home: Address(city: "東京", lines: ["1-2-3", "Chiyoda"]),
        previous: [Address(city: "大阪", lines: []), Address(city: "O'Hare", lines: ["{}", "[]"])],
        scores: ["q1": 3, "q2": -1], joined: instant(1_709_210_096), id: UUID())

    @Test func nestedCodableRoundTrips() async throws {
        try await TestDatabase.with { db, _ in
            let other = Profile(
                name: "", age: 0, balance: Int64.min, ratio: -1e300, active: false, nickname: "🏃‍♀️", tags: [],
                home: Address(city: "", lines: []), previous: [], scores: [:], joined: instant(-62_135_596_800),
                id: UUID())
            try await RoundTrip(db: db).check(
                [JSON(Self.profile), JSON(other)], column: "jsonb", parameterType: "jsonb")
            try await RoundTrip(db: db).check([JSON(Self.profile)], column: "json", parameterType: "jsonb")
            try await RoundTrip(db: db).check(
                [JSON([1, 2, 3]), JSON([])], column: "jsonb", parameterType: "jsonb")
            try await RoundTrip(db: db).check(
                [JSON(["key": japanese, "quote\"key": "v"])], column: "jsonb", parameterType: "jsonb")
        }
    }

    @Test func sqlSeesStructuredJSON() async throws {
        try await TestDatabase.with { db, _ in
            let value = JSON(Self.profile)
            let row = try await db.query(
                """
                SELECT \(value)->>'name', \(value)->'home'->>'city', (\(value)->>'balance')::int8,
                       jsonb_array_length(\(value)->'tags'), \(value)->'tags'->>2, \(value)->>'joined',
                       \(value) ? 'nickname', jsonb_typeof(\(value)->'ratio')
                """)[0]
            let decoded = try row.decode((String, String, Int64, Int, String, String, Bool, String).self)
            #expect(decoded.0 == japanese)
            #expect(decoded.1 == "東京")
            #expect(decoded.2 == Int64.max)
            #expect(decoded.3 == 5)
            #expect(decoded.4 == "'; DROP TABLE x; --")
            #expect(decoded.5 == "2024-02-29T12:34:56Z", "dates inside JSON are ISO 8601")
            #expect(decoded.6 == false, "a nil optional property is left out")
            #expect(decoded.7 == "number")

            // JSON written by SQL decodes into the Codable type.
            let fromSQL = try await db.query(
                """
                SELECT jsonb_build_object('city', 'Ōsaka ' || \(japanese), 'lines', jsonb_build_array('x', 'y'))
                """
            ).scalar(JSON<Address>.self)
            #expect(fromSQL?.value == Address(city: "Ōsaka " + japanese, lines: ["x", "y"]))
        }
    }

    @Test func jsonOfTheWrongShapeIsADecodingErrorNamingTheColumn() async throws {
        try await TestDatabase.with { db, _ in
            let error = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT '{\"city\": 5}'::jsonb AS home_address").scalar(JSON<Address>.self)
            }
            #expect(error?.code == .decoding)
            #expect(error?.message.contains("home_address") == true)
            #expect(error?.message.contains("jsonb") == true)
        }
    }

    @Test func unencodableJSONIsAnEncodingError() async throws {
        try await TestDatabase.with { db, _ in
            // JSON has no NaN.
            let error = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT \(JSON(["x": Double.nan]))")
            }
            #expect(error?.code == .encoding)
        }
    }
}
