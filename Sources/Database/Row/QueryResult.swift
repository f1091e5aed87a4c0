/// The rows a statement returned, plus the count of rows it affected. A random-access collection of ``Row``.
public struct QueryResult: Sendable, RandomAccessCollection {
    let storage: ResultStorage?

    init(storage: ResultStorage?) { self.storage = storage }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage?.rowCount ?? 0 }
    public subscript(position: Int) -> Row {
        Row(storage: storage!, index: position)
    }

    /// Rows affected by INSERT, UPDATE, DELETE, or returned by SELECT.
    public var affectedRows: Int { storage?.affectedRows ?? 0 }
    public var columnNames: [String] { storage?.columnNames ?? [] }

    /// Decodes every row into a tuple.
    public func decode<each T: DatabaseDecodable>(_ types: (repeat each T).Type) throws -> [(repeat each T)] {
        try map { try $0.decode((repeat each T).self) }
    }

    /// Decodes the first column of every row.
    public func decodeColumn<T: DatabaseDecodable>(_ type: T.Type) throws -> [T] {
        try map { try $0.decode(T.self, at: 0) }
    }

    /// The first column of the first row, or `nil` when there is no row.
    public func scalar<T: DatabaseDecodable>(_ type: T.Type) throws -> T? {
        guard let row = first else { return nil }
        return try row.decode(T.self, at: 0)
    }
}

extension QueryResult {
    /// The command tag, e.g. `INSERT 0 1`, `COMMIT` or `ROLLBACK`.
    public var commandTag: String { storage?.commandTag ?? "" }
}
