import API
import UseCases
import Foundation
import Testing

/// `CanonicalJSONEncoder` writes what `APIJSON.encoder` writes, byte for byte, except that UUIDs are lower case. The samples
/// compared with Foundation hold no UUID; the UUID tests state the exact expected text.
@Suite struct CanonicalJSONEncoderTests {
    @Test func nestedStructsWithOptionalsPresentAndAbsent() throws {
        try expectSameAsFoundation(JSONSample.outer(seed: 1))
        try expectSameAsFoundation(JSONSample.outer(seed: 2))
        try expectSameAsFoundation([JSONSample.outer(seed: 3), JSONSample.outer(seed: 4)])
        try expectSameAsFoundation(JSONSample.Inner.make(0))
        try expectSameAsFoundation(JSONSample.Inner.make(5))
        try expectSameAsFoundation((0..<12).map(JSONSample.Inner.make))
    }

    @Test func dictionariesKeepTheirKeysAndAreSorted() throws {
        // Foundation converts the keys of keyed containers to snake_case, not those of a [String: V].
        try expectSameAsFoundation(["goalID": 1, "periodStart": 2, "already_snake": 3, "B": 4, "a": 5, "é": 6, "": 7, "10": 8, "9": 9])
        try expectSameAsFoundation(["periodStart": ["x", "y/z"], "empty": [], "日本": ["テキスト"]] as [String: [String]])
        try expectSameAsFoundation(["outerKey": ["innerKey": 1]] as [String: [String: Int]])
        try expectSameAsFoundation([String: Int]())
        try expectSameAsFoundation(["k\"ey\n\u{1}/": "v"])
        // Keyed by Int or by a CodingKeyRepresentable enum: a keyed container, converted as Foundation does.
        try expectSameAsFoundation([3: "x", 10: "y", -1: "z"])
        try expectSameAsFoundation([JSONSample.Kind.fooBar: 1, JSONSample.Kind.bazQux: 2])
        // Keyed by anything else: an array of alternating keys and values.
        try expectSameAsFoundation([2.5: "x"])
    }

    @Test func keysConvertLikeFoundation() throws {
        try expectSameAsFoundation(JSONSample.Keys())
        try expectSameAsFoundation(JSONSample.OddKeys())
    }

    @Test func doubles() throws {
        try expectSameAsFoundation([
            0.1, 1e21, -0.0, 0.0, 123456789.123, 1, 0.5, 1e20, 1e16, 1e15, 999_999_999_999_999, -999_999_999_999_999, 1e-7,
            Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 2.5e-5, 100,
            1_234_567_890_123_456_789.0,
            0.30000000000000004, Double.pi, -1.5, 4_503_599_627_370_496.5, 9_007_199_254_740_992,
        ])
        try expectSameAsFoundation([Float(0.1), 1e20, 3, 1.5e-7, 16_777_216, -0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude])
        try expectSameAsFoundation(JSONSample.Numbers())
        var generator = JSONSample.SplitMix(seed: 42)
        var doubles: [Double] = []
        for _ in 0..<5000 {
            let bits = generator.next() & 0x7FEF_FFFF_FFFF_FFFF
            doubles.append(Double(bitPattern: bits | (generator.next() & 0x8000_0000_0000_0000)))
            doubles.append(Double(Int64(bitPattern: generator.next()) % 2_000_000_000_000_000))
            doubles.append(Double(Int64(bitPattern: generator.next()) % 10_000_000) / 100)
        }
        try expectSameAsFoundation(doubles)
        try expectSameAsFoundation(doubles.map(Float.init).filter(\.isFinite))
    }

    @Test func nonConformingFloatsThrow() {
        #expect(throws: EncodingError.self) { try CanonicalJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try CanonicalJSONEncoder().encode(["a": Double.infinity]) }
        #expect(throws: EncodingError.self) { try CanonicalJSONEncoder().encode(-Float.infinity) }
    }

    @Test func integersOfEveryWidth() throws {
        try expectSameAsFoundation(JSONSample.Integers())
        try expectSameAsFoundation([Int.min, -1, 0, 1, Int.max])
        try expectSameAsFoundation([Int8.min, 0, Int8.max])
        try expectSameAsFoundation([UInt64.max])
        try expectSameAsFoundation(Int128.min)
        try expectSameAsFoundation(UInt128.max)
    }

