// Arrays use PostgreSQL's text array form `{"a","b",NULL}`. One-dimensional arrays only: Banso stores lists, not
// matrices, and a multi-dimensional value is reported rather than flattened.

extension DatabaseEncodable {
    /// The type of an array of this type; `[UInt8]` overrides it to be `bytea`.
    public static var arrayDatabaseType: DatabaseType { databaseType.arrayType }

    public static func arrayDatabaseText(_ elements: [Self]) throws -> String? {
        var text = "{"
        for (i, element) in elements.enumerated() {
            if i > 0 { text += "," }
            guard let item = try element.databaseText() else {
                text += "NULL"
                continue
            }
            text += "\""
            for scalar in item.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { text += "\\" }
                text.unicodeScalars.append(scalar)
            }
            text += "\""
        }
        return text + "}"
    }
}

extension DatabaseDecodable {
    public static func decodeArray(_ value: DatabaseValue) throws -> [Self] {
        guard let elementType = value.type.elementType ?? (value.type == .unknown ? .unknown : nil) else {
            throw DatabaseDecodingFailure("not an array")
        }
        var result: [Self] = []
        try ArrayTextParser.parse(value.bytes) { element in
            guard var element else {
                result.append(try Self.databaseNull())
                return
            }
            result.append(
                try element.withUTF8 { utf8 in
                    try Self(databaseValue: DatabaseValue(bytes: UnsafeRawBufferPointer(utf8), type: elementType))
                })
        }
        return result
    }
}

extension Array: DatabaseEncodable where Element: DatabaseEncodable {
    public static var databaseType: DatabaseType { Element.arrayDatabaseType }
    public func databaseText() throws -> String? { try Element.arrayDatabaseText(self) }
}

extension Array: DatabaseDecodable where Element: DatabaseDecodable {
    public init(databaseValue value: DatabaseValue) throws { self = try Element.decodeArray(value) }
}

enum ArrayTextParser {
    static func parse(_ bytes: UnsafeRawBufferPointer, element: (String?) throws -> Void) throws {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else {
            throw DatabaseDecodingFailure("not a one-dimensional array literal")
        }
        var i = 1
        let end = bytes.count - 1
        if i == end { return }
        while i <= end {
            var buffer: [UInt8] = []
            var quoted = false
            if bytes[i] == UInt8(ascii: "\"") {
                quoted = true
                i += 1
                while i < end, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    guard i < end else { break }
                    buffer.append(bytes[i])
                    i += 1
                }
                guard i < end else { throw DatabaseDecodingFailure("unterminated quoted array element") }
                i += 1
            } else {
                if bytes[i] == UInt8(ascii: "{") {
                    throw DatabaseDecodingFailure("multi-dimensional arrays are not supported")
                }
                while i < end, bytes[i] != UInt8(ascii: ",") {
                    buffer.append(bytes[i])
                    i += 1
                }
            }
            let text = String(decoding: buffer, as: UTF8.self)
            try element(!quoted && text.uppercased() == "NULL" ? nil : text)
            guard i == end || bytes[i] == UInt8(ascii: ",") else {
                throw DatabaseDecodingFailure("malformed array literal")
            }
            i += 1
        }
    }
}
