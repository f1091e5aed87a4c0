extension Bool: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .bool }
    public func databaseText() throws -> String? { self ? "t" : "f" }

    public init(databaseValue value: DatabaseValue) throws {
        switch value.string {
        case "t", "true", "TRUE", "on", "1", "yes": self = true
        case "f", "false", "FALSE", "off", "0", "no": self = false
        default: throw DatabaseDecodingFailure("not a boolean")
        }
    }
}