    @Test func strings() throws {
        try expectSameAsFoundation(String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }))
        try expectSameAsFoundation(
            "q\"b\\n\nt\t\u{0}\u{1}\u{8}\u{c}\r\u{1f}\u{7f}\u{2028}\u{2029}/😀 日本語のテキスト \u{FEFF}e\u{301}")
        try expectSameAsFoundation((0..<0x20).map { String(Unicode.Scalar(UInt8($0))) })
        try expectSameAsFoundation(["", "/", "a/b", "\\/", "👩‍👩‍👧‍👦", "\u{2028}"])
    }

    @Test func datesDataURLsAndDecimals() throws {
        try expectSameAsFoundation([
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_489_200), Date(timeIntervalSince1970: -0.5),
            Date(timeIntervalSince1970: 1_795_489_200.999), Date(timeIntervalSince1970: 1_795_489_199.999_999_9),
            Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: -62_135_596_800),
            Date(timeIntervalSince1970: 253_402_300_800), Date(timeIntervalSince1970: 253_402_300_799.9),
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
        ])
        let dates = (0..<3000).map { Date(timeIntervalSince1970: -2_300_000_000 + Double($0) * 85_000_123.45) }
        try expectSameAsFoundation(dates)
        #expect(
            String(decoding: try CanonicalJSONEncoder().encode(Date(timeIntervalSince1970: 1_795_489_200)), as: UTF8.self)
                == "\"2026-11-24T03:00:00Z\"")
        try expectSameAsFoundation([Data(), Data([0, 1, 2, 255, 254]), Data((0..<100).map { UInt8($0 * 7 % 256) })])
        try expectSameAsFoundation([
            URL(string: "https://example.com/a/b?c=d&e=f#g")!, URL(string: "b/c", relativeTo: URL(string: "https://ex.com/a/")!)!,
        ])
        try expectSameAsFoundation([Decimal(string: "1.25")!, Decimal(0), Decimal(string: "-1e30")!, Decimal(string: "0.000001")!])
    }

    @Test func enumsSingleValuesAndNulls() throws {
        try expectSameAsFoundation(
            JSONSample.Enums(status: .onHold, level: .high, wrapped: .init(raw: "w/\"x\""), statuses: [.active, .onHold]))
        try expectSameAsFoundation(JSONSample.Wrapped(raw: "top"))
        try expectSameAsFoundation(JSONSample.ExplicitNil(count: nil, label: nil))
        try expectSameAsFoundation(JSONSample.ExplicitNil(count: 3, label: "x"))
        try expectSameAsFoundation([nil, 1] as [Int?])
        try expectSameAsFoundation(Int?.none)
        try expectSameAsFoundation(true)
        try expectSameAsFoundation([[1, 2], [], [3]])
    }

    @Test func containersUsedByHand() throws {
        try expectSameAsFoundation(JSONSample.SuperAndNested())
        try expectSameAsFoundation(JSONSample.SameKeyTwice())
        try expectSameAsFoundation(JSONSample.UnkeyedMix())
        try expectSameAsFoundation(JSONSample.Derived())
        try expectSameAsFoundation([JSONSample.Empty()])
        try expectSameAsFoundation(["a": JSONSample.Empty()])
        try expectSameAsFoundation(JSONSample.SingleEmpty())
        #expect(throws: EncodingError.self) { try CanonicalJSONEncoder().encode(JSONSample.Empty()) }
    }

    @Test func uuidsAreLowerCase() throws {
        let first = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        let second = UUID(uuidString: "00000000-0000-0000-0000-0000000000AB")!
        let value = JSONSample.Identified(
            goalID: first, ownerIDs: [first, second], byName: ["zeta": second, "alpha": first], parentID: second, otherID: nil,
            nested: [.init(goalID: second, ownerIDs: [], byName: [:], parentID: nil, otherID: nil, nested: [])])
        let written = String(decoding: try CanonicalJSONEncoder().encode(value), as: UTF8.self)
        #expect(
            written == """
                {"by_name":{"alpha":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f","zeta":"00000000-0000-0000-0000-0000000000ab"},\
                "goal_id":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f","nested":[{"by_name":{},\
                "goal_id":"00000000-0000-0000-0000-0000000000ab","nested":[],"owner_i_ds":[]}],\
                "owner_i_ds":["e621e1f8-c36c-495a-93fc-0c247a3e6e5f","00000000-0000-0000-0000-0000000000ab"],\
                "parent_id":"00000000-0000-0000-0000-0000000000ab"}
                """)
        // `ownerIDs` is `owner_i_ds`: Foundation's conversion, kept. Everything else in the sample is lower case
        // already, so Foundation's text, lowered, is the same.
        let foundation = String(decoding: try APIJSON.encoder.encode(value), as: UTF8.self)
        #expect(written == foundation.lowercased())
        func text(_ value: some Encodable) throws -> String { String(decoding: try CanonicalJSONEncoder().encode(value), as: UTF8.self) }
        #expect(try text(first) == "\"e621e1f8-c36c-495a-93fc-0c247a3e6e5f\"")
        #expect(try text(Optional(first)) == "\"e621e1f8-c36c-495a-93fc-0c247a3e6e5f\"")
        // A dictionary keyed by UUID is an array of keys and values; its keys are lower case too.
        #expect(try text([first: 1]) == "[\"e621e1f8-c36c-495a-93fc-0c247a3e6e5f\",1]")
        let random = UUID()
        #expect(try text(random) == "\"\(random.uuidString.lowercased())\"")
    }

    @Test func repeatedRunsWriteTheSameBytes() throws {
        let value = (0..<50).map { JSONSample.outer(seed: $0) }
        let first = try CanonicalJSONEncoder().encode(value)
        for _ in 0..<10 {
            #expect(try CanonicalJSONEncoder().encode(value) == first)
        }
        #expect(try CanonicalJSONEncoder().encodeToData(value) == Data(first))
    }
}

