/// One row of a ``QueryResult``. Decode columns by position or by name, or the whole row into a tuple:
///
/// ```swift
/// let (id, name) = try row.decode((UUID, String).self)
/// let email = try row.decode(String.self, column: "email")
/// ```
public struct Row: Sendable {
    let storage: ResultStorage
    let index: Int

    public var columnCount: Int { storage.columnCount }
    public var columnNames: [String] { storage.columnNames }

    public func decode<T: DatabaseDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        guard column >= 0, column < storage.columnCount else {
            throw DatabaseError(
                code: .decoding, message: "column \(column) does not exist (the row has \(storage.columnCount))")
        }
        return try storage.withValue(row: index, column: column) { value in
            do {
                guard let value else { return try T.databaseNull() }
                return try T(databaseValue: value)
            } catch let failure as DatabaseDecodingFailure {
                throw DatabaseError(
                    code: .decoding,
                    message: "column \"\(storage.columnName(column))\" (\(storage.columnType(column))) cannot be "
                        + "decoded as \(T.self): \(failure.reason)",
                    column: storage.columnName(column))
            }
        }
    }

    public func decode<T: DatabaseDecodable>(_ type: T.Type = T.self, column name: String) throws -> T {
        guard let column = storage.columnIndex(name) else {
            throw DatabaseError(
                code: .decoding,
                message: "no column named \"\(name)\" (columns: \(storage.columnNames.joined(separator: ", ")))",
                column: name)
        }
        return try decode(T.self, at: column)
    }

    /// Decodes the first columns, in order, into a tuple.
    public func decode<each T: DatabaseDecodable>(_ types: (repeat each T).Type) throws -> (repeat each T) {
        var column = 0
        func next<U: DatabaseDecodable>(_ type: U.Type) throws -> U {
            defer { column += 1 }
            return try decode(U.self, at: column)
        }
        return (repeat try next((each T).self))
    }

    /// Whether the column is SQL `NULL`.
    public func isNull(at column: Int) -> Bool {
        storage.withValue(row: index, column: column) { $0 == nil }
    }
}
