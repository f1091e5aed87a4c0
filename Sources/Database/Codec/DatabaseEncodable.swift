/// A Swift value that can be sent as a statement parameter.
///
/// Parameters travel in PostgreSQL's text format: every type has a canonical, locale-free text form, and the session
/// settings the connection fixes at start (UTC, ISO dates, UTF-8) make that form unambiguous.
public protocol DatabaseEncodable: Sendable {
    /// The type the parameter is declared as when the statement is prepared.
    static var databaseType: DatabaseType { get }
    /// The parameter's text form, or `nil` for SQL `NULL`.
    func databaseText() throws -> String?

    // How an array of this type is sent. Requirements (with defaults in Array+Database.swift) rather than extension
    // members, so that `[UInt8]` dispatches to UInt8's bytea spelling from generic code — interpolation is generic.
    // As extension-only members they were bound statically, and `[UInt8]` went out as smallint[].
    static var arrayDatabaseType: DatabaseType { get }
    static func arrayDatabaseText(_ elements: [Self]) throws -> String?
}

/// A Swift value that can be read from a result column.
public protocol DatabaseDecodable: Sendable {
    /// Reads a non-NULL value. `value` is only valid during the call.
    init(databaseValue value: DatabaseValue) throws
    /// What a SQL `NULL` becomes; only `Optional` accepts one.
    static func databaseNull() throws -> Self
    /// Reads an array of this type (a requirement for the same reason as ``DatabaseEncodable/arrayDatabaseType``:
    /// `[UInt8]` reads bytea).
    static func decodeArray(_ value: DatabaseValue) throws -> [Self]
}

extension DatabaseDecodable {
    public static func databaseNull() throws -> Self {
        throw DatabaseDecodingFailure("unexpected NULL")
    }
}

public typealias DatabaseCodable = DatabaseEncodable & DatabaseDecodable

/// Why a value could not be decoded; ``Row`` wraps it into a ``DatabaseError`` naming the column and types.
public struct DatabaseDecodingFailure: Error, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// One non-NULL column value in text format, borrowed from the result for the duration of a decode.
public struct DatabaseValue {
    /// The value's bytes, without a terminating NUL.
    public let bytes: UnsafeRawBufferPointer
    /// The column's declared type.
    public let type: DatabaseType

    public init(bytes: UnsafeRawBufferPointer, type: DatabaseType) {
        self.bytes = bytes
        self.type = type
    }

    /// The text as a Swift string (PostgreSQL sends UTF-8: the connection fixes `client_encoding`).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