/// Fails unless both encoders write the same bytes (or both throw).
private func expectSameAsFoundation<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let expected = String(decoding: try APIJSON.encoder.encode(value), as: UTF8.self)
    let written = String(decoding: try CanonicalJSONEncoder().encode(value), as: UTF8.self)
    #expect(written == expected, sourceLocation: sourceLocation)
    #expect(Array(written.utf8) == Array(try APIJSON.encoder.encode(value)), sourceLocation: sourceLocation)
}

private enum JSONSample {
    struct Inner: Codable {
        var periodStart: Date
        var note: String?
        var score: Double?
        var tags: [String]
        var weight: Int8

        static func make(_ seed: Int) -> Inner {
            Inner(
                periodStart: Date(timeIntervalSince1970: 1_795_489_200 + Double(seed) * 3601.7),
                note: seed % 3 == 0 ? nil : "note \(seed) \"quoted\" \\ / 日本",
                score: seed % 4 == 0 ? nil : Double(seed) / 7,
                tags: (0..<(seed % 4)).map { "t\($0)" },
                weight: Int8(seed % 100))
        }
    }

    struct Outer: Codable {
        var name: String
        var inner: Inner
        var inners: [Inner]
        var maybeInner: Inner?
        var counts: [String: Int]
        var lists: [String: [String]]
        var myURLValue: URL
        var already_snake: Int
        var blob: Data
        var ratio: Float
        var amount: Decimal
        var flag: Bool
        var nothing: Int?
        var goalID: Int
    }

    static func outer(seed: Int) -> Outer {
        Outer(
            name: "名前 😀 \u{2028} \(seed)", inner: .make(seed), inners: (0..<(seed % 6)).map(Inner.make),
            maybeInner: seed % 2 == 0 ? nil : .make(seed + 1),
            counts: ["goalID": seed, "b": 2, "A": 3, "already_snake": 4, "é": 5],
            lists: ["periodStart": ["x", "y"], "z": []],
            myURLValue: URL(string: "https://example.com/a/b?c=\(seed)")!, already_snake: seed,
            blob: Data((0..<(seed % 9)).map { UInt8($0) }), ratio: Float(seed) / 10, amount: Decimal(seed) / 8,
            flag: seed % 2 == 0, nothing: seed % 2 == 0 ? nil : seed, goalID: seed)
    }

