public import Database
public import Domain

// Roles are stored as their names; the Store bridges the Domain type to the Database codecs (Domain knows no
// database, Database knows no domain).
extension Role: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .text }
    public func databaseText() throws -> String? { rawValue }

    public init(databaseValue value: DatabaseValue) throws {
        guard let role = Role(rawValue: value.string) else { throw DatabaseDecodingFailure("unknown role") }
        self = role
    }
}
