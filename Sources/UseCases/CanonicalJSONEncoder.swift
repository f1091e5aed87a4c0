public import Foundation

/// Encodes `Encodable` values to the same compact JSON bytes as ``APIJSON``'s `JSONEncoder` (snake_case keys, ISO 8601
/// instants, sorted keys, unescaped slashes) — except that a `UUID` is written in lower case (RFC 9562), wherever it
/// appears. Foundation's encoder offers no per-type hook for that, and it is slow: it builds a tree of `String`s and
/// dictionaries, converts every key through `String`, then sorts; this one writes scalars straight into one byte arena,
/// keeps the tree as a flat table of nodes, and sorts each object's members by their converted key's bytes only once,
/// while writing the answer.
///
/// What it matches, each checked against Foundation on Linux (`CanonicalJSONEncoderTests`):
/// - keys of keyed containers go through Foundation's `convertToSnakeCase` algorithm (`myURLValue` → `my_url_value`,
///   `URL` → `u_rl`); keys of a `[String: V]` dictionary are written as they are, as Foundation does (a dictionary keyed
///   by a `CodingKeyRepresentable` enum or by `Int` is converted, as Foundation does);
/// - members are sorted by the UTF-8 bytes of their written key (`.sortedKeys` off Darwin); a key written twice keeps
///   the last value;
/// - `Double`/`Float` as their `description` without a trailing `.0` (`1`, `0.1`, `1e+21`, `-0`), `Decimal` as its
///   `description`, NaN and infinities throw;
/// - `Date` as `.iso8601` (`2026-11-24T03:00:00Z`, fraction dropped), `Data` as base64, `URL` as its `absoluteString`;
/// - strings escaped like Foundation's writer (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls `\u00xx`,
///   `/` and non-ASCII raw);
/// - a value that encodes nothing is `{}` (or an error at the top), as is an unused `superEncoder`.
public struct CanonicalJSONEncoder: Sendable {
    public init() {}

    /// The value's JSON, compact.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let state = _APIJSONState()
        let root = state.newNode()
        try state.encodeValue(value, into: root, prefix: [], key: Optional<_APIJSONKey>.none)
        guard state.nodes[root].kind != .pending else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        do {
            return try state.serialize(root)
        } catch is _APIJSONTooDeep {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Unable to encode the given top-level value to JSON."))
        }
    }

    /// ``encode(_:)`` as `Data`.
    public func encodeToData<T: Encodable>(_ value: T) throws -> Data {
        Data(try encode(value))
    }
}

// MARK: - The tree

private struct _APIJSONTooDeep: Error {}

/// One value of the tree: a scalar (its JSON text in the arena), an object or an array (a linked list of children),
/// or pending (nothing encoded yet; written as `{}`). A member of an object also holds its key (raw, unescaped, in
/// the arena: members are sorted by these bytes).
fileprivate struct _APIJSONNode {
    enum Kind: UInt8 { case pending, scalar, object, array }
    var kind: Kind = .pending
    var keyStart: Int = 0
    var keyCount: Int = 0
    /// Scalar: start of its text in the arena; container: first child (-1 when none).
    var a: Int = -1
    /// Scalar: length of its text; container: last child.
    var b: Int = -1
    /// Next sibling, -1 at the end.
    var next: Int = -1
    /// Children of a container.
    var count: Int = 0
}

