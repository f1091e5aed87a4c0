import Foundation

/// Checks a JSON value against a JSON Schema — the 2020-12 subset the OpenAPI 3.1 document uses — so tests can hold
/// what the API sends against what the document promises.
///
/// Supported: `type` (a name or a list; "integer" is a number with no fractional part), `properties`, `required`,
/// `additionalProperties` (false or a schema), `items`, `enum`, `const`, `format` (uuid, date, date-time, email;
/// other formats pass), `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`,
/// `pattern`, `minItems`, `maxItems`, `oneOf`, `anyOf`, `allOf`, `$ref` to `#/components/schemas/Name`, and the boolean
/// schemas `true` and `false`. Other keywords (title, description, example, …) are ignored.
public enum JSONSchemaValidator {
    /// Human-readable errors, each prefixed by the path of the offending value (`$.items[3].state: …`); empty when
    /// `value` is valid. `components` is the document's `components` object, which `$ref`s resolve against.
    public static func errors(_ value: JSONValue, against schema: JSONValue, components: JSONValue? = nil) -> [String] {
        var validation = Validation(components: components)
        validation.check(value, against: schema, at: "$", depth: 0)
        return validation.errors
    }
}

private struct Validation {
    let components: JSONValue?
    var errors: [String] = []

    /// A `$ref` cycle that consumes no input (`A: {$ref: A}`) would otherwise recurse forever.
    static let maximumDepth = 128

    init(components: JSONValue?) { self.components = components }

    mutating func fail(_ path: String, _ message: String) { errors.append("\(path): \(message)") }

    mutating func check(_ value: JSONValue, against schema: JSONValue, at path: String, depth: Int) {
        guard depth < Self.maximumDepth else { return fail(path, "schema nesting deeper than \(Self.maximumDepth) (a $ref cycle?)") }
        let keywords: [String: JSONValue]
        switch schema {
        case .bool(true): return
        case .bool(false): return fail(path, "no value is allowed here")
        case .object(let object): keywords = object
        default: return fail(path, "the schema is not an object or a boolean")
        }

        // In 2020-12 `$ref` sits beside other keywords rather than replacing them, so both apply.
        if case .string(let reference)? = keywords["$ref"] {
            if let target = resolve(reference) {
                check(value, against: target, at: path, depth: depth + 1)
            } else {
                fail(path, "cannot resolve $ref \(reference)")
            }
        }

        if let type = keywords["type"] {
            let names: [String] = switch type {
            case .string(let name): [name]
            case .array(let list): list.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: []
            }
            if !names.contains(where: { Self.value(value, hasType: $0) }) {
                let expected = names.count == 1 ? names[0] : "[\(names.joined(separator: ", "))]"
                // Everything below would only restate the mismatch.
                return fail(path, "\(Self.describe(value)) is not of type \(expected)")
            }
        }

        if case .array(let allowed)? = keywords["enum"], !allowed.contains(value) {
            fail(path, "\(Self.describe(value)) is not one of [\(allowed.map(Self.listed).joined(separator: ", "))]")
        }
        if let constant = keywords["const"], constant != value {
            fail(path, "\(Self.describe(value)) is not \(Self.describe(constant))")
        }

        switch value {
        case .string(let text): checkString(text, keywords, at: path)
        case .number(let number): checkNumber(number, keywords, at: path)
        case .array(let elements): checkArray(elements, keywords, at: path, depth: depth)
        case .object(let members): checkObject(members, keywords, at: path, depth: depth)
        case .bool, .null: break
        }

        checkCombinations(value, keywords, at: path, depth: depth)
    }

    // MARK: Keywords by the type they apply to

    mutating func checkString(_ text: String, _ keywords: [String: JSONValue], at path: String) {
        // JSON Schema counts code points, not grapheme clusters: "é" spelt e + U+0301 is two.
        let length = text.unicodeScalars.count
        if case .number(let minimum)? = keywords["minLength"], Double(length) < minimum {
            fail(path, "\(Self.describe(.string(text))) is shorter than \(Self.number(minimum)) characters")
        }
        if case .number(let maximum)? = keywords["maxLength"], Double(length) > maximum {
            fail(path, "\(Self.describe(.string(text))) is longer than \(Self.number(maximum)) characters")
        }
        if case .string(let pattern)? = keywords["pattern"] {
            if let expression = try? NSRegularExpression(pattern: pattern) {
                // Unanchored: JSON Schema's `pattern` matches anywhere unless the pattern says ^…$.
                let range = NSRange(text.startIndex..., in: text)
                if expression.firstMatch(in: text, range: range) == nil {
                    fail(path, "\(Self.describe(.string(text))) does not match the pattern \(pattern)")
                }
            } else {
                fail(path, "the schema's pattern \(pattern) is not a valid regular expression")
            }
        }
        if case .string(let format)? = keywords["format"], let valid = Formats.check(format, text), !valid {
            fail(path, "\(Self.describe(.string(text))) is not a valid \(format)")
        }
    }

