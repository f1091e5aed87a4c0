import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// Owns one libpq `PGresult` and frees it when the last row referring to it is gone.
///
/// `@unchecked Sendable`: a `PGresult` is immutable once libpq hands it over and libpq documents reading one from
/// several threads as safe; nothing here mutates it.
final class ResultStorage: @unchecked Sendable {
    let pointer: OpaquePointer
    let rowCount: Int
    let columnCount: Int

    /// Names and types are read from libpq when asked for, not copied up front: most statements are decoded by
    /// position, and the hot path should allocate nothing beyond the result itself.
    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        rowCount = Int(PQntuples(pointer))
        columnCount = Int(PQnfields(pointer))
    }

    func columnName(_ column: Int) -> String {
        PQfname(pointer, Int32(column)).map { String(cString: $0) } ?? "?column?"
    }

    func columnType(_ column: Int) -> DatabaseType {
        DatabaseType(oid: UInt32(PQftype(pointer, Int32(column))))
    }

    var columnNames: [String] { (0..<columnCount).map(columnName) }

    deinit { PQclear(pointer) }

    /// Rows affected by an INSERT/UPDATE/DELETE (or returned by SELECT).
    var affectedRows: Int {
        guard let text = PQcmdTuples(pointer) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    func columnIndex(_ name: String) -> Int? {
        var name = name
        return name.withUTF8 { wanted in
            for column in 0..<columnCount {
                guard let candidate = PQfname(pointer, Int32(column)) else { continue }
                if strlen(candidate) == wanted.count,
                    memcmp(candidate, wanted.baseAddress!, wanted.count) == 0
                {
                    return column
                }
            }
            return nil
        }
    }

    @inline(__always)
    func withValue<T>(row: Int, column: Int, _ body: (DatabaseValue?) throws -> T) rethrows -> T {
        let r = Int32(row)
        let c = Int32(column)
        if PQgetisnull(pointer, r, c) == 1 { return try body(nil) }
        let length = Int(PQgetlength(pointer, r, c))
        let base = UnsafeRawPointer(PQgetvalue(pointer, r, c)!)
        return try body(DatabaseValue(bytes: UnsafeRawBufferPointer(start: base, count: length), type: columnType(column)))
    }
}

extension ResultStorage {
    var commandTag: String {
        PQcmdStatus(pointer).map { String(cString: $0) } ?? ""
    }
}
