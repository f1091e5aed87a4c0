extension Optional: DatabaseEncodable where Wrapped: DatabaseEncodable {
    public static var databaseType: DatabaseType { Wrapped.databaseType }
    public func databaseText() throws -> String? {
        guard let self else { return nil }
        return try self.databaseText()
    }
}

extension Optional: DatabaseDecodable where Wrapped: DatabaseDecodable {
    public init(databaseValue value: DatabaseValue) throws { self = try Wrapped(databaseValue: value) }
    public static func databaseNull() throws -> Wrapped? { nil }
}
