import CLibPQ

/// Owns one libpq `PGresult` and frees it when the last row referring to it is gone.
///
/// `@unchecked Sendable`: a `PGresult` is immutable once libpq hands it over and libpq documents reading one from
/// several threads as safe; nothing here mutates it.
final class ResultStorage: @unchecked Sendable {
    let pointer: OpaquePointer
    let rowCount: Int
    let columnCount: Int
    let columnNames: [String]
    let columnTypes: [DatabaseType]

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        rowCount = Int(PQntuples(pointer))
        columnCount = Int(PQnfields(pointer))
        var names: [String] = []
        var types: [DatabaseType] = []
        names.reserveCapacity(columnCount)
        types.reserveCapacity(columnCount)
        for c in 0..<columnCount {
            names.append(PQfname(pointer, Int32(c)).map { String(cString: $0) } ?? "?column?")
            types.append(DatabaseType(oid: UInt32(PQftype(pointer, Int32(c)))))
        }
        columnNames = names
        columnTypes = types
    }

    deinit { PQclear(pointer) }

    /// Rows affected by an INSERT/UPDATE/DELETE (or returned by SELECT).
    var affectedRows: Int {
        guard let text = PQcmdTuples(pointer) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    func columnIndex(_ name: String) -> Int? {
        columnNames.firstIndex(of: name)
    }

    @inline(__always)
    func withValue<T>(row: Int, column: Int, _ body: (DatabaseValue?) throws -> T) rethrows -> T {
        let r = Int32(row)
        let c = Int32(column)
        if PQgetisnull(pointer, r, c) == 1 { return try body(nil) }
        let length = Int(PQgetlength(pointer, r, c))
        let base = UnsafeRawPointer(PQgetvalue(pointer, r, c)!)
        return try body(DatabaseValue(bytes: UnsafeRawBufferPointer(start: base, count: length), type: columnTypes[column]))
    }
}

extension ResultStorage {
    var commandTag: String {
        PQcmdStatus(pointer).map { String(cString: $0) } ?? ""
    }
}
