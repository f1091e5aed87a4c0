import Database
import Foundation
import Testing
import TestSupport

/// Every scalar codec, through a parameter and back: `SELECT $1`, a column of the matching SQL type, Optionals and
/// NULL (see ``RoundTrip``), plus checks of what the server itself saw.
@Suite struct CodecRoundTripTests {
    @Test func integers() async throws {
        try await TestDatabase.with { db, _ in
            let rt = RoundTrip(db: db)
            try await rt.check([0, 1, -1, 42, Int.max, Int.min], column: "bigint", parameterType: "bigint")
            try await rt.check([Int64.min, Int64.max, 0, -7], column: "bigint", parameterType: "bigint")
            try await rt.check([Int32.min, Int32.max, 0, -7], column: "integer", parameterType: "integer")
            try await rt.check([Int16.min, Int16.max, 0, -7], column: "smallint", parameterType: "smallint")

            // The server computes with the values it was sent, not with text that merely looks alike.
            let sum = try await db.query("SELECT \(Int64.max) - \(Int64(1)), \(Int64.min) + 1").decode((Int64, Int64).self)
            #expect(sum[0] == (Int64.max - 1, Int64.min + 1))

            // Narrower integer columns decode into wider Swift integers.
            let (a, b, c) = try await db.query("SELECT 7::int2, (-8)::int4, 9::int8")[0].decode((Int, Int, Int).self)
            #expect((a, b, c) == (7, -8, 9))
            let widened = try await db.query("SELECT 32767::int2, (-2147483648)::int4")[0].decode((Int64, Int64).self)
            #expect(widened == (32767, -2_147_483_648))
        }
    }

    @Test func strings() async throws {
        try await TestDatabase.with { db, _ in
            let values = [
                "", "plain", japanese, "O'Brien", "\"double quoted\"", "back\\slash", "'; DROP TABLE x; --",
                "tab\tnewline\ncarriage\r", "e\u{301}", "\u{e9}", "  spaced  ", "NULL", "null", "$1", "{a,b}",
                "\u{FEFF}bom", "\u{10FFFF}", String(repeating: "長", count: 100_000),
            ]
            let rt = RoundTrip(db: db)
            try await rt.check(values, column: "text", parameterType: nil, same: sameBytes)
            try await rt.check(values, column: "varchar(300000)", parameterType: nil, same: sameBytes)

            // The server sees the exact code points: 7 of them, 20 bytes of UTF-8.
            let (chars, bytes) = try await db.query("SELECT char_length(\(japanese)::text), octet_length(\(japanese)::text)")[0]
                .decode((Int, Int).self)
            #expect(chars == 7)
            #expect(bytes == 20)
            // Decomposed and precomposed stay distinct (Swift's == would call them equal).
            let distinct = try await db.query("SELECT \("e\u{301}")::text <> \("\u{e9}")::text").scalar(Bool.self)
            #expect(distinct == true)
            // An empty string is not NULL.
            let empty = try await db.query("SELECT \("")::text IS NULL, length(\("")::text)")[0].decode((Bool, Int).self)
            #expect(empty == (false, 0))
        }
    }

