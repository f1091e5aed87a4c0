import Foundation

/// The top-level JSON keys a `Decodable` type reads, found by running its `init(from:)` against a recording decoder —
/// so a test can hold a request body's documented properties against what the handler actually decodes.
///
/// A key is **required** when the type decodes it (`decode(_:forKey:)`, a nested container, a super decoder) without
/// first asking `contains(_:)`; it is **optional** when every read of it goes through `decodeIfPresent` or comes after
/// `contains` (the PatchField pattern: `contains`, `decodeNil`, `decode`). A key the type only asks `contains` about
/// is optional too.
///
/// To keep `init(from:)` going past the first key, the recorder answers every read with a plausible value: a fixed
/// UUID and Date, "x" for strings, 1 for numbers, false, empty arrays and dictionaries, the first case of a
/// `CaseIterable` type, and, for other types, whatever their own `init(from:)` makes of the same answers (retried
/// with date-, time-, UUID- and email-shaped strings when "x" does not parse). Where a type still throws, the keys
/// read until then are reported with `incomplete` set.
public struct DecodedKeys: Equatable, Sendable {
    /// Every top-level key read, as JSON spells it (see `of(_:keyDecoding:)`).
    public var all: Set<String>
    /// The keys among `all` the type cannot do without.
    public var required: Set<String>
    /// The type's `init(from:)` threw on every set of answers tried, so keys after the throw are missing.
    public var incomplete: Bool

    public init(all: Set<String> = [], required: Set<String> = [], incomplete: Bool = false) {
        self.all = all
        self.required = required
        self.incomplete = incomplete
    }

    /// The keys `type` reads, each coding key's `stringValue` turned into JSON's spelling by `keyDecoding`.
    ///
    /// The default, `snakeCase`, matches the API's `convertFromSnakeCase` decoder for the camel-case names the input
    /// types use (`ownerId` ← `owner_id`). Note that it also turns `goalID` into `goal_id`, which names the key the
    /// author meant although `convertFromSnakeCase` maps `goal_id` to `goalId`, not `goalID`: input types should use
    /// `…Id`.
    public static func of<T: Decodable>(_ type: T.Type, keyDecoding: (String) -> String = DecodedKeys.snakeCase)
        -> DecodedKeys
    {
        var best: KeyLog?
        for text in DummyText.candidates {
            let log = KeyLog()
            do {
                _ = try T(from: Recorder(text: text, log: log))
                log.completed = true
                log.text = text
                best = log
                break
            } catch {
                // A hand-written init may check its strings; another spelling may get further.
                if best.map({ log.all.count > $0.all.count }) ?? true { best = log }
            }
        }
        let log = best ?? KeyLog()
        guard log.completed, let text = log.text else {
            return DecodedKeys(
                all: Set(log.all.map(keyDecoding)), required: Set(log.required.map(keyDecoding)), incomplete: true)
        }
        // Required is what the type refuses to do without: decode again with each key left out in turn. This also
        // catches a hand-written init that checks presence itself (`contains`, then an error of its own).
        var required: Set<String> = []
        for key in log.all {
            do {
                _ = try T(from: Recorder(text: text, log: KeyLog(), absent: key))
            } catch {
                required.insert(key)
            }
        }
        return DecodedKeys(all: Set(log.all.map(keyDecoding)), required: Set(required.map(keyDecoding)), incomplete: false)
    }

    /// Foundation's `convertToSnakeCase` rule: an underscore before an upper-case letter that follows a lower-case
    /// letter or digit, or that ends a run of capitals followed by a lower-case letter; everything lower-cased.
    /// `ownerId` → `owner_id`, `goalID` → `goal_id`, `periodStart` → `period_start`, `myURLValue` → `my_url_value`,
    /// `already_snake` unchanged.
    public static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let startsWord = (!previous.isUppercase && previous != "_") || (previous.isUppercase && next?.isLowercase == true)
                if startsWord { result.append("_") }
            }
            result += character.lowercased()
        }
        return result
    }
}

extension DecodedKeys {
    /// A plausible value of `type`, made the way the recorder answers a read (``Schema/of(_:refining:)`` goes on
    /// decoding with it).
    static func plausible<T: Decodable>(_ type: T.Type) throws -> T {
        try Recorder(text: DummyText.candidates[0], log: nil).dummy(type, at: nil)
    }
}

/// What the recorder saw, shared by the top-level container (nested ones do not report).
private final class KeyLog {
    var all: Set<String> = []
    var required: Set<String> = []
    var asked: Set<String> = []
    var completed = false
    /// The dummy spelling that got through.
    var text: String?

    func contains(_ key: String) {
        all.insert(key)
        asked.insert(key)
    }

    func read(_ key: String) {
        all.insert(key)
        if !asked.contains(key) { required.insert(key) }
    }
}

/// The strings tried for every `String` the type reads, in turn, until its `init(from:)` gets through.
private enum DummyText {
    static let uuid = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!
    static let candidates = ["x", "2026-01-01", "09:00", "2026-01-01T09:00:00Z", uuid.uuidString, "x@example.com",
                             "https://example.com/"]
}

