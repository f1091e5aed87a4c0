public import Database
public import Domain

// The Domain's calendar day travels as a PostgreSQL `date`; parsing is the Database's CalendarDate's, so the two
// civil-day types meet here and nowhere else.
extension LocalDate: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .date }
    public func databaseText() throws -> String? { description }

    public init(databaseValue value: DatabaseValue) throws {
        let date = try CalendarDate(databaseValue: value)
        guard let local = LocalDate(year: date.year, month: date.month, day: date.day) else {
            throw DatabaseDecodingFailure("a date outside the supported years")
        }
        self = local
    }
}
