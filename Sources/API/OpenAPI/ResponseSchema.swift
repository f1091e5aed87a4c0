import Domain
import Foundation

/// A type whose JSON the recording decoder cannot read off its properties (hand-written coding): it names its own
/// schema.
protocol DescribesOwnSchema {
    static var ownSchema: JSONValue { get }
}

extension Schema {
    /// The schema of what ``CanonicalJSONEncoder`` writes for `type`, read off the type itself so that a response's
    /// documented shape cannot drift from its DTO. An object's properties are the keys its synthesized
    /// `init(from:)` reads, in snake case; `decode` makes a property required, `decodeIfPresent` nullable and
    /// optional (the encoder leaves nil out). `refining` replaces the schema of named properties where the Swift
    /// type says less than the JSON (a `String` that only ever holds a few values).
    static func of<T: Decodable>(_ type: T.Type, refining refinements: [String: JSONValue] = [:]) -> JSONValue {
        of(type, refining: refinements, within: [])
    }

    /// `enclosing`: the object types being described around this one; a type met again inside itself (a tree's
    /// children) is described as "the same shape" rather than without end.
    fileprivate static func of<T: Decodable>(
        _ type: T.Type, refining refinements: [String: JSONValue] = [:], within enclosing: Set<ObjectIdentifier>
    ) -> JSONValue {
        if let described = type as? any DescribesOwnSchema.Type { return described.ownSchema }
        if let scalar = scalar(type) { return scalar }
        if let values = stringCases(of: type) { return enumeration(values) }
        if let array = type as? any DescribableArray.Type { return array.arraySchema(within: enclosing) }
        guard !enclosing.contains(ObjectIdentifier(type)) else {
            return ["type": "object", "description": "the same shape as the object it is in"]
        }
        let log = PropertyLog(within: enclosing.union([ObjectIdentifier(type)]))
        do {
            _ = try T(from: PropertyRecorder(log: log))
        } catch {
            assertionFailure("\(T.self) cannot be described: \(error)")
        }
        return object(log.properties.merging(refinements) { $1 }, required: log.required.sorted())
    }

    private static func scalar<T>(_ type: T.Type) -> JSONValue? {
        switch type {
        case is String.Type, is URL.Type: string
        case is UUID.Type: uuid
        case is Date.Type: dateTime
        case is LocalDate.Type: date
        case is Int.Type, is Int64.Type, is Int32.Type: integer
        case is Double.Type, is Float.Type, is Decimal.Type: number
        case is Bool.Type: boolean
        // Any JSON at all.
        case is JSONValue.Type: [:]
        default: nil
        }
    }

    /// The raw values of a `CaseIterable` enum backed by strings, in declaration order.
    private static func stringCases<T>(of type: T.Type) -> [String]? {
        guard let cases = type as? any CaseIterable.Type else { return nil }
        func rawValues<C: CaseIterable>(_: C.Type) -> [String]? {
            let values = C.allCases.compactMap { ($0 as? any RawRepresentable<String>)?.rawValue }
            return values.count == C.allCases.count ? values : nil
        }
        return rawValues(cases)
    }
}

