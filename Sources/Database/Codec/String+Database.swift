// Strings go as `unknown` so the server reads them like a literal: the same parameter fits a text, varchar,
// uuid or enum column, which is what a quoted literal in hand-written SQL would do.
extension String: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .unknown }
    public func databaseText() throws -> String? { try Self.checkedParameterText(self) }
    public init(databaseValue value: DatabaseValue) throws { self = value.string }

    /// libpq takes parameters as NUL-terminated C strings, so a U+0000 would silently cut the value short (and
    /// PostgreSQL text cannot hold one anyway): refuse it rather than store something other than what was given.
    static func checkedParameterText(_ text: String) throws -> String {
        if text.utf8.contains(0) {
            throw DatabaseEncodingFailure("text contains U+0000 (NUL), which PostgreSQL text cannot hold")
        }
        return text
    }
}

extension Substring: DatabaseEncodable {
    public static var databaseType: DatabaseType { .unknown }
    public func databaseText() throws -> String? { try String.checkedParameterText(String(self)) }
}
