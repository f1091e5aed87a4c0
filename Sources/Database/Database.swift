/// The Database module: a PostgreSQL client on libpq, independent of Banso's domain.
///
/// It owns connections, pooling, statements written as string interpolation (values always travel as parameters),
/// row decoding, transactions, pipelining, LISTEN/NOTIFY and migrations. It must never know about organisations,
/// members or any other Banso concept — the `Store` module builds on it.
///
/// Threading: libpq's calls that can block never run on Swift's cooperative pool. Connections are non-blocking
/// and in pipeline mode; a task writes its statement to the socket itself (a non-blocking copy), and one I/O
/// thread waits on all sockets with epoll and resumes tasks whose results arrived, batched per wake-up. That is one
/// thread hop per statement instead of the two a thread-per-connection design costs (`scripts/bench db` measures
/// the result against pgbench; the README has the figures).
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization

public final class Database: Sendable, Service {
    public let configuration: DatabaseConfiguration
    let pool: ConnectionPool
    let listener: Listener
    let logger: Logger
    private let queryTimer: Metrics.Timer

    public init(configuration: DatabaseConfiguration, logger: Logger = Logger(label: "banso.database")) {
        self.configuration = configuration
        self.logger = logger
        self.pool = ConnectionPool(
            settings: configuration.connection, maximum: configuration.poolSize,
            acquireTimeout: configuration.acquireTimeout, healthCheckAfter: configuration.healthCheckAfter,
            logger: logger)
        self.listener = Listener(settings: configuration.connection, logger: logger)
        self.queryTimer = Metrics.Timer(label: "banso_db_query_duration_seconds")
    }

    /// Lends a connection to `body` and takes it back afterwards. Do not let the connection escape.
    public func withConnection<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let connection = try await pool.acquire()
        do {
            // On the connection's own I/O thread: each answer then resumes the task with a function call instead
            // of a hop back to the cooperative pool (a profile of an authenticated read was a third thread switches).
            let result = try await withTaskExecutorPreference(connection.loop) { try await body(connection) }
            pool.release(connection)
            return result
        } catch {
            pool.release(connection)
            throw error
        }
    }

    /// Runs one statement on a pooled connection.
    @discardableResult
    public func query(_ query: SQLQuery) async throws -> QueryResult {
        let start = ContinuousClock.now
        defer { queryTimer.record(duration: ContinuousClock.now - start) }
        // The server said it ended the session before the statement could run (e.g. pg_terminate_backend on a
        // pooled connection): nothing was applied, so another connection may safely run it. Several idle sessions
        // can end together (a restart, a kill of them all), and each failed attempt discards only the one it used,
        // so a single retry could meet the next dead one: try up to once per pooled connection, plus one.
        var retries = 0
        while true {
            do {
                return try await withConnection { try await $0.query(query) }
            } catch let error as DatabaseError where error.isRetryableConnectionLoss && retries < configuration.poolSize {
                retries += 1
            }
        }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: SQLQuery) async throws -> Int {
        try await self.query(query).affectedRows
    }

    /// Several statements in one round trip, applied together or not at all.
    public func batch(_ queries: [SQLQuery]) async throws -> [QueryResult] {
        try await withConnection { try await $0.batch(queries) }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// `prelude` runs first inside the transaction — typically `set_config(…, true)` calls, the parameterised form
    /// of `SET LOCAL` — and, like `BEGIN`, is sent together with the transaction's first statement, costing no
    /// round trip of its own.
    public func transaction<T>(
        isolation: IsolationLevel? = nil, readOnly: Bool = false, prelude: [SQLQuery] = [],
        _ body: (Transaction) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            var begin = "BEGIN"
            if let isolation { begin += " ISOLATION LEVEL \(isolation.rawValue)" }
            if readOnly { begin += " READ ONLY" }
            connection.setDeferred([SQLQuery(unsafeSQL: begin)] + prelude)
            let result: T
            do {
                result = try await body(Transaction(connection: connection, savepointDepth: 0))
            } catch {
                if !connection.takeDeferred(), connection.isOpen {
                    _ = try? await connection.query("ROLLBACK")
                }
                throw error
            }
            // Nothing was sent: there is no transaction to commit.
            if connection.takeDeferred() { return result }
            let commit = try await connection.query("COMMIT")
            if commit.commandTag == "ROLLBACK" {
                throw DatabaseError(
                    code: .server, message: "the transaction was rolled back because a statement in it failed",
                    sqlState: "25P02")
            }
            return result
        }
    }

    /// Runs `body`, which runs exactly one statement, in one round trip without BEGIN or COMMIT: the prelude and
    /// the statement go out in one pipeline ending in one Sync, so PostgreSQL runs them as one implicit
    /// transaction (the prelude's `set_config(…, true)` holds for the statement and no longer). For reads that
    /// one statement answers; anything more needs ``transaction(isolation:readOnly:prelude:_:)``.
    public func read<T>(prelude: [SQLQuery], _ body: (Transaction) async throws -> T) async throws -> T {
        try await withConnection { connection in
            connection.setDeferred(prelude)
            defer { _ = connection.takeDeferred() }
            var transaction = Transaction(connection: connection, savepointDepth: 0)
            transaction.single = true
            return try await body(transaction)
        }
    }

    /// Notifications sent to `channel`, delivered while the stream is iterated. The listening session reconnects
    /// by itself while ``run()`` runs; notifications sent while it was down are lost, so consumers that cannot
    /// miss one also poll.
    public func listen(_ channel: String) async throws -> AsyncStream<DatabaseNotification> {
        try await listener.subscribe(channel)
    }

    /// Sends a notification; it is delivered when (and if) the surrounding transaction commits.
    public func notify(_ channel: String, payload: String = "") async throws {
        try await query("SELECT pg_notify(\(channel), \(payload))")
    }

    public var statistics: PoolStatistics { pool.statistics }

    /// Succeeds when a connection can run a trivial statement (readiness probes).
    public func ping() async throws {
        try await query("SELECT 1")
    }

    /// Keeps the listening session alive until graceful shutdown, then closes every connection.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await listener.maintain()
        } onGracefulShutdown: {
            self.listener.stop()
        }
        close()
    }

    /// Closes idle connections and refuses new work; leased connections close when they come back.
    public func close() {
        listener.stop()
        pool.close()
    }
}

extension DatabaseError {
    var isRetryableConnectionLoss: Bool {
        sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
            || (code == .connectionClosed && sqlState == nil && message.contains("no connection to the server"))
    }
}

extension Database {
    /// The executor of the database's I/O thread. A task that does little but talk to the database runs faster
    /// on it (`withTaskExecutorPreference(db.executor) { … }`): its statements' answers resume it without a thread
    /// hop. Keep heavy CPU work off it — it is also the thread that reads every connection's socket.
    public var executor: any TaskExecutor { IOLoop.current ?? IOLoop.all[0] }

    /// Every I/O thread's executor, to spread database-bound tasks over them (one per core).
    public var executors: [any TaskExecutor] { IOLoop.all }

    /// The I/O threads as one executor: a task that prefers it (and its child tasks) runs on the I/O thread it
    /// was last resumed from, or on the threads in turn. For a server whose requests are mostly statements.
    public static var ioExecutor: any TaskExecutor { IOLoopGroup.shared }
}