    mutating func checkNumber(_ number: Double, _ keywords: [String: JSONValue], at path: String) {
        let shown = Self.number(number)
        if case .number(let bound)? = keywords["minimum"], number < bound {
            fail(path, "\(shown) is less than the minimum \(Self.number(bound))")
        }
        if case .number(let bound)? = keywords["maximum"], number > bound {
            fail(path, "\(shown) is greater than the maximum \(Self.number(bound))")
        }
        if case .number(let bound)? = keywords["exclusiveMinimum"], number <= bound {
            fail(path, "\(shown) is not greater than \(Self.number(bound))")
        }
        if case .number(let bound)? = keywords["exclusiveMaximum"], number >= bound {
            fail(path, "\(shown) is not less than \(Self.number(bound))")
        }
    }

    mutating func checkArray(_ elements: [JSONValue], _ keywords: [String: JSONValue], at path: String, depth: Int) {
        if case .number(let minimum)? = keywords["minItems"], Double(elements.count) < minimum {
            fail(path, "has \(elements.count) items, fewer than \(Self.number(minimum))")
        }
        if case .number(let maximum)? = keywords["maxItems"], Double(elements.count) > maximum {
            fail(path, "has \(elements.count) items, more than \(Self.number(maximum))")
        }
        if let items = keywords["items"] {
            for (index, element) in elements.enumerated() {
                check(element, against: items, at: "\(path)[\(index)]", depth: depth + 1)
            }
        }
    }

    mutating func checkObject(_ members: [String: JSONValue], _ keywords: [String: JSONValue], at path: String, depth: Int) {
        if case .array(let required)? = keywords["required"] {
            for case .string(let name) in required where members[name] == nil {
                fail(path, "missing required property \"\(name)\"")
            }
        }
        var declared: [String: JSONValue] = [:]
        if case .object(let properties)? = keywords["properties"] { declared = properties }
        // Sorted so the errors come out in the same order on every run.
        for name in members.keys.sorted() {
            let member = members[name]!
            if let schema = declared[name] {
                check(member, against: schema, at: Self.path(path, name), depth: depth + 1)
            } else if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) {
                    fail(path, "unexpected property \"\(name)\"")
                } else {
                    check(member, against: additional, at: Self.path(path, name), depth: depth + 1)
                }
            }
        }
    }

    mutating func checkCombinations(_ value: JSONValue, _ keywords: [String: JSONValue], at path: String, depth: Int) {
        if case .array(let schemas)? = keywords["allOf"] {
            for schema in schemas { check(value, against: schema, at: path, depth: depth + 1) }
        }
        if case .array(let schemas)? = keywords["anyOf"] {
            let failures = schemas.map { branchErrors(value, $0, at: path, depth: depth) }
            if !failures.contains(where: \.isEmpty) {
                fail(path, "matches none of the anyOf schemas (\(Self.summary(failures)))")
            }
        }
        if case .array(let schemas)? = keywords["oneOf"] {
            let failures = schemas.map { branchErrors(value, $0, at: path, depth: depth) }
            let matching = failures.indices.filter { failures[$0].isEmpty }
            if matching.isEmpty {
                fail(path, "matches none of the oneOf schemas (\(Self.summary(failures)))")
            } else if matching.count > 1 {
                let which = matching.map(String.init).joined(separator: ", ")
                fail(path, "matches \(matching.count) of the oneOf schemas (\(which)), not exactly one")
            }
        }
    }

    /// A branch of anyOf/oneOf is tried on its own, so its errors stay out of the main list unless no branch fits.
    func branchErrors(_ value: JSONValue, _ schema: JSONValue, at path: String, depth: Int) -> [String] {
        var branch = Validation(components: components)
        branch.check(value, against: schema, at: path, depth: depth + 1)
        return branch.errors
    }

    func resolve(_ reference: String) -> JSONValue? {
        let prefix = "#/components/schemas/"
        guard reference.hasPrefix(prefix) else { return nil }
        // JSON Pointer escapes: ~1 is "/", ~0 is "~" (in that order).
        let name = String(reference.dropFirst(prefix.count))
            .replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        return components?["schemas"]?[name]
    }

    // MARK: Wording

    static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .number):
            true
        case ("integer", .number(let number)): number.isFinite && number.rounded() == number
        default: false
        }
    }

    /// `$.name` for identifier-like names (all the API's are), `$["odd name"]` otherwise.
    static func path(_ parent: String, _ name: String) -> String {
        func isWordCharacter(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }
        let identifier = !name.isEmpty && !name.first!.isNumber && name.allSatisfy(isWordCharacter)
        return identifier ? "\(parent).\(name)" : "\(parent)[\(describe(.string(name)))]"
    }

    static func number(_ number: Double) -> String {
        number.isFinite && number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    /// A value as it appears in an error: strings quoted (and cut short), containers summarised.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return escaped.count > 80 ? "\"\(escaped.prefix(77))…\"" : "\"\(escaped)\""
        case .number(let number): return Self.number(number)
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .array(let elements): return "an array of \(elements.count)"
        case .object(let members): return "an object with \(members.isEmpty ? "no keys" : members.keys.sorted().joined(separator: ", "))"
        }
    }

    /// An `enum` member in the list of allowed values: strings bare, as in `[a, b]`.
    static func listed(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return describe(value)
    }

    static func summary(_ failures: [[String]]) -> String {
        failures.enumerated().map { index, errors in "\(index): \(errors.joined(separator: "; "))" }.joined(separator: " | ")
    }
}

