// Strings go as `unknown` so the server reads them like a literal: the same parameter fits a text, varchar,
// uuid or enum column, which is what a quoted literal in hand-written SQL would do.
extension String: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .unknown }
    public func databaseText() throws -> String? { self }
    public init(databaseValue value: DatabaseValue) throws { self = value.string }
}

extension Substring: DatabaseEncodable {
    public static var databaseType: DatabaseType { .unknown }
    public func databaseText() throws -> String? { String(self) }
}