fileprivate final class _APIJSONState {
    // The three are held through pointers: as stored properties of a class every append paid for a dynamic
    // exclusivity check (a quarter of the time in a profile). Nothing else holds them, and one encoding runs on one
    // thread.
    private let arenaPointer: UnsafeMutablePointer<[UInt8]>
    private let nodesPointer: UnsafeMutablePointer<[_APIJSONNode]>
    private let pathPointer: UnsafeMutablePointer<[any CodingKey]>

    /// Scalars' JSON text and members' raw keys.
    var arena: [UInt8] {
        unsafeAddress { UnsafePointer(arenaPointer) }
        unsafeMutableAddress { arenaPointer }
    }

    var nodes: [_APIJSONNode] {
        unsafeAddress { UnsafePointer(nodesPointer) }
        unsafeMutableAddress { nodesPointer }
    }

    /// The coding path of the value being encoded (keys of nested values and containers are added while they encode).
    var path: [any CodingKey] {
        unsafeAddress { UnsafePointer(pathPointer) }
        unsafeMutableAddress { pathPointer }
    }

    init() {
        arenaPointer = .allocate(capacity: 1)
        arenaPointer.initialize(to: [])
        nodesPointer = .allocate(capacity: 1)
        nodesPointer.initialize(to: [])
        pathPointer = .allocate(capacity: 1)
        pathPointer.initialize(to: [])
        arena.reserveCapacity(4096)
        nodes.reserveCapacity(128)
    }

    deinit {
        arenaPointer.deinitialize(count: 1)
        arenaPointer.deallocate()
        nodesPointer.deinitialize(count: 1)
        nodesPointer.deallocate()
        pathPointer.deinitialize(count: 1)
        pathPointer.deallocate()
    }

    @inline(__always)
    func newNode() -> Int {
        nodes.append(_APIJSONNode())
        return nodes.count - 1
    }

    // MARK: Containers

    /// Makes `node` an object (keeping it if it is one already: a second `container(keyedBy:)` adds to the first).
    @inline(__always)
    func makeObject(_ node: Int) {
        if nodes[node].kind != .object {
            let old = nodes[node]
            nodes[node] = _APIJSONNode(kind: .object, keyStart: old.keyStart, keyCount: old.keyCount, next: old.next)
        }
    }

    @inline(__always)
    func makeArray(_ node: Int) {
        if nodes[node].kind != .array {
            let old = nodes[node]
            nodes[node] = _APIJSONNode(kind: .array, keyStart: old.keyStart, keyCount: old.keyCount, next: old.next)
        }
    }

    /// A new, pending child at the end of `parent`.
    @inline(__always)
    func appendChild(_ parent: Int, keyStart: Int = 0, keyCount: Int = 0) -> Int {
        let child = nodes.count
        nodes.append(_APIJSONNode(keyStart: keyStart, keyCount: keyCount))
        let last = nodes[parent].b
        if last < 0 {
            nodes[parent].a = child
        } else {
            nodes[last].next = child
        }
        nodes[parent].b = child
        nodes[parent].count += 1
        return child
    }

    /// A new member of object `parent` under `key` converted to snake_case.
    @inline(__always)
    func member(_ parent: Int, key: some CodingKey) -> Int {
        let start = arena.count
        appendSnakeCase(key.stringValue)
        return appendChild(parent, keyStart: start, keyCount: arena.count - start)
    }

    /// A new member of object `parent` under `key` as it is (dictionary keys).
    @inline(__always)
    func member(_ parent: Int, rawKey: String) -> Int {
        let start = arena.count
        arena.append(contentsOf: rawKey.utf8)
        return appendChild(parent, keyStart: start, keyCount: arena.count - start)
    }

    /// The member of `parent` already under `key`'s converted name, if its kind is `kind` (Foundation hands back the
    /// same nested container for the same key); otherwise a new member.
    func nestedMember(_ parent: Int, key: some CodingKey, kind: _APIJSONNode.Kind) -> Int {
        let start = arena.count
        appendSnakeCase(key.stringValue)
        let count = arena.count - start
        var existing = -1
        var child = nodes[parent].a
        while child >= 0 {
            let node = nodes[child]
            if node.keyCount == count, arena[node.keyStart..<(node.keyStart + count)].elementsEqual(arena[start..<(start + count)]) {
                existing = child
            }
            child = node.next
        }
        if existing >= 0, nodes[existing].kind == kind {
            arena.removeLast(count)
            return existing
        }
        return appendChild(parent, keyStart: start, keyCount: count)
    }

    // MARK: Values

    @inline(__always)
    func beginScalar(_ node: Int) -> Int {
        nodes[node].kind = .scalar
        return arena.count
    }

    @inline(__always)
    func endScalar(_ node: Int, _ start: Int) {
        nodes[node].a = start
        nodes[node].b = arena.count - start
    }

    func writeNull(_ node: Int) {
        let start = beginScalar(node)
        arena.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        endScalar(node, start)
    }

    func write(_ value: Bool, _ node: Int) {
        let start = beginScalar(node)
        if value {
            arena.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            arena.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
        endScalar(node, start)
    }

    func write(_ value: String, _ node: Int) {
        let start = beginScalar(node)
        appendQuoted(value)
        endScalar(node, start)
    }

    @inline(__always)
    func write(signed value: Int64, _ node: Int) {
        let start = beginScalar(node)
        if value < 0 { arena.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
        endScalar(node, start)
    }

    @inline(__always)
    func write(unsigned value: UInt64, _ node: Int) {
        let start = beginScalar(node)
        appendDigits(value)
        endScalar(node, start)
    }

    func write(number text: String, _ node: Int) {
        let start = beginScalar(node)
        arena.append(contentsOf: text.utf8)
        endScalar(node, start)
    }

    func write(_ value: Double, _ node: Int, key: (some CodingKey)?) throws {
        guard value.isFinite else { throw nonConforming(value, key: key) }
        // Whole values below 1e15 print as `N.0`; `-0.0` prints `-0`.
        if value.magnitude < 1e15, value.rounded(.towardZero) == value, !(value == 0 && value.sign == .minus) {
            write(signed: Int64(value), node)
        } else {
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            write(number: text, node)
        }
    }

    func write(_ value: Float, _ node: Int, key: (some CodingKey)?) throws {
        guard value.isFinite else { throw nonConforming(value, key: key) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        write(number: text, node)
    }

    func nonConforming<F: FloatingPoint>(_ value: F, key: (some CodingKey)?) -> EncodingError {
        var codingPath = path
        if let key { codingPath.append(key) }
        return EncodingError.invalidValue(
            value, .init(codingPath: codingPath, debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
    }

    func write(_ value: UUID, _ node: Int) {
        let start = beginScalar(node)
        let hex: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: value.uuid) { bytes in
            hex.withUTF8Buffer { digits in
                arena.append(UInt8(ascii: "\""))
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 { arena.append(UInt8(ascii: "-")) }
                    let byte = bytes[index]
                    arena.append(digits[Int(byte >> 4)])
                    arena.append(digits[Int(byte & 0x0F)])
                }
                arena.append(UInt8(ascii: "\""))
            }
        }
        endScalar(node, start)
    }

    /// `.iso8601` as Foundation writes it: UTC, whole seconds (the fraction dropped, toward the past).
    func write(_ value: Date, _ node: Int) {
        let seconds = value.timeIntervalSince1970.rounded(.down)
        // 1900-01-01 ..< 10000-01-01: proleptic Gregorian, four-digit years. Outside, Foundation's own formatter (its
        // calendar turns Julian before 1582, and years past 9999 take more digits).
        guard seconds >= -2_208_988_800, seconds < 253_402_300_800 else {
            write(value.formatted(.iso8601), node)
            return
        }
        let total = Int(seconds)
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        // Days to civil date (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

        let start = beginScalar(node)
        arena.append(UInt8(ascii: "\""))
        appendPadded(year, 4)
        arena.append(UInt8(ascii: "-"))
        appendPadded(month, 2)
        arena.append(UInt8(ascii: "-"))
        appendPadded(day, 2)
        arena.append(UInt8(ascii: "T"))
        appendPadded(secondOfDay / 3600, 2)
        arena.append(UInt8(ascii: ":"))
        appendPadded(secondOfDay / 60 % 60, 2)
        arena.append(UInt8(ascii: ":"))
        appendPadded(secondOfDay % 60, 2)
        arena.append(UInt8(ascii: "Z"))
        arena.append(UInt8(ascii: "\""))
        endScalar(node, start)
    }

    /// Encodes `value` into `node`: the types JSONEncoder treats specially (and the common scalars) directly, any other
    /// through its `encode(to:)` with `key` (after `prefix`) on the coding path.
    @inline(__always)
    func encodeValue<T: Encodable>(_ value: T, into node: Int, prefix: [any CodingKey], key: (some CodingKey)?) throws {
        if T.self == String.self {
            write(unsafeBitCast(value, to: String.self), node)
        } else if T.self == UUID.self {
            write(unsafeBitCast(value, to: UUID.self), node)
        } else if T.self == Int.self {
            write(signed: Int64(unsafeBitCast(value, to: Int.self)), node)
        } else if T.self == Double.self {
            try write(unsafeBitCast(value, to: Double.self), node, key: key)
        } else if T.self == Bool.self {
            write(unsafeBitCast(value, to: Bool.self), node)
        } else if T.self == Date.self {
            write(unsafeBitCast(value, to: Date.self), node)
        } else if T.self == Int64.self {
            write(signed: unsafeBitCast(value, to: Int64.self), node)
        } else if T.self == Data.self {
            write((value as! Data).base64EncodedString(), node)
        } else if T.self == URL.self {
            write((value as! URL).absoluteString, node)
        } else if T.self == Decimal.self {
            write(number: (value as! Decimal).description, node)
        } else {
            try encodeOther(value, into: node, prefix: prefix, key: key)
        }
    }

    func encodeOther<T: Encodable>(_ value: T, into node: Int, prefix: [any CodingKey], key: (some CodingKey)?) throws {
        let depth = path.count
        if !prefix.isEmpty { path.append(contentsOf: prefix) }
        if let key { path.append(key) }
        defer { path.removeLast(path.count - depth) }
        if let dictionary = value as? any _APIJSONStringKeyedDictionary {
            makeObject(node)
            try dictionary._apiJSONEncodeMembers(into: self, node: node)
        } else {
            try value.encode(to: _CanonicalJSONEncoder(state: self, node: node, extraPath: []))
        }
    }

    // MARK: Bytes

    @inline(__always)
    func appendDigits(_ value: UInt64) {
        var value = value
        if value < 10 {
            arena.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var index = 20
            repeat {
                index -= 1
                buffer[index] = UInt8(truncatingIfNeeded: value % 10) &+ 0x30
                value /= 10
            } while value != 0
            arena.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<20]))
        }
    }

    @inline(__always)
    func appendPadded(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var value = value
        while divisor > 0 {
            arena.append(UInt8(truncatingIfNeeded: value / divisor) &+ 0x30)
            value %= divisor
            divisor /= 10
        }
    }

    func appendQuoted(_ string: String) {
        arena.append(UInt8(ascii: "\""))
        if let done: Void = string.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) {
            _ = done
        } else {
            var copy = string
            copy.withUTF8 { appendEscaped($0) }
        }
        arena.append(UInt8(ascii: "\""))
    }

    /// Foundation's JSONWriter escapes, with `.withoutEscapingSlashes`.
    @inline(__always)
    func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        _APIJSONEscape.append(bytes, to: &arena)
    }

    /// Foundation's `convertToSnakeCase`, written straight into the arena for ASCII keys.
    func appendSnakeCase(_ key: String) {
        var key = key
        let handled: Bool = key.withUTF8 { bytes in
            let count = bytes.count
            guard count > 0 else { return true }
            for byte in bytes where byte >= 0x80 || byte == 0x0D {
                return false  // non-ASCII, or a CR that may join a grapheme with LF: the general version
            }
            @inline(__always) func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
            @inline(__always) func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
            var firstWord = true
            @inline(__always) func word(_ from: Int, _ to: Int) {
                if !firstWord { arena.append(UInt8(ascii: "_")) }
                firstWord = false
                var index = from
                while index < to {
                    let byte = bytes[index]
                    arena.append(isUpper(byte) ? byte | 0x20 : byte)
                    index += 1
                }
            }
            var wordStart = 0
            var search = 1
            while true {
                var upper = search
                while upper < count, !isUpper(bytes[upper]) { upper += 1 }
                if upper == count { break }
                word(wordStart, upper)
                var lower = upper
                while lower < count, !isLower(bytes[lower]) { lower += 1 }
                if lower == count {
                    wordStart = upper
                    break
                }
                if lower == upper + 1 {
                    wordStart = upper
                } else {
                    word(upper, lower - 1)
                    wordStart = lower - 1
                }
                search = lower + 1
            }
            word(wordStart, count)
            return true
        }
        if !handled {
            arena.append(contentsOf: _APIJSONSnakeCase.convert(key).utf8)
        }
    }

    // MARK: Writing

    func serialize(_ root: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(arena.count + nodes.count * 2 + 16)
        var order: [Int] = []
        try arena.withUnsafeBufferPointer { arena in
            try nodes.withUnsafeBufferPointer { nodes in
                try _APIJSONSerializer.write(root, depth: 0, arena: arena, nodes: nodes, order: &order, out: &out)
            }
        }
        return out
    }
}

