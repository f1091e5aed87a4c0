extension Double: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .float8 }

    public func databaseText() throws -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        // Swift's description is the shortest text that round-trips, which float8 input reads exactly.
        return description
    }

    public init(databaseValue value: DatabaseValue) throws {
        let text = value.string
        switch text {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let parsed = Double(text) else {
                throw DatabaseDecodingFailure("not a floating-point number")
            }
            self = parsed
        }
    }
}

extension Float: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .float4 }
    public func databaseText() throws -> String? { try Double(self).databaseText() }
    public init(databaseValue value: DatabaseValue) throws { self = Float(try Double(databaseValue: value)) }
}
