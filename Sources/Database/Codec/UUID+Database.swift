public import struct Foundation.UUID

extension UUID: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .uuid }
    public func databaseText() throws -> String? { uuidString }

    public init(databaseValue value: DatabaseValue) throws {
        guard let uuid = UUID(uuidString: value.string) else {
            throw DatabaseDecodingFailure("not a UUID")
        }
        self = uuid
    }
}