fileprivate enum _APIJSONSerializer {
    /// Foundation's writer refuses containers nested 512 deep.
    static let maximumDepth = 512

    static func write(
        _ index: Int, depth: Int, arena: UnsafeBufferPointer<UInt8>, nodes: UnsafeBufferPointer<_APIJSONNode>,
        order: inout [Int], out: inout [UInt8]
    ) throws {
        let node = nodes[index]
        switch node.kind {
        case .scalar:
            out.append(contentsOf: UnsafeBufferPointer(rebasing: arena[node.a..<(node.a + node.b)]))
        case .pending:
            guard depth + 1 < maximumDepth else { throw _APIJSONTooDeep() }
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "}"))
        case .array:
            guard depth + 1 < maximumDepth else { throw _APIJSONTooDeep() }
            out.append(UInt8(ascii: "["))
            var child = node.a
            var first = true
            while child >= 0 {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                try write(child, depth: depth + 1, arena: arena, nodes: nodes, order: &order, out: &out)
                child = nodes[child].next
            }
            out.append(UInt8(ascii: "]"))
        case .object:
            guard depth + 1 < maximumDepth else { throw _APIJSONTooDeep() }
            out.append(UInt8(ascii: "{"))
            let base = order.count
            var child = node.a
            while child >= 0 {
                order.append(child)
                child = nodes[child].next
            }
            let end = order.count
            let base0 = arena.baseAddress!
            // Byte order of the keys; equal keys by age, so the last written is last.
            @inline(__always) func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
                let l = nodes[lhs]
                let r = nodes[rhs]
                let common = min(l.keyCount, r.keyCount)
                if common > 0 {
                    let result = memcmp(base0 + l.keyStart, base0 + r.keyStart, common)
                    if result != 0 { return result < 0 }
                }
                if l.keyCount != r.keyCount { return l.keyCount < r.keyCount }
                return lhs < rhs
            }
            if end - base <= 24 {
                var i = base + 1
                while i < end {
                    let item = order[i]
                    var j = i
                    while j > base, precedes(item, order[j - 1]) {
                        order[j] = order[j - 1]
                        j -= 1
                    }
                    order[j] = item
                    i += 1
                }
            } else {
                order[base..<end].sort(by: precedes)
            }
            var first = true
            var i = base
            while i < end {
                let member = order[i]
                let m = nodes[member]
                if i + 1 < end {
                    let n = nodes[order[i + 1]]
                    if n.keyCount == m.keyCount, memcmp(base0 + m.keyStart, base0 + n.keyStart, m.keyCount) == 0 {
                        i += 1  // a later value for the same key wins
                        continue
                    }
                }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(UInt8(ascii: "\""))
                _APIJSONEscape.append(UnsafeBufferPointer(rebasing: arena[m.keyStart..<(m.keyStart + m.keyCount)]), to: &out)
                out.append(UInt8(ascii: "\""))
                out.append(UInt8(ascii: ":"))
                try write(member, depth: depth + 1, arena: arena, nodes: nodes, order: &order, out: &out)
                i += 1
            }
            order.removeLast(end - base)
            out.append(UInt8(ascii: "}"))
        }
    }
}

