public import struct Foundation.Decimal

extension Decimal: DatabaseEncodable, DatabaseDecodable {
    public static var databaseType: DatabaseType { .numeric }

    public func databaseText() throws -> String? {
        guard !isNaN else { return "NaN" }
        // `description` is locale-free ("1234.5"), which is what numeric input expects.
        return description
    }

    public init(databaseValue value: DatabaseValue) throws {
        let text = value.string
        guard text != "NaN", let decimal = Decimal(string: text, locale: nil) else {
            throw DatabaseDecodingFailure("not a finite decimal number")
        }
        self = decimal
    }
}
