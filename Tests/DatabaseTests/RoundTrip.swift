import Database
import Foundation
import Testing

/// Sends values as parameters and reads them back three ways: straight from `SELECT $1`, through a column of the
/// given SQL type (also read as an Optional), and as a NULL through `Optional.none`.
struct RoundTrip {
    let db: Database

    /// - Parameters:
    ///   - column: the SQL type of the table column the values go through.
    ///   - parameterType: what `pg_typeof($1)` must say the parameter was declared as (`nil` for types sent as
    ///     `unknown`, whose type the server infers).
    ///   - selectCast: cast `SELECT $1` to `column` (needed for values sent as `unknown`: the server reads a bare
    ///     unknown parameter as `text`).
    func check<T: DatabaseCodable>(
        _ values: [T], column: String, parameterType: String?, selectCast: Bool = false,
        same: (T, T) -> Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let table = "rt_" + UUID().uuidString.prefix(8).lowercased()
        try await db.execute("CREATE TABLE \(identifier: table) (id int PRIMARY KEY, v \(unsafeSQL: column))")
        for (i, value) in values.enumerated() {
            let direct: SQLQuery =
                selectCast ? "SELECT \(value)::\(unsafeSQL: column)" : "SELECT \(value)"
            let selected = try await db.query(direct)
            #expect(selected.count == 1, sourceLocation: sourceLocation)
            let echoed = try selected[0].decode(T.self, at: 0)
            #expect(same(value, echoed), "SELECT $1: sent \(value), got \(echoed)", sourceLocation: sourceLocation)

            let inserted = try await db.execute("INSERT INTO \(identifier: table) (id, v) VALUES (\(i), \(value))")
            #expect(inserted == 1, sourceLocation: sourceLocation)
            let row = try await db.query("SELECT v FROM \(identifier: table) WHERE id = \(i)")[0]
            let stored = try row.decode(T.self, at: 0)
            #expect(same(value, stored), "\(column) column: stored \(value), got \(stored)", sourceLocation: sourceLocation)
            let optional = try row.decode(T?.self, at: 0)
            #expect(optional.map { same(value, $0) } == true, "as Optional: got \(String(describing: optional))",
                sourceLocation: sourceLocation)
            #expect(!row.isNull(at: 0), sourceLocation: sourceLocation)
        }

        if let parameterType {
            let declared = try await db.query("SELECT pg_typeof(\(values[0]))::text").scalar(String.self)
            #expect(declared == parameterType, "parameter declared as \(String(describing: declared))",
                sourceLocation: sourceLocation)
            let nullDeclared = try await db.query("SELECT pg_typeof(\(T?.none))::text").scalar(String.self)
            #expect(nullDeclared == parameterType, "NULL parameter declared as \(String(describing: nullDeclared))",
                sourceLocation: sourceLocation)
        }

        // NULL through Optional.none, into the column and straight back.
        let nullID = values.count
        try await db.execute("INSERT INTO \(identifier: table) (id, v) VALUES (\(nullID), \(T?.none))")
        let nullRow = try await db.query("SELECT v, v IS NULL FROM \(identifier: table) WHERE id = \(nullID)")[0]
        #expect(try nullRow.decode(Bool.self, at: 1), "Optional.none must be stored as NULL", sourceLocation: sourceLocation)
        #expect(nullRow.isNull(at: 0), sourceLocation: sourceLocation)
        #expect(try nullRow.decode(T?.self, at: 0) == nil, sourceLocation: sourceLocation)
        let nonOptional = #expect(throws: DatabaseError.self, "NULL into non-Optional \(T.self)", sourceLocation: sourceLocation) {
            try nullRow.decode(T.self, at: 0)
        }
        #expect(nonOptional?.code == .decoding, sourceLocation: sourceLocation)
        let directNull: SQLQuery =
            selectCast ? "SELECT \(T?.none)::\(unsafeSQL: column)" : "SELECT \(T?.none)"
        #expect(try await db.query(directNull)[0].decode(T?.self, at: 0) == nil, sourceLocation: sourceLocation)
        let count = try await db.query("SELECT count(*) FROM \(identifier: table)").scalar(Int.self)
        #expect(count == values.count + 1, sourceLocation: sourceLocation)
    }

    func check<T: DatabaseCodable & Equatable>(
        _ values: [T], column: String, parameterType: String?, selectCast: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await check(
            values, column: column, parameterType: parameterType, selectCast: selectCast, same: ==,
            sourceLocation: sourceLocation)
    }
}

/// Strings compare byte for byte: Swift's `==` treats canonically equivalent strings ("é" and "e\u{301}") as equal.
func sameBytes(_ a: String, _ b: String) -> Bool { Array(a.utf8) == Array(b.utf8) }

/// Same bits, or both NaN.
func sameDouble(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
func sameFloat(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

/// Instants compare to the microsecond, PostgreSQL's resolution (a `Date` is a `Double`, so the last bit may differ).
func sameInstant(_ a: Date, _ b: Date) -> Bool {
    abs(a.timeIntervalSince1970 - b.timeIntervalSince1970) < 0.000_000_5
}

/// An instant from whole seconds since 1970 plus microseconds (whole seconds first keeps the value as close to the
/// microsecond as a `Double` allows).
func instant(_ seconds: Int64, micros: Int = 0) -> Date {
    Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
}
