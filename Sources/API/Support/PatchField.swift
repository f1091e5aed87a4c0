/// A field of a PATCH body: absent (leave it), `null` (clear it) or a value — which `Optional` alone cannot tell
/// apart.
enum PatchField<Value: Decodable & Sendable>: Sendable {
    case absent
    case null
    case value(Value)

    /// The new value, given the current one.
    func applied(to current: Value?) -> Value? {
        switch self {
        case .absent: current
        case .null: nil
        case .value(let value): value
        }
    }

    var isAbsent: Bool { if case .absent = self { true } else { false } }
}

extension KeyedDecodingContainer {
    func patch<Value>(_ key: Key) throws -> PatchField<Value> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(Value.self, forKey: key))
    }
}