/// Its JSON is an object whose shape depends on its `type` (`Recurrence+Codable`): one branch per kind, each naming
/// exactly the keys that kind reads, so the document lists what the server accepts and writes.
extension Recurrence: DescribesOwnSchema {
    static var ownSchema: JSONValue {
        let at: JSONValue = ["type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "HH:MM in the org's time zone"]
        let weekday: JSONValue = ["type": "integer", "minimum": 1, "maximum": 7, "description": "1 = Monday … 7 = Sunday"]
        let weekdays: JSONValue = ["type": "array", "items": weekday, "minItems": 1]
        let shift: JSONValue = [
            "type": "string", "enum": ["previous", "next"], "description": "move a date that is not a business day to the previous or next one",
        ]
        let holidays: JSONValue = ["type": "string", "enum": ["skip"], "description": "no occurrence on a day that is not a business day"]
        func kind(_ name: String, _ properties: [String: JSONValue], required: [String]) -> JSONValue {
            Schema.object(properties.merging(["type": ["type": "string", "const": .string(name)]]) { $1 }, required: ["type"] + required)
        }
        return [
            "description": "when a schedule fires, in the org's time zone and business calendar",
            "oneOf": [
                kind("monthly_day", ["day": ["type": "integer", "minimum": 1, "maximum": 31], "at": at, "shift": shift], required: ["day", "at"]),
                kind(
                    "nth_weekday", ["n": ["type": "integer", "minimum": -1, "maximum": 5, "description": "1–5, or -1 for the last"],
                                    "weekday": weekday, "at": at, "shift": shift],
                    required: ["n", "weekday", "at"]),
                kind(
                    "nth_business_day", ["n": ["type": "integer", "minimum": -23, "maximum": 23, "description": "1–23, or -1 to -23 from the month's end"],
                                         "at": at],
                    required: ["n", "at"]),
                kind("weekly", ["weekdays": weekdays, "at": at, "shift": shift, "holidays": holidays], required: ["weekdays", "at"]),
                kind(
                    "fortnightly", ["weekdays": weekdays, "anchor": Schema.date, "at": at, "shift": shift, "holidays": holidays],
                    required: ["weekdays", "anchor", "at"]),
                kind("every_minutes", ["minutes": ["type": "integer", "minimum": 1, "maximum": 10080]], required: ["minutes"]),
            ],
        ]
    }
}

private protocol DescribableArray {
    static func arraySchema(within enclosing: Set<ObjectIdentifier>) -> JSONValue
}

extension Array: DescribableArray where Element: Decodable {
    fileprivate static func arraySchema(within enclosing: Set<ObjectIdentifier>) -> JSONValue {
        Schema.array(Schema.of(Element.self, within: enclosing))
    }
}

/// The properties one object's `init(from:)` read.
private final class PropertyLog {
    let enclosing: Set<ObjectIdentifier>
    var properties: [String: JSONValue] = [:]
    var required: Set<String> = []
    /// Keys asked about with `contains` before they are read: the standard library's `decodeIfPresent` for
    /// `String`, `Int`, `Double` and `Bool` reads them that way.
    var asked: Set<String> = []

    init(within enclosing: Set<ObjectIdentifier>) { self.enclosing = enclosing }

    func record(_ key: some CodingKey, _ schema: JSONValue, required: Bool) {
        let name = DecodedKeys.snakeCase(key.stringValue)
        properties[name] = schema
        if required { self.required.insert(name) }
    }
}

private struct PropertyRecorder: Decoder {
    let log: PropertyLog
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(PropertyContainer<Key>(log: log))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw unsupported("an array") }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw unsupported("a single value") }
}

/// Records each key's schema from the type asked for, and answers with a plausible value so decoding goes on.
private struct PropertyContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let log: PropertyLog
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool {
        log.asked.insert(key.stringValue)
        return true
    }

    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let schema = Schema.of(type, within: log.enclosing)
        if log.asked.contains(key.stringValue) {
            log.record(key, Schema.nullable(schema), required: false)
        } else {
            log.record(key, schema, required: true)
        }
        return try DecodedKeys.plausible(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        log.record(key, Schema.nullable(Schema.of(type, within: log.enclosing)), required: false)
        return nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw unsupported("a nested container")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw unsupported("a nested array") }

    func superDecoder() throws -> any Decoder { throw unsupported("a super decoder") }

    func superDecoder(forKey key: Key) throws -> any Decoder { throw unsupported("a super decoder") }
}

/// Hand-written coding the recorder cannot follow: such a type conforms to ``DescribesOwnSchema``.
private func unsupported(_ what: String) -> DecodingError {
    DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(what): give the type its own schema"))
}
