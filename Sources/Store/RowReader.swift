import Database

/// Reads a row's columns in order, so a wide row's decoder lists its fields once, next to the column list.
struct RowReader {
    let row: Row
    private var index: Int

    init(_ row: Row, from column: Int = 0) {
        self.row = row
        index = column
    }

    mutating func next<T: DatabaseDecodable>(_ type: T.Type = T.self) throws -> T {
        defer { index += 1 }
        return try row.decode(type, at: index)
    }
}