    /// PostgreSQL text cannot hold U+0000 and libpq passes parameters as C strings, so a NUL would silently cut the
    /// value short. It must be refused instead.
    @Test func stringWithNULIsRefusedNotTruncated() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute("CREATE TABLE t (v text)")
            let error = await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO t VALUES (\("before\u{0}after"))")
            }
            #expect(error?.code == .encoding)
            #expect(try await db.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
        }
    }

    /// Strings travel as `unknown`, so the server reads one as the type its context needs, like a quoted literal.
    @Test func stringsTakeTheTypeOfTheirContext() async throws {
        try await TestDatabase.with { db, _ in
            let id = UUID()
            try await db.execute("CREATE TABLE t (id uuid, n int, d date, b bool)")
            try await db.execute(
                "INSERT INTO t VALUES (\(id.uuidString.lowercased()), \("12"), \("2024-02-29"), \("true"))")
            let row = try await db.query("SELECT id, n, d, b FROM t")[0]
            let decoded = try row.decode((UUID, Int, CalendarDate, Bool).self)
            #expect(decoded.0 == id)
            #expect(decoded.1 == 12)
            #expect(decoded.2 == CalendarDate(year: 2024, month: 2, day: 29))
            #expect(decoded.3 == true)
        }
    }

    @Test func booleans() async throws {
        try await TestDatabase.with { db, _ in
            try await RoundTrip(db: db).check([true, false], column: "boolean", parameterType: "boolean")
            let logic = try await db.query("SELECT \(true) AND NOT \(false)").scalar(Bool.self)
            #expect(logic == true)
        }
    }

    @Test func doubles() async throws {
        try await TestDatabase.with { db, _ in
            let values: [Double] = [
                0, -0.0, 0.1, -1.5, .pi, 1e-7, 123_456_789.123_456_78, .greatestFiniteMagnitude,
                -.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity, .nan,
            ]
            try await RoundTrip(db: db).check(
                values, column: "double precision", parameterType: "double precision", same: sameDouble)
            // The server holds the exact value: 0.1 + 0.2 is not 0.3 in float8 either.
            let sum = try await db.query("SELECT \(0.1) + \(0.2)").scalar(Double.self)
            #expect(sum == 0.1 + 0.2)
            let special = try await db.query(
                "SELECT \(Double.infinity) = 'Infinity'::float8, \(Double.nan) = 'NaN'::float8, \(-Double.infinity) < 0"
            )[0].decode((Bool, Bool, Bool).self)
            #expect(special == (true, true, true))
        }
    }

    @Test func floats() async throws {
        try await TestDatabase.with { db, _ in
            let values: [Float] = [
                0, -0.0, 0.1, .pi, 1e-7, .greatestFiniteMagnitude, .leastNormalMagnitude, .infinity, -.infinity, .nan,
            ]
            try await RoundTrip(db: db).check(values, column: "real", parameterType: "real", same: sameFloat)
        }
    }

    @Test func uuids() async throws {
        try await TestDatabase.with { db, _ in
            let values = [
                UUID(), UUID(), UUID(uuidString: "00000000-0000-0000-0000-000000000000")!,
                UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!,
            ]
            try await RoundTrip(db: db).check(values, column: "uuid", parameterType: "uuid")
            let id = UUID(uuidString: "0193A0B2-7C4D-7E8F-9A0B-1C2D3E4F5A6B")!
            let text = try await db.query("SELECT \(id)::text").scalar(String.self)
            #expect(text == "0193a0b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b")
            // Every byte value and both cases of hex digit parse; anything else is refused, not misread.
            for _ in 0..<200 {
                let random = UUID()
                #expect(try await db.query("SELECT \(random)").scalar(UUID.self) == random)
            }
            #expect(try await db.query("SELECT '0193A0B2-7C4D-7E8F-9A0B-1C2D3E4F5A6B'::text").scalar(UUID.self) == id)
            for bad in ["0193a0b2-7c4d-7e8f-9a0b-1c2d3e4f5a6", "0193a0b2x7c4d-7e8f-9a0b-1c2d3e4f5a6b", "0193a0b2-7c4d-7e8f-9a0b-1c2d3e4f5a6g", ""] {
                await #expect(throws: DatabaseError.self, "\(bad)") { try await db.query("SELECT \(bad)::text").scalar(UUID.self) }
            }
        }
    }

    @Test func instants() async throws {
        try await TestDatabase.with { db, _ in
            let leapDay = instant(1_709_210_096, micros: 789_012)  // 2024-02-29 12:34:56.789012
            let values = [
                leapDay,
                instant(1_709_210_096, micros: 1),  // one microsecond past a second
                instant(1_709_210_096, micros: 999_999),
                instant(0),
                instant(-1, micros: 500_000),  // 1969-12-31 23:59:59.5: before the epoch, with a fraction
                instant(-62_135_596_800),  // 0001-01-01 00:00:00, the first supported instant
                instant(253_402_300_799),  // 9999-12-31 23:59:59, the last whole second
                Date.distantPast, Date.distantFuture,  // sent as -infinity and infinity
            ]
            try await RoundTrip(db: db).check(
                values, column: "timestamptz", parameterType: "timestamp with time zone", same: sameInstant)

            // What the server received, to the microsecond (to_char works in the session's UTC).
            func serverText(_ date: Date) async throws -> String? {
                try await db.query("SELECT to_char(\(date), 'YYYY-MM-DD HH24:MI:SS.US')").scalar(String.self)
            }
            #expect(try await serverText(leapDay) == "2024-02-29 12:34:56.789012")
            #expect(try await serverText(instant(1_709_210_096, micros: 1)) == "2024-02-29 12:34:56.000001")
            #expect(try await serverText(instant(-1, micros: 500_000)) == "1969-12-31 23:59:59.500000")
            #expect(try await serverText(instant(-62_135_596_800)) == "0001-01-01 00:00:00.000000")
            #expect(try await serverText(instant(253_402_300_799)) == "9999-12-31 23:59:59.000000")
            // Foundation's sentinels are PostgreSQL's infinities, both ways.
            let sentinels = try await db.query(
                "SELECT \(Date.distantFuture) = 'infinity'::timestamptz, \(Date.distantPast) = '-infinity'::timestamptz")[0]
                .decode((Bool, Bool).self)
            #expect(sentinels == (true, true))

            // What the server sends decodes to the same instant, whatever zone the session shows it in: the
            // parser honours offsets with minutes (+05:30, -03:30) and seconds (Tokyo's local mean time in 1880).
            let expectations: [(zone: String, literal: String, seconds: Int64, micros: Int)] = [
                ("UTC", "2024-02-29 12:34:56.789012+00", 1_709_210_096, 789_012),
                ("Asia/Kolkata", "2024-02-29 12:34:56.789012+00", 1_709_210_096, 789_012),
                ("America/St_Johns", "2024-02-29 12:34:56+00", 1_709_210_096, 0),
                ("Asia/Tokyo", "1880-01-01 00:00:00+00", -2_840_140_800, 0),
            ]
            for e in expectations {
                let (shown, decoded) = try await db.transaction(prelude: ["SELECT set_config('TimeZone', \(e.zone), true)"]) {
                    tx in
                    try await tx.query("SELECT \(unsafeSQL: "'\(e.literal)'")::timestamptz::text, \(unsafeSQL: "'\(e.literal)'")::timestamptz")[0]
                        .decode((String, Date).self)
                }
                #expect(sameInstant(decoded, instant(e.seconds, micros: e.micros)), "\(e.zone): \(shown) → \(decoded)")
            }
            let tokyo = try await db.transaction(prelude: ["SELECT set_config('TimeZone', 'Asia/Tokyo', true)"]) { tx in
                try await tx.query("SELECT '1880-01-01 00:00:00+00'::timestamptz::text").scalar(String.self)
            }
            #expect(tokyo == "1880-01-01 09:18:59+09:18:59", "the offset-with-seconds case is really exercised")

            // `timestamp` (no zone) and `date` columns read as UTC.
            let (plain, midnight) = try await db.query(
                "SELECT '2024-02-29 12:34:56.789012'::timestamp, '2024-02-29'::date")[0].decode((Date, Date).self)
            #expect(sameInstant(plain, leapDay))
            #expect(midnight == instant(1_709_164_800))

            // Infinite timestamps map to the distant past and future.
            let (plus, minus) = try await db.query("SELECT 'infinity'::timestamptz, '-infinity'::timestamptz")[0]
                .decode((Date, Date).self)
            #expect(plus == .distantFuture)
            #expect(minus == .distantPast)
        }
    }

    @Test func instantsOutsideYears1To9999AreAnEncodingError() async throws {
        try await TestDatabase.with { db, _ in
            for date in [instant(-62_135_596_801), instant(253_402_300_800)] {
                let error = await #expect(throws: DatabaseError.self) { try await db.query("SELECT \(date)") }
                #expect(error?.code == .encoding)
            }
        }
    }

    @Test func calendarDates() async throws {
        try await TestDatabase.with { db, _ in
            let values = [
                CalendarDate(year: 1, month: 1, day: 1)!, CalendarDate(year: 9999, month: 12, day: 31)!,
                CalendarDate(year: 2024, month: 2, day: 29)!, CalendarDate(year: 1970, month: 1, day: 1)!,
                CalendarDate(year: 1969, month: 12, day: 31)!, CalendarDate(year: 2000, month: 2, day: 29)!,
            ]
            try await RoundTrip(db: db).check(values, column: "date", parameterType: "date")
            // The server agrees about the day.
            let next = try await db.query("SELECT (\(CalendarDate(year: 2024, month: 2, day: 28)!) + 1)::text")
                .scalar(String.self)
            #expect(next == "2024-02-29")
            let epochDays = try await db.query("SELECT \(CalendarDate(year: 1, month: 1, day: 1)!) - '1970-01-01'::date")
                .scalar(Int.self)
            #expect(epochDays == CalendarDate(year: 1, month: 1, day: 1)!.daysSinceEpoch)
            #expect(epochDays == -719_162)
            // Days that do not exist are refused at construction.
            #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
            #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
            #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
            // Infinite and BC dates cannot be represented and say so.
            for literal in ["'infinity'::date", "'0001-12-31 BC'::date"] {
                let error = await #expect(throws: DatabaseError.self) {
                    try await db.query("SELECT \(unsafeSQL: literal) AS d")[0].decode(CalendarDate.self, at: 0)
                }
                #expect(error?.code == .decoding)
            }
        }
    }

    @Test func decimals() async throws {
        try await TestDatabase.with { db, _ in
            let texts = [
                "0", "1", "-1", "0.1", "1234.5", "12345678901234567890.123456789", "-12345678901234567890.123456789",
                "0.000000000000000001", "99999999999999999999999999999999999999", "-0.5",
            ]
            let values = texts.map { Decimal(string: $0, locale: nil)! }
            try await RoundTrip(db: db).check(values, column: "numeric", parameterType: "numeric")
            try await RoundTrip(db: db).check(
                [Decimal(string: "1.5")!, Decimal(string: "-99999.9999")!], column: "numeric(9,4)",
                parameterType: "numeric")
            // The server received the exact digits (not a binary approximation).
            for (text, value) in zip(texts, values) {
                let seen = try await db.query("SELECT \(value)::text").scalar(String.self)
                #expect(seen == text)
            }
            let exactSum = try await db.query("SELECT (\(Decimal(string: "0.1")!) + \(Decimal(string: "0.2")!))::text")
                .scalar(String.self)
            #expect(exactSum == "0.3")
            // NaN can be sent but not read back into a Decimal that means a number.
            let nan = try await db.query("SELECT \(Decimal.nan)::text").scalar(String.self)
            #expect(nan == "NaN")
        }
    }

    @Test func bytea() async throws {
        try await TestDatabase.with { db, _ in
            let all = (0...255).map { UInt8($0) }
            var generator = SystemRandomNumberGenerator()
            let large = (0..<(1 << 20)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            try await RoundTrip(db: db).check(
                [all, [], [0], [0xff], Array(all.reversed()), large], column: "bytea", parameterType: "bytea")
            let (length, first, last, hex) = try await db.query(
                "SELECT length(\(all)), get_byte(\(all), 0), get_byte(\(all), 255), encode(\(all), 'hex')"
            )[0].decode((Int, Int, Int, String).self)
            #expect(length == 256)
            #expect(first == 0)
            #expect(last == 255)
            #expect(hex == all.map { String(format: "%02x", $0) }.joined())
        }
    }

    @Test func optionalsCarryTheirDeclaredTypeWhenNil() async throws {
        try await TestDatabase.with { db, _ in
            let types = try await db.query(
                """
                SELECT pg_typeof(\(Int?.none))::text, pg_typeof(\(Int32?.none))::text, pg_typeof(\(Bool?.none))::text,
                       pg_typeof(\(UUID?.none))::text, pg_typeof(\(Date?.none))::text,
                       pg_typeof(\(CalendarDate?.none))::text, pg_typeof(\([UInt8]?.none))::text,
                       pg_typeof(\([Int]?.none))::text
                """)[0].decode((String, String, String, String, String, String, String, String).self)
            #expect(types.0 == "bigint")
            #expect(types.1 == "integer")
            #expect(types.2 == "boolean")
            #expect(types.3 == "uuid")
            #expect(types.4 == "timestamp with time zone")
            #expect(types.5 == "date")
            #expect(types.6 == "bytea")
            #expect(types.7 == "bigint[]")
            // Some and none side by side in one row.
            let row = try await db.query("SELECT \(Int?.some(5)), \(String?.none), \(String?.some(japanese))")[0]
            let decoded = try row.decode((Int?, String?, String?).self)
            #expect(decoded.0 == 5)
            #expect(decoded.1 == nil)
            #expect(decoded.2 == japanese)
        }
    }
}