fileprivate enum _APIJSONEscape {
    /// Foundation's JSONWriter escapes, with `.withoutEscapingSlashes`: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
    /// controls as `\u00xx` (lower-case hex); everything else, `/`, DEL, U+2028 and non-ASCII included, as it is.
    @inline(__always)
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var mark = 0
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20, byte != 0x22, byte != 0x5C {
                index += 1
                continue
            }
            if index > mark { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<index])) }
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                let hex: (UInt8) -> UInt8 = { $0 < 10 ? $0 &+ 0x30 : $0 &- 10 &+ 0x61 }
                out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex(byte >> 4), hex(byte & 0x0F)])
            }
            index += 1
            mark = index
        }
        if count > mark { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[mark..<count])) }
    }
}

fileprivate enum _APIJSONSnakeCase {
    /// Foundation's `KeyEncodingStrategy._convertToSnakeCase`, step for step (upper case: Lu and Lt; lower case: Ll;
    /// searched by Unicode scalar, stepped by Character), for keys the ASCII path does not take.
    static func convert(_ stringKey: String) -> String {
        guard !stringKey.isEmpty else { return stringKey }
        func isUpper(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter: true
            default: false
            }
        }
        func isLower(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .lowercaseLetter }
        func firstScalar(in range: Range<String.Index>, where predicate: (Unicode.Scalar) -> Bool) -> Range<String.Index>? {
            let scalars = stringKey[range].unicodeScalars
            var index = scalars.startIndex
            while index < scalars.endIndex {
                if predicate(scalars[index]) { return index..<scalars.index(after: index) }
                scalars.formIndex(after: &index)
            }
            return nil
        }
        var words: [Range<String.Index>] = []
        var wordStart = stringKey.startIndex
        var searchRange = stringKey.index(after: wordStart)..<stringKey.endIndex
        while let upperCaseRange = firstScalar(in: searchRange, where: isUpper) {
            words.append(wordStart..<upperCaseRange.lowerBound)
            searchRange = upperCaseRange.lowerBound..<searchRange.upperBound
            guard let lowerCaseRange = firstScalar(in: searchRange, where: isLower) else {
                wordStart = searchRange.lowerBound
                break
            }
            let nextCharacterAfterCapital = stringKey.index(after: upperCaseRange.lowerBound)
            if lowerCaseRange.lowerBound == nextCharacterAfterCapital {
                wordStart = upperCaseRange.lowerBound
            } else {
                let beforeLowerIndex = stringKey.index(before: lowerCaseRange.lowerBound)
                words.append(upperCaseRange.lowerBound..<beforeLowerIndex)
                wordStart = beforeLowerIndex
            }
            searchRange = lowerCaseRange.upperBound..<searchRange.upperBound
        }
        words.append(wordStart..<searchRange.upperBound)
        return words.map { stringKey[$0].lowercased() }.joined(separator: "_")
    }
}

