// `[UInt8]` is `bytea`, not an array of small integers: the array conformance asks the element type how to
// spell an array of itself, and `UInt8` answers with bytea's hex form.
extension UInt8: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .int2 }

    public static var arrayDatabaseType: DatabaseType { .bytea }

    public static func arrayDatabaseText(_ elements: [UInt8]) throws -> String? {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 2 + elements.count * 2)
        out[0] = UInt8(ascii: "\\")
        out[1] = UInt8(ascii: "x")
        for (i, byte) in elements.enumerated() {
            out[2 + 2 * i] = hex[Int(byte >> 4)]
            out[3 + 2 * i] = hex[Int(byte & 0x0f)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decodeArray(_ value: DatabaseValue) throws -> [UInt8] {
        let bytes = value.bytes
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0
        else { throw DatabaseDecodingFailure("not bytea in hex form") }
        func nibble(_ c: UInt8) throws -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: throw DatabaseDecodingFailure("not bytea in hex form")
            }
        }
        var out = [UInt8](repeating: 0, count: (bytes.count - 2) / 2)
        for i in 0..<out.count {
            out[i] = try nibble(bytes[2 + 2 * i]) << 4 | nibble(bytes[3 + 2 * i])
        }
        return out
    }
}