/// The `format`s the document uses. `check` answers nil for a format it does not know, which then passes.
private enum Formats {
    static func check(_ format: String, _ text: String) -> Bool? {
        switch format {
        case "uuid": uuid(text)
        case "date": date(Array(text.utf8)[...])
        case "date-time": dateTime(text)
        case "email": email(text)
        default: nil
        }
    }

    /// 8-4-4-4-12 hex digits, either case.
    static func uuid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isHexDigit(byte) else { return false }
            }
        }
        return true
    }

    /// RFC 3339 full-date: YYYY-MM-DD naming a day that exists (2024-02-29 yes, 2026-02-29 no).
    static func date(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 10, let year = digits(bytes, 0, 4), byte(bytes, 4) == "-", let month = digits(bytes, 5, 2),
            byte(bytes, 7) == "-", let day = digits(bytes, 8, 2), (1...12).contains(month)
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...length).contains(day)
    }

    /// RFC 3339 date-time: a full-date, `T`, HH:MM:SS, an optional fraction, and `Z` or ±HH:MM. Upper-case `T` and
    /// `Z` only — what the API's encoder writes.
    static func dateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)[...]
        guard bytes.count >= 20, date(bytes.prefix(10)), byte(bytes, 10) == "T",
            let hour = digits(bytes, 11, 2), byte(bytes, 13) == ":", let minute = digits(bytes, 14, 2), byte(bytes, 16) == ":",
            let second = digits(bytes, 17, 2), hour < 24, minute < 60, second <= 60  // 60: a leap second
        else { return false }
        var rest = bytes.dropFirst(19)
        if rest.first == UInt8(ascii: ".") {
            let fraction = rest.dropFirst().prefix(while: isDigit)
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(1 + fraction.count)
        }
        if Array(rest) == [UInt8(ascii: "Z")] { return true }
        guard rest.count == 6, rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-"),
            let offsetHour = digits(rest, 1, 2), byte(rest, 3) == ":", let offsetMinute = digits(rest, 4, 2)
        else { return false }
        return offsetHour < 24 && offsetMinute < 60
    }

    /// Deliberately loose: some@thing with no spaces. Deliverability is the mail server's business.
    static func email(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@"), !text.contains(where: \.isWhitespace) else { return false }
        return at != text.startIndex && text.index(after: at) != text.endIndex
    }

    /// `count` ASCII digits at `offset` (from the slice's start) as a number.
    static func digits(_ bytes: ArraySlice<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        let start = bytes.startIndex + offset
        guard start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func byte(_ bytes: ArraySlice<UInt8>, _ offset: Int) -> Unicode.Scalar? {
        let index = bytes.startIndex + offset
        return index < bytes.endIndex ? Unicode.Scalar(bytes[index]) : nil
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
