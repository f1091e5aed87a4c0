import API
import Domain
import Foundation
import Testing

/// The tools the OpenAPI drift test stands on: a JSON Schema validator and a recorder of the keys a body type decodes.
@Suite struct SchemaToolsTests {
    // MARK: JSONSchemaValidator

    private func valid(_ value: JSONValue, _ schema: JSONValue, components: JSONValue? = nil) -> Bool {
        JSONSchemaValidator.errors(value, against: schema, components: components).isEmpty
    }

    @Test func types() {
        #expect(valid("x", ["type": "string"]))
        #expect(!valid(1, ["type": "string"]))
        #expect(valid(.number(2.5), ["type": "number"]))
        #expect(!valid("2.5", ["type": "number"]))
        #expect(valid(3, ["type": "integer"]))
        #expect(!valid(.number(3.5), ["type": "integer"]))
        #expect(valid(true, ["type": "boolean"]))
        #expect(!valid(0, ["type": "boolean"]))
        #expect(valid([], ["type": "array"]))
        #expect(!valid([:], ["type": "array"]))
        #expect(valid([:], ["type": "object"]))
        #expect(!valid([], ["type": "object"]))
        #expect(valid(.null, ["type": "null"]))
        #expect(!valid("", ["type": "null"]))
        #expect(JSONSchemaValidator.errors(1, against: ["type": "string"]) == ["$: 1 is not of type string"])
    }

    @Test func nullableTypes() {
        let schema: JSONValue = ["type": ["string", "null"], "format": "uuid"]
        #expect(valid(.null, schema))
        #expect(valid("6F9619FF-8B86-D011-B42D-00C04FC964FF", schema))
        #expect(!valid(1, schema))
        #expect(!valid("nope", schema))
        #expect(JSONSchemaValidator.errors(true, against: schema) == ["$: true is not of type [string, null]"])
    }

    @Test func objects() {
        let schema: JSONValue = [
            "type": "object", "properties": ["name": ["type": "string"], "age": ["type": "integer"]], "required": ["name"],
        ]
        #expect(valid(["name": "a", "age": 3], schema))
        #expect(valid(["name": "a", "extra": true], schema), "additional properties are allowed unless forbidden")
        #expect(JSONSchemaValidator.errors(["age": 3], against: schema) == ["$: missing required property \"name\""])
        #expect(JSONSchemaValidator.errors(["name": "a", "age": "3"], against: schema) == ["$.age: \"3\" is not of type integer"])

        var closed = schema
        if case .object(var object) = closed { object["additionalProperties"] = false; closed = .object(object) }
        #expect(valid(["name": "a"], closed))
        #expect(JSONSchemaValidator.errors(["name": "a", "extra": true], against: closed) == ["$: unexpected property \"extra\""])

        let map: JSONValue = ["type": "object", "additionalProperties": ["type": "integer"]]
        #expect(valid(["a": 1, "b": 2], map))
        #expect(JSONSchemaValidator.errors(["a": 1, "b": "2"], against: map) == ["$.b: \"2\" is not of type integer"])
    }

    @Test func arrays() {
        let schema: JSONValue = ["type": "array", "items": ["type": "string"], "minItems": 1, "maxItems": 2]
        #expect(valid(["a"], schema))
        #expect(valid(["a", "b"], schema))
        #expect(JSONSchemaValidator.errors([], against: schema) == ["$: has 0 items, fewer than 1"])
        #expect(JSONSchemaValidator.errors(["a", "b", "c"], against: schema) == ["$: has 3 items, more than 2"])
        #expect(JSONSchemaValidator.errors(["a", 2], against: schema) == ["$[1]: 2 is not of type string"])
    }