private struct Recorder: Decoder {
    let text: String
    /// nil below the top level: nested objects' keys are not the body's.
    let log: KeyLog?
    /// A top-level key to answer as missing from the body.
    var absent: String? = nil
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RecordingContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { EmptyArray(codingPath: codingPath) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { DummyValue(decoder: self) }

    /// A decoder for a value below this one: same answers, nothing reported.
    func nested(_ key: (any CodingKey)?) -> Recorder {
        Recorder(text: text, log: nil, absent: nil, codingPath: codingPath + (key.map { [$0] } ?? []))
    }

    /// A plausible `T`, so the caller's `init(from:)` carries on.
    func dummy<T: Decodable>(_ type: T.Type, at key: (any CodingKey)?) throws -> T {
        if let value = fixed(type) { return value }
        if let cases = type as? any CaseIterable.Type, let value = firstCase(cases) as? T { return value }
        if let value = zeroCase(type) { return value }
        let nested = nested(key)
        do {
            return try T(from: nested)
        } catch {
            // LocalDate, LocalTime and the like parse their string; one of the other spellings may suit them.
            for text in DummyText.candidates where text != self.text {
                if let value = try? T(from: Recorder(text: text, log: nil, codingPath: nested.codingPath)) { return value }
            }
            throw error
        }
    }

    func fixed<T>(_ type: T.Type) -> T? {
        let value: Any? =
            switch type {
            case is String.Type: text
            case is Bool.Type: false
            case is UUID.Type: DummyText.uuid
            case is Date.Type: Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
            // Decimal, URL and Data decode from keyed or unkeyed forms through a plain Decoder; JSONDecoder special-cases them.
            case is Decimal.Type: Decimal(1)
            case is URL.Type: URL(string: "https://example.com/")!
            case is Data.Type: Data()
            case is Double.Type: 1.0 as Double
            case is Float.Type: 1.0 as Float
            case is Int.Type: 1 as Int
            case is Int8.Type: 1 as Int8
            case is Int16.Type: 1 as Int16
            case is Int32.Type: 1 as Int32
            case is Int64.Type: 1 as Int64
            case is UInt.Type: 1 as UInt
            case is UInt8.Type: 1 as UInt8
            case is UInt16.Type: 1 as UInt16
            case is UInt32.Type: 1 as UInt32
            case is UInt64.Type: 1 as UInt64
            default: nil
            }
        return value as? T
    }
}

private func firstCase<C: CaseIterable>(_ type: C.Type) -> Any? { C.allCases.first }

/// The first case of a string-backed enum that is not `CaseIterable` (such as a private `Kind` with `monthly_day`
/// raw values, which "x" cannot name). A payload-free enum of up to 256 cases is one byte whose value 0 is its first
/// case; the round trip through `rawValue` confirms that `T` is such an enum before the value is used.
private func zeroCase<T>(_ type: T.Type) -> T? {
    guard let raw = type as? any RawRepresentable<String>.Type, MemoryLayout<T>.size <= 1, _isPOD(T.self) else {
        return nil
    }
    func open<R: RawRepresentable<String>>(_: R.Type) -> R? {
        let candidate = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { buffer in
            buffer[0] = 0
            return UnsafeRawPointer(buffer.baseAddress!).load(as: R.self)
        }
        return R(rawValue: candidate.rawValue)
    }
    return open(raw) as? T
}

private struct RecordingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: Recorder
    var codingPath: [any CodingKey] { decoder.codingPath }
    /// Nothing to iterate: a type that walks `allKeys` (a dictionary, an unknown-key check) sees an empty object.
    var allKeys: [Key] { [] }

    /// Every key is there (but the one being left out), so the PatchField pattern goes on to `decodeNil` and `decode`.
    func contains(_ key: Key) -> Bool {
        decoder.log?.contains(key.stringValue)
        return !isAbsent(key)
    }

    /// Not null, so the value itself is decoded too. Not a read of its own: a `decode` after it decides.
    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.log?.all.insert(key.stringValue)
        try requirePresent(key)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        decoder.log?.read(key.stringValue)
        try requirePresent(key)
        return try decoder.dummy(type, at: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        decoder.log?.contains(key.stringValue)
        if isAbsent(key) { return nil }
        // Absent is a fine answer for an optional value the recorder cannot make.
        return try? decoder.dummy(type, at: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        decoder.log?.read(key.stringValue)
        try requirePresent(key)
        return KeyedDecodingContainer(RecordingContainer<NestedKey>(decoder: decoder.nested(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        decoder.log?.read(key.stringValue)
        try requirePresent(key)
        return EmptyArray(codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder { decoder.nested(nil) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.log?.read(key.stringValue)
        try requirePresent(key)
        return decoder.nested(key)
    }

    private func isAbsent(_ key: Key) -> Bool { decoder.absent == key.stringValue }

    private func requirePresent(_ key: Key) throws {
        guard isAbsent(key) else { return }
        throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "left out on purpose"))
    }
}

/// Answers every single value with the recorder's dummy for its type.
private struct DummyValue: SingleValueDecodingContainer {
    let decoder: Recorder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.dummy(type, at: nil) }
}

/// Arrays are answered empty: their elements' keys are not the body's, and an empty array is always well-formed.
private struct EmptyArray: UnkeyedDecodingContainer {
    var codingPath: [any CodingKey]
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }

    func decodeNil() throws -> Bool { throw end(Never.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { throw end(type) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw end(type)
    }
    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { throw end(Never.self) }
    func superDecoder() throws -> any Decoder { throw end(Never.self) }

    func end<T>(_ type: T.Type) -> DecodingError {
        DecodingError.valueNotFound(type, DecodingError.Context(codingPath: codingPath, debugDescription: "the array is empty"))
    }
}