    struct Keys: Encodable {
        var goalID = 1, periodStart = 2, myURLValue = 3, already_snake = 4, URL = 5, a1B = 6, _private = 7, x__y = 8
        var ABCdef = 9, aBC = 10, éÉa = 11, a2b = 12, Zed = 13, zed = 14, aB_C = 15, __x = 16, x_ = 17, userIDs = 18
        var htmlURLString = 19, a = 20, ab = 21, aB = 22
    }

    struct OddKeys: Encodable {
        enum CodingKeys: String, CodingKey {
            case a = "a\u{301}Bc", b = "éÉa", c = "ǅemo", d = "aǅb", e = "x\r\nYz", f = "ÀBCd", g = "aΣσ", h = "quo\"teKey"
            case i = "", j = "tab\tKey", k = "日本Key", l = "😀Smile"
        }
        var a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10, k = 11, l = 12
    }

    struct Numbers: Encodable {
        var small = 0.1, big = 1e21, negativeZero = -0.0, mixed = 123456789.123, whole = 42.0, tiny = 1e-7
        var single: Float = 0.1
    }

    struct Integers: Encodable {
        var int = Int.min, int8 = Int8.min, int16 = Int16.min, int32 = Int32.min, int64 = Int64.min
        var uint = UInt.max, uint8 = UInt8.max, uint16 = UInt16.max, uint32 = UInt32.max, uint64 = UInt64.max
        var intMax = Int.max, int128 = Int128.min, uint128 = UInt128.max, zero = 0, negative = -7
    }

    enum Status: String, Codable { case active, onHold = "on_hold" }
    enum Level: Int, Codable { case low = 1, high = 9 }
    enum Kind: String, Codable, CodingKeyRepresentable { case fooBar, bazQux }

    struct Wrapped: Codable {
        var raw: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(raw)
        }
    }

    struct Enums: Codable {
        var status: Status
        var level: Level
        var wrapped: Wrapped
        var statuses: [Status]
    }

    struct ExplicitNil: Encodable {
        var count: Int?
        var label: String?
        enum CodingKeys: String, CodingKey { case count, labelText }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encodeNil(forKey: .labelText)
        }
    }

    enum Key: String, CodingKey { case aKey, bKey, cKey, a_key }

    struct Empty: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    struct SingleEmpty: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(Empty())
        }
    }

    struct SuperAndNested: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            _ = container.superEncoder()
            _ = container.superEncoder(forKey: .aKey)
            var single = container.superEncoder(forKey: .bKey).singleValueContainer()
            try single.encode(3)
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: .cKey)
            try nested.encode("x", forKey: .aKey)
            var again = container.nestedContainer(keyedBy: Key.self, forKey: .cKey)
            try again.encode("y", forKey: .bKey)
        }
    }

    struct SameKeyTwice: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(1, forKey: .aKey)
            try container.encode(2, forKey: .bKey)
            var second = encoder.container(keyedBy: Key.self)
            try second.encode(3, forKey: .aKey)
            try second.encode(4, forKey: .a_key)
        }
    }

    struct UnkeyedMix: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(1)
            try container.encodeNil()
            try container.encode("s")
            var nested = container.nestedContainer(keyedBy: Key.self)
            try nested.encode(true, forKey: .aKey)
            var nestedArray = container.nestedUnkeyedContainer()
            try nestedArray.encode(2.5)
            var single = container.superEncoder().singleValueContainer()
            try single.encode(Int8(4))
            try container.encode(Date(timeIntervalSince1970: 0))
            _ = container.superEncoder()
        }
    }

    struct Base: Encodable {
        var baseValue = 1
        var sharedKey = "base"
    }

    struct Derived: Encodable {
        var derivedValue = 2
        enum CodingKeys: String, CodingKey { case derivedValue }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(derivedValue, forKey: .derivedValue)
            try Base().encode(to: container.superEncoder())
        }
    }

    struct Identified: Encodable {
        var goalID: UUID
        var ownerIDs: [UUID]
        var byName: [String: UUID]
        var parentID: UUID?
        var otherID: UUID?
        var nested: [Identified]
    }

    /// Reproducible pseudo-random numbers.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