    @Test func errorPathsAndEnum() {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["items": ["type": "array", "items": ["type": "object", "properties": ["state": ["enum": ["a", "b"]]]]]],
        ]
        let value: JSONValue = ["items": [["state": "a"], ["state": "b"], ["state": "a"], ["state": "x"]]]
        #expect(JSONSchemaValidator.errors(value, against: schema) == ["$.items[3].state: \"x\" is not one of [a, b]"])
        #expect(valid(2, ["enum": [1, 2, .null]]))
        #expect(valid(.null, ["enum": [1, 2, .null]]))
        #expect(!valid(3, ["enum": [1, 2, .null]]))
    }

    @Test func const() {
        #expect(valid("v1", ["const": "v1"]))
        #expect(JSONSchemaValidator.errors("v2", against: ["const": "v1"]) == ["$: \"v2\" is not \"v1\""])
        #expect(valid(["a": 1], ["const": ["a": 1]]))
        #expect(!valid(["a": 2], ["const": ["a": 1]]))
    }

    @Test func uuidFormat() {
        let schema: JSONValue = ["type": "string", "format": "uuid"]
        #expect(valid("6f9619ff-8b86-d011-b42d-00c04fc964ff", schema))
        #expect(valid(.string(UUID().uuidString), schema))
        #expect(!valid("6f9619ff8b86d011b42d00c04fc964ff", schema))
        #expect(!valid("6f9619ff-8b86-d011-b42d-00c04fc964fg", schema))
        #expect(!valid("{6f9619ff-8b86-d011-b42d-00c04fc964ff}", schema))
        #expect(JSONSchemaValidator.errors("x", against: schema) == ["$: \"x\" is not a valid uuid"])
    }

    @Test func dateFormat() {
        let schema: JSONValue = ["type": "string", "format": "date"]
        #expect(valid("2026-04-30", schema))
        #expect(valid("2024-02-29", schema))
        #expect(!valid("2026-02-29", schema), "2026 is not a leap year")
        #expect(!valid("2026-04-31", schema))
        #expect(!valid("2026-13-01", schema))
        #expect(!valid("2026-4-30", schema))
        #expect(!valid("2026-04-30T00:00:00Z", schema))
    }

    @Test func dateTimeFormat() {
        let schema: JSONValue = ["type": "string", "format": "date-time"]
        #expect(valid("2026-04-30T09:15:00Z", schema))
        #expect(valid("2026-04-30T09:15:00.123456Z", schema))
        #expect(valid("2026-04-30T09:15:00+09:00", schema))
        #expect(valid("2026-04-30T09:15:00.5-05:30", schema))
        #expect(!valid("2026-04-30 09:15:00Z", schema), "RFC 3339 here means T")
        #expect(!valid("2026-04-30T09:15Z", schema), "seconds are required")
        #expect(!valid("2026-04-30T09:15:00", schema), "an offset is required")
        #expect(!valid("2026-04-30T24:00:00Z", schema))
        #expect(!valid("2026-02-30T09:15:00Z", schema))
        #expect(!valid("2026-04-30T09:15:00.Z", schema))
        #expect(!valid("2026-04-30T09:15:00+0900", schema))
    }

    @Test func emailAndUnknownFormats() {
        let email: JSONValue = ["type": "string", "format": "email"]
        #expect(valid("someone@example.com", email))
        #expect(!valid("someone", email))
        #expect(!valid("@example.com", email))
        #expect(!valid("someone@", email))
        #expect(!valid("some one@example.com", email))
        #expect(valid("anything", ["type": "string", "format": "hostname-ish"]), "unknown formats pass")
    }

    @Test func numericBounds() {
        let schema: JSONValue = ["type": "integer", "minimum": 1, "maximum": 200]
        #expect(valid(1, schema))
        #expect(valid(200, schema))
        #expect(JSONSchemaValidator.errors(0, against: schema) == ["$: 0 is less than the minimum 1"])
        #expect(JSONSchemaValidator.errors(201, against: schema) == ["$: 201 is greater than the maximum 200"])
        let exclusive: JSONValue = ["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1]
        #expect(valid(.number(0.5), exclusive))
        #expect(JSONSchemaValidator.errors(0, against: exclusive) == ["$: 0 is not greater than 0"])
        #expect(JSONSchemaValidator.errors(1, against: exclusive) == ["$: 1 is not less than 1"])
    }

    @Test func stringLengthsCountCodePoints() {
        let schema: JSONValue = ["type": "string", "minLength": 2, "maxLength": 3]
        #expect(valid("ab", schema))
        #expect(valid("abc", schema))
        #expect(!valid("a", schema))
        #expect(!valid("abcd", schema))
        // One grapheme cluster, two code points: e + U+0301.
        #expect(valid("e\u{301}", schema))
        // Five code points (man, ZWJ, woman, ZWJ, girl) although Swift sees one Character.
        #expect(!valid("👨‍👩‍👧", schema))
        #expect(JSONSchemaValidator.errors("a", against: schema) == ["$: \"a\" is shorter than 2 characters"])
    }

    @Test func pattern() {
        #expect(valid("abc-123", ["type": "string", "pattern": "[0-9]+"]), "unanchored: a match anywhere will do")
        #expect(!valid("abc", ["type": "string", "pattern": "[0-9]+"]))
        #expect(valid("12:30", ["pattern": "^[0-2][0-9]:[0-5][0-9]$"]))
        #expect(!valid("x12:30", ["pattern": "^[0-2][0-9]:[0-5][0-9]$"]))
        #expect(!JSONSchemaValidator.errors("a", against: ["pattern": "("]).isEmpty, "a broken pattern is reported")
    }

    @Test func combinators() {
        let oneOf: JSONValue = ["oneOf": [["type": "integer"], ["type": "number", "minimum": 10]]]
        #expect(valid(3, oneOf))
        #expect(valid(.number(10.5), oneOf))
        #expect(!valid(12, oneOf), "both branches match 12")
        #expect(!valid("x", oneOf))

        let anyOf: JSONValue = ["anyOf": [["type": "string"], ["type": "integer"]]]
        #expect(valid("x", anyOf))
        #expect(valid(3, anyOf))
        #expect(!valid(true, anyOf))

        let allOf: JSONValue = ["allOf": [["type": "string"], ["minLength": 2]]]
        #expect(valid("ab", allOf))
        #expect(JSONSchemaValidator.errors("a", against: allOf) == ["$: \"a\" is shorter than 2 characters"])
    }

    @Test func booleanSchemas() {
        #expect(valid("anything", true))
        #expect(!valid("anything", false))
        #expect(valid(["a": 1], ["type": "object", "properties": ["a": true]]))
    }

    @Test func references() {
        let components: JSONValue = [
            "schemas": [
                "Goal": [
                    "type": "object", "required": ["id"],
                    "properties": ["id": ["type": "string", "format": "uuid"], "parent": ["$ref": "#/components/schemas/Goal"]],
                ],
                "Loop": ["$ref": "#/components/schemas/Loop"],
            ],
        ]
        let reference: JSONValue = ["$ref": "#/components/schemas/Goal"]
        let id = JSONValue.string(UUID().uuidString)
        #expect(valid(["id": id], reference, components: components))
        #expect(valid(["id": id, "parent": ["id": id]], reference, components: components), "a schema may refer to itself")
        #expect(JSONSchemaValidator.errors(["id": id, "parent": [:]], against: reference, components: components)
            == ["$.parent: missing required property \"id\""])
        #expect(!valid(["id": id], ["$ref": "#/components/schemas/Missing"], components: components))
        #expect(!valid(["id": id], reference), "without components the reference cannot resolve")
        #expect(!valid(1, ["$ref": "#/components/schemas/Loop"], components: components), "a cycle ends in an error, not a crash")
        // Keywords beside $ref apply too (2020-12).
        #expect(!valid(["id": id, "x": 1], ["$ref": "#/components/schemas/Goal", "additionalProperties": false], components: components))
    }

    // MARK: DecodedKeys

    enum Mood: String, Decodable, CaseIterable { case calm, busy }

    struct Inner: Decodable { var label: String; var level: Int }

    /// Synthesized: optional properties decode with decodeIfPresent, the rest with decode.
    struct Synthesized: Decodable {
        var title: String
        var mood: Mood
        var ownerId: UUID
        var dueDate: LocalDate
        var inner: Inner
        var tags: [String]
        var note: String?
        var parentId: UUID?
        var weight: Double?
        var count: Int
        var createdAt: Date
        var flag: Bool
    }

    @Test func synthesizedKeys() {
        let keys = DecodedKeys.of(Synthesized.self)
        #expect(!keys.incomplete)
        #expect(keys.all == ["title", "mood", "owner_id", "due_date", "inner", "tags", "note", "parent_id", "weight", "count",
                             "created_at", "flag"])
        #expect(keys.required == ["title", "mood", "owner_id", "due_date", "inner", "tags", "count", "created_at", "flag"])
        #expect(!keys.all.contains("label"), "a nested object's keys are not the body's")
    }

    /// Absent, null or a value — a local copy of the API's PatchField, which is internal.
    enum Patch<Value: Decodable> {
        case absent, null, value(Value)
    }

    struct PatchBody: Decodable {
        var title: String?
        var description: Patch<String>
        var dueDate: Patch<LocalDate>
        var mood: Patch<Mood>
        var period: String

        enum CodingKeys: String, CodingKey { case title, description, dueDate, mood, period }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func patch<Value: Decodable>(_ key: CodingKeys) throws -> Patch<Value> {
                guard c.contains(key) else { return .absent }
                if try c.decodeNil(forKey: key) { return .null }
                return .value(try c.decode(Value.self, forKey: key))
            }
            title = try c.decodeIfPresent(String.self, forKey: .title)
            description = try patch(.description)
            dueDate = try patch(.dueDate)
            mood = try patch(.mood)
            period = try c.decode(String.self, forKey: .period)
        }
    }

    @Test func patchFieldKeysAreOptional() {
        let keys = DecodedKeys.of(PatchBody.self)
        #expect(keys == DecodedKeys(all: ["title", "description", "due_date", "mood", "period"], required: ["period"]))
    }

    struct SnakeBody: Decodable {
        var goalID: UUID
        var periodStart: LocalDate
        var myURLValue: String?
    }

    @Test func keysAreReportedInSnakeCase() {
        let keys = DecodedKeys.of(SnakeBody.self)
        #expect(keys == DecodedKeys(all: ["goal_id", "period_start", "my_url_value"], required: ["goal_id", "period_start"]))
        #expect(DecodedKeys.snakeCase("ownerId") == "owner_id")
        #expect(DecodedKeys.snakeCase("already_snake") == "already_snake")
        #expect(DecodedKeys.of(SnakeBody.self, keyDecoding: { $0 }).all == ["goalID", "periodStart", "myURLValue"])
    }

    /// A string-backed enum that is not CaseIterable, inside a type with its own keys (like Recurrence's Kind).
    struct Rule: Decodable {
        enum Kind: String, Decodable { case monthlyDay = "monthly_day", weekly }
        var kind: Kind
        var at: String
    }

    struct Checked: Decodable {
        var rule: Rule
        var code: String
        var after: Int

        enum CodingKeys: String, CodingKey { case rule, code, after }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rule = try c.decode(Rule.self, forKey: .rule)
            code = try c.decode(String.self, forKey: .code)
            // Validates while decoding: "x" fails, so the recorder tries other spellings.
            guard LocalDate(iso: code) != nil else {
                throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "not a date")
            }
            after = try c.decode(Int.self, forKey: .after)
        }
    }

    @Test func nestedEnumsAndValidatingInits() {
        #expect(DecodedKeys.of(Checked.self) == DecodedKeys(all: ["rule", "code", "after"], required: ["rule", "code", "after"]))
    }

    struct Refuses: Decodable {
        var first: String
        var second: String
        init(from decoder: any Decoder) throws {
            enum Keys: String, CodingKey { case first, second }
            let c = try decoder.container(keyedBy: Keys.self)
            first = try c.decode(String.self, forKey: .first)
            throw DecodingError.dataCorruptedError(forKey: .first, in: c, debugDescription: "never")
        }
    }

    @Test func aTypeThatAlwaysThrowsIsIncomplete() {
        #expect(DecodedKeys.of(Refuses.self) == DecodedKeys(all: ["first"], required: ["first"], incomplete: true))
    }
}