// MARK: - Dictionaries keyed by String

/// Foundation writes a `[String: V]`'s keys as they are (no snake_case); other dictionaries go through a keyed
/// container like any value.
fileprivate protocol _APIJSONStringKeyedDictionary {
    func _apiJSONEncodeMembers(into state: _APIJSONState, node: Int) throws
}

extension Dictionary: _APIJSONStringKeyedDictionary where Key == String, Value: Encodable {
    fileprivate func _apiJSONEncodeMembers(into state: _APIJSONState, node: Int) throws {
        for (key, value) in self {
            let member = state.member(node, rawKey: key)
            try state.encodeValue(value, into: member, prefix: [], key: _APIJSONKey(stringValue: key))
        }
    }
}

// MARK: - Encoder and containers

fileprivate struct _APIJSONKey: CodingKey {
    /// A name, or an index (its name made only when asked: most paths are never read).
    private enum Storage { case name(String), index(Int) }
    private let storage: Storage

    init(stringValue: String) { storage = .name(stringValue) }
    init(intValue: Int) { storage = .index(intValue) }

    var stringValue: String {
        switch storage {
        case .name(let name): name
        case .index(let index): "Index \(index)"
        }
    }

    var intValue: Int? {
        switch storage {
        case .name: nil
        case .index(let index): index
        }
    }

    static let `super` = _APIJSONKey(stringValue: "super")
}

