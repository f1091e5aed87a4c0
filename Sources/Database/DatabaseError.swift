/// An error from PostgreSQL or from the client side of the conversation.
///
/// `description` is terse on purpose: it names the code, SQLSTATE and constraint but never parameter values, so it is
/// safe for logs. `debugDescription` adds the server's detail and hint, which may quote row values.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Sendable {
            case server, connectionFailed, connectionClosed, poolTimeout, poolClosed, decoding, encoding, protocolViolation
            case migrationChanged, migrationFailed
        }
        let base: Base
        /// PostgreSQL reported an error (see `sqlState`).
        public static let server = Code(base: .server)
        /// A connection could not be established.
        public static let connectionFailed = Code(base: .connectionFailed)
        /// The connection broke while a statement was in flight; whether it ran is unknown.
        public static let connectionClosed = Code(base: .connectionClosed)
        /// No connection became free within the pool's wait timeout.
        public static let poolTimeout = Code(base: .poolTimeout)
        /// The pool is shutting down.
        public static let poolClosed = Code(base: .poolClosed)
        /// A column's value could not be decoded into the requested Swift type.
        public static let decoding = Code(base: .decoding)
        /// A Swift value could not be encoded as a parameter.
        public static let encoding = Code(base: .encoding)
        /// The server answered in a way this client did not expect.
        public static let protocolViolation = Code(base: .protocolViolation)
        /// An already applied migration file was edited afterwards.
        public static let migrationChanged = Code(base: .migrationChanged)
        /// A migration failed to apply.
        public static let migrationFailed = Code(base: .migrationFailed)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The server's or client's message. It may quote values, so it is kept out of `description`.
    public var message: String
    /// The five-character SQLSTATE, when PostgreSQL reported one.
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// The statement's text, never its parameter values.
    public var query: String?

    public init(
        code: Code, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil, query: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.query = query
    }

    public var description: String {
        var parts = ["DatabaseError(\(code)"]
        if let sqlState { parts.append("sqlstate=\(sqlState)") }
        if let constraint { parts.append("constraint=\(constraint)") }
        if code != .server { parts.append("message=\(message)") }
        return parts.joined(separator: " ") + ")"
    }

    public var debugDescription: String {
        var parts = [description, "message: \(message)"]
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let query { parts.append("query: \(query)") }
        return parts.joined(separator: "\n")
    }

    // Well-known SQLSTATEs that callers branch on.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isNotNullViolation: Bool { sqlState == "23502" }
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
    public var isInsufficientPrivilege: Bool { sqlState == "42501" }
    /// The connection itself is gone; a fresh one may succeed.
    public var isConnectionLoss: Bool {
        code == .connectionClosed || code == .connectionFailed || (sqlState?.hasPrefix("08") ?? false)
            || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
    }
}
