import CLibPQ
import Synchronization

/// The libpq connection pointer. `@unchecked Sendable`: it is only ever dereferenced while the owning
/// ``Connection``'s mutex is held, which is what makes libpq's single-threaded connection safe to share.
struct PGConnHandle: @unchecked Sendable {
    let raw: OpaquePointer
}

/// One PostgreSQL session.
///
/// A connection is used by one task at a time (the pool hands it out exclusively), while the I/O thread reads its
/// socket; the mutex makes the two take turns on libpq. The session always runs in libpq's pipeline mode, so a
/// statement's `Parse` (on first use), `Bind`/`Execute` and `Sync` — and any deferred transaction prelude —
/// leave in one write and come back in one read.
///
/// Do not let a connection escape the closure that received it.
public final class Connection: IOHandler, Sendable {
    let id: Int
    let loop: IOLoop
    let state: Mutex<State>
    private let onClose: @Sendable (Connection) -> Void

    /// The most prepared statements kept per connection; beyond it statements run unnamed.
    static let statementCacheLimit = 512

    init(id: Int, handle: PGConnHandle, loop: IOLoop, onClose: @escaping @Sendable (Connection) -> Void) {
        self.id = id
        self.loop = loop
        self.onClose = onClose
        self.state = Mutex(State(pg: handle))
    }

    // MARK: - Public API

    /// Runs one statement and returns its rows.
    @discardableResult
    public func query(_ query: SQLQuery) async throws -> QueryResult {
        do {
            return QueryResult(storage: try await runPipeline([query]).last)
        } catch let error as DatabaseError where error.isStalePlan {
            // A migration changed a table under a cached plan: forget the statement and prepare it anew.
            state.withLock { $0.statements[query.sql] = nil }
            return QueryResult(storage: try await runPipeline([query]).last)
        }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: SQLQuery) async throws -> Int {
        try await self.query(query).affectedRows
    }

    /// Sends every statement in one pipeline — one round trip — and returns their results in order. Outside a
    /// transaction the statements form one implicit transaction: if one fails, none is applied.
    public func batch(_ queries: [SQLQuery]) async throws -> [QueryResult] {
        guard !queries.isEmpty else { return [] }
        return try await runPipeline(queries).map { QueryResult(storage: $0) }
    }

    /// Runs trusted SQL that may hold several statements (a migration file) through the simple-query protocol.
    /// It takes no parameters; never build its text from input.
    @discardableResult
    public func simpleQuery(unsafeSQL sql: String) async throws -> [QueryResult] {
        let outcome: OperationOutcome = await withUnsafeContinuation { continuation in
            if let failure = state.withLock({ $0.startSimple(sql, continuation: continuation, loop: loop) }) {
                continuation.resume(returning: .failure(failure))
            }
        }
        defer { closeIfBroken() }
        return try outcome.get().map { QueryResult(storage: $0) }
    }

    /// Whether the session is still open.
    public var isOpen: Bool {
        state.withLock { $0.phase == .ready }
    }

    /// The server process id of this session (for `pg_terminate_backend` and `pg_stat_activity`).
    public var backendPID: Int32 {
        state.withLock { s in s.pg.map { PQbackendPID($0.raw) } ?? 0 }
    }

    // MARK: - Internals used by the pool, transactions and the listener

    /// Statements sent, unseen, ahead of the next statement (a transaction's `BEGIN` and `SET LOCAL`s), so they cost
    /// no round trip of their own.
    func setDeferred(_ queries: [SQLQuery]) {
        state.withLock { $0.deferred = queries }
    }

    /// Drops deferred statements that were never sent; returns whether there were any.
    func takeDeferred() -> Bool {
        state.withLock { s in
            defer { s.deferred = [] }
            return !s.deferred.isEmpty
        }
    }

    func setNotificationSink(_ sink: (@Sendable (DatabaseNotification) -> Void)?) {
        state.withLock { $0.notificationSink = sink }
    }

    func runPipeline(_ queries: [SQLQuery]) async throws -> [ResultStorage] {
        for query in queries {
            if let error = query.encodingError { throw error }
        }
        let outcome: OperationOutcome = await withUnsafeContinuation { continuation in
            if let failure = state.withLock({ $0.startPipeline(queries, continuation: continuation, loop: loop) }) {
                continuation.resume(returning: .failure(failure))
            }
        }
        switch outcome {
        case .success(let results): return results
        case .failure(let error):
            closeIfBroken()
            throw error
        }
    }

    private func closeIfBroken() {
        let broken = state.withLock { s -> Bool in
            guard s.phase == .broken, let pg = s.pg else { return false }
            s.teardown(loop: loop, pg: pg)
            return true
        }
        if broken { onClose(self) }
    }

    /// Closes the session. Safe to call more than once.
    func close() {
        state.withLock { s in
            guard let pg = s.pg else { return }
            s.teardown(loop: loop, pg: pg)
            s.phase = .closed
        }
    }

    /// Fails an in-flight connect attempt (its timeout).
    func abortConnect(_ error: DatabaseError) {
        let continuation = state.withLock { s -> UnsafeContinuation<OperationOutcome, Never>? in
            guard s.phase == .connecting, let op = s.operation else { return nil }
            s.operation = nil
            s.phase = .broken
            if let pg = s.pg { s.teardown(loop: loop, pg: pg) }
            return op.continuation
        }
        continuation?.resume(returning: .failure(error))
    }

    // MARK: - I/O thread

    func handleIO(events: UInt32, completions: inout [Completion]) {
        var closed = false
        state.withLock { s in
            guard let pg = s.pg else { return }
            if s.phase == .connecting {
                s.pollConnect(pg: pg, handler: self, loop: loop, completions: &completions)
                return
            }
            var failure: DatabaseError?
            if events & banso_epoll_out != 0 {
                let rc = PQflush(pg.raw)
                if rc == 0 {
                    s.watch(banso_epoll_in, loop: loop)
                } else if rc < 0 {
                    failure = s.connectionError(pg, code: .connectionClosed)
                }
            }
            if failure == nil, events & (banso_epoll_in | banso_epoll_err | banso_epoll_hup) != 0 {
                if PQconsumeInput(pg.raw) == 0 {
                    failure = s.connectionError(pg, code: .connectionClosed)
                } else {
                    s.drainNotifications(pg)
                    s.processResults(pg, completions: &completions)
                }
            }
            if failure != nil || PQstatus(pg.raw) == CONNECTION_BAD {
                let error = failure ?? s.connectionError(pg, code: .connectionClosed)
                if var op = s.operation {
                    s.operation = nil
                    op.drop()
                    completions.append(Completion(continuation: op.continuation, outcome: .failure(op.error ?? error)))
                }
                s.phase = .broken
                s.teardown(loop: loop, pg: pg)
                closed = true
            }
        }
        if closed { onClose(self) }
    }
}

extension DatabaseError {
    /// PostgreSQL refuses a cached plan whose result columns changed under it (a migration altered the table).
    var isStalePlan: Bool {
        sqlState == "0A000" && message.contains("cached plan")
    }
}