/// Encodes one node. `extraPath`: keys between the state's path and this node (a super encoder's).
fileprivate struct _CanonicalJSONEncoder: Encoder, SingleValueEncodingContainer {
    let state: _APIJSONState
    let node: Int
    let extraPath: [any CodingKey]

    var codingPath: [any CodingKey] { extraPath.isEmpty ? state.path : state.path + extraPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.makeObject(node)
        return KeyedEncodingContainer(_APIJSONKeyed<Key>(state: state, node: node, nestedPath: extraPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        state.makeArray(node)
        return _APIJSONUnkeyed(state: state, node: node, nestedPath: extraPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    mutating func encodeNil() throws { state.writeNull(node) }
    mutating func encode(_ value: Bool) throws { state.write(value, node) }
    mutating func encode(_ value: String) throws { state.write(value, node) }
    mutating func encode(_ value: Double) throws { try state.write(value, node, key: Optional<_APIJSONKey>.none) }
    mutating func encode(_ value: Float) throws { try state.write(value, node, key: Optional<_APIJSONKey>.none) }
    mutating func encode(_ value: Int) throws { state.write(signed: Int64(value), node) }
    mutating func encode(_ value: Int8) throws { state.write(signed: Int64(value), node) }
    mutating func encode(_ value: Int16) throws { state.write(signed: Int64(value), node) }
    mutating func encode(_ value: Int32) throws { state.write(signed: Int64(value), node) }
    mutating func encode(_ value: Int64) throws { state.write(signed: value, node) }
    mutating func encode(_ value: Int128) throws { state.write(number: value.description, node) }
    mutating func encode(_ value: UInt) throws { state.write(unsigned: UInt64(value), node) }
    mutating func encode(_ value: UInt8) throws { state.write(unsigned: UInt64(value), node) }
    mutating func encode(_ value: UInt16) throws { state.write(unsigned: UInt64(value), node) }
    mutating func encode(_ value: UInt32) throws { state.write(unsigned: UInt64(value), node) }
    mutating func encode(_ value: UInt64) throws { state.write(unsigned: value, node) }
    mutating func encode(_ value: UInt128) throws { state.write(number: value.description, node) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try state.encodeValue(value, into: node, prefix: extraPath, key: Optional<_APIJSONKey>.none)
        // Foundation writes `{}` for a value that encoded nothing (even at the top).
        if state.nodes[node].kind == .pending { state.makeObject(node) }
    }
}

fileprivate struct _APIJSONKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: _APIJSONState
    let node: Int
    let nestedPath: [any CodingKey]

    var codingPath: [any CodingKey] { nestedPath.isEmpty ? state.path : state.path + nestedPath }

    mutating func encodeNil(forKey key: Key) throws { state.writeNull(state.member(node, key: key)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { state.write(value, state.member(node, key: key)) }
    mutating func encode(_ value: String, forKey key: Key) throws { state.write(value, state.member(node, key: key)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try state.write(value, state.member(node, key: key), key: key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try state.write(value, state.member(node, key: key), key: key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { state.write(signed: Int64(value), state.member(node, key: key)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { state.write(signed: Int64(value), state.member(node, key: key)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { state.write(signed: Int64(value), state.member(node, key: key)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { state.write(signed: Int64(value), state.member(node, key: key)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { state.write(signed: value, state.member(node, key: key)) }
    mutating func encode(_ value: Int128, forKey key: Key) throws {
        state.write(number: value.description, state.member(node, key: key))
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws { state.write(unsigned: UInt64(value), state.member(node, key: key)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { state.write(unsigned: UInt64(value), state.member(node, key: key)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { state.write(unsigned: UInt64(value), state.member(node, key: key)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { state.write(unsigned: UInt64(value), state.member(node, key: key)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { state.write(unsigned: value, state.member(node, key: key)) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws {
        state.write(number: value.description, state.member(node, key: key))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try state.encodeValue(value, into: state.member(node, key: key), prefix: nestedPath, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let member = state.nestedMember(node, key: key, kind: .object)
        state.makeObject(member)
        return KeyedEncodingContainer(_APIJSONKeyed<NestedKey>(state: state, node: member, nestedPath: nestedPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let member = state.nestedMember(node, key: key, kind: .array)
        state.makeArray(member)
        return _APIJSONUnkeyed(state: state, node: member, nestedPath: nestedPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        _CanonicalJSONEncoder(state: state, node: state.member(node, key: _APIJSONKey.super), extraPath: nestedPath + [_APIJSONKey.super])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _CanonicalJSONEncoder(state: state, node: state.member(node, key: key), extraPath: nestedPath + [key])
    }
}

fileprivate struct _APIJSONUnkeyed: UnkeyedEncodingContainer {
    let state: _APIJSONState
    let node: Int
    let nestedPath: [any CodingKey]

    var codingPath: [any CodingKey] { nestedPath.isEmpty ? state.path : state.path + nestedPath }
    var count: Int { state.nodes[node].count }

    @inline(__always) private func next() -> Int { state.appendChild(node) }

    mutating func encodeNil() throws { state.writeNull(next()) }
    mutating func encode(_ value: Bool) throws { state.write(value, next()) }
    mutating func encode(_ value: String) throws { state.write(value, next()) }
    mutating func encode(_ value: Double) throws {
        let index = count
        try state.write(value, next(), key: _APIJSONKey(intValue: index))
    }
    mutating func encode(_ value: Float) throws {
        let index = count
        try state.write(value, next(), key: _APIJSONKey(intValue: index))
    }
    mutating func encode(_ value: Int) throws { state.write(signed: Int64(value), next()) }
    mutating func encode(_ value: Int8) throws { state.write(signed: Int64(value), next()) }
    mutating func encode(_ value: Int16) throws { state.write(signed: Int64(value), next()) }
    mutating func encode(_ value: Int32) throws { state.write(signed: Int64(value), next()) }
    mutating func encode(_ value: Int64) throws { state.write(signed: value, next()) }
    mutating func encode(_ value: Int128) throws { state.write(number: value.description, next()) }
    mutating func encode(_ value: UInt) throws { state.write(unsigned: UInt64(value), next()) }
    mutating func encode(_ value: UInt8) throws { state.write(unsigned: UInt64(value), next()) }
    mutating func encode(_ value: UInt16) throws { state.write(unsigned: UInt64(value), next()) }
    mutating func encode(_ value: UInt32) throws { state.write(unsigned: UInt64(value), next()) }
    mutating func encode(_ value: UInt64) throws { state.write(unsigned: value, next()) }
    mutating func encode(_ value: UInt128) throws { state.write(number: value.description, next()) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = count
        try state.encodeValue(value, into: next(), prefix: nestedPath, key: _APIJSONKey(intValue: index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let index = count
        let child = next()
        state.makeObject(child)
        return KeyedEncodingContainer(
            _APIJSONKeyed<NestedKey>(state: state, node: child, nestedPath: nestedPath + [_APIJSONKey(intValue: index)]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let index = count
        let child = next()
        state.makeArray(child)
        return _APIJSONUnkeyed(state: state, node: child, nestedPath: nestedPath + [_APIJSONKey(intValue: index)])
    }

    mutating func superEncoder() -> any Encoder {
        let index = count
        return _CanonicalJSONEncoder(state: state, node: next(), extraPath: nestedPath + [_APIJSONKey(intValue: index)])
    }
}
