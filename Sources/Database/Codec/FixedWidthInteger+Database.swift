/// Parses a decimal integer from ASCII bytes without going through `String`, since integer keys are the most
/// common column of all.
@inline(__always)
func parseInteger<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, as: T.Type) -> T? {
    var index = 0
    let count = bytes.count
    guard count > 0 else { return nil }
    var negative = false
    if bytes[0] == UInt8(ascii: "-") {
        negative = true
        index = 1
    } else if bytes[0] == UInt8(ascii: "+") {
        index = 1
    }
    guard index < count else { return nil }
    var result: T = 0
    while index < count {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        let (m, o1) = result.multipliedReportingOverflow(by: 10)
        let (s, o2) = negative ? m.subtractingReportingOverflow(T(digit)) : m.addingReportingOverflow(T(digit))
        guard !o1, !o2 else { return nil }
        result = s
        index += 1
    }
    return result
}

extension DatabaseDecodable where Self: FixedWidthInteger {
    public init(databaseValue value: DatabaseValue) throws {
        guard let parsed = parseInteger(value.bytes, as: Self.self) else {
            throw DatabaseDecodingFailure("not an integer that fits \(Self.self): \(value.type)")
        }
        self = parsed
    }
}

extension DatabaseEncodable where Self: FixedWidthInteger {
    public func databaseText() throws -> String? { String(self) }
}

extension Int: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .int8 }
}

extension Int64: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .int8 }
}

extension Int32: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .int4 }
}

extension Int16: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .int2 }
}
