/// A transaction on one connection, handed to the closure of ``Database/transaction(prelude:_:)``.
public struct Transaction: Sendable {
    public let connection: Connection
    let savepointDepth: Int
    /// A read of one statement (``Database/read(prelude:_:)``): no BEGIN or COMMIT, the prelude and the statement
    /// share one implicit transaction — so a second statement, which would run without the prelude, is refused.
    var single = false

    @discardableResult
    public func query(_ query: SQLQuery) async throws -> QueryResult {
        if single, !connection.hasDeferred {
            throw DatabaseError(
                code: .protocolViolation, message: "a one-statement read ran a second statement; use a transaction")
        }
        return try await connection.query(query)
    }

    @discardableResult
    public func execute(_ query: SQLQuery) async throws -> Int {
        try await connection.execute(query)
    }

    /// Several statements in one round trip; see ``Connection/batch(_:)``.
    public func batch(_ queries: [SQLQuery]) async throws -> [QueryResult] {
        try await connection.batch(queries)
    }

    /// Runs `body` inside a savepoint: its statements are undone if it throws, and the transaction goes on.
    public func savepoint<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        let inner = Transaction(connection: connection, savepointDepth: savepointDepth + 1)
        let name = "banso_sp\(inner.savepointDepth)"
        try await connection.query(SQLQuery(unsafeSQL: "SAVEPOINT \(name)"))
        do {
            let result = try await body(inner)
            try await connection.query(SQLQuery(unsafeSQL: "RELEASE SAVEPOINT \(name)"))
            return result
        } catch {
            try await connection.query(SQLQuery(unsafeSQL: "ROLLBACK TO SAVEPOINT \(name)"))
            throw error
        }
    }
}

/// How strictly a transaction is isolated from concurrent ones.
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}
