import CLibPQ
import Synchronization

/// The libpq connection pointer. `@unchecked Sendable`: it is only ever dereferenced while the owning
/// ``Connection``'s mutex is held, which is what makes libpq's single-threaded connection safe to share.
struct PGConnHandle: @unchecked Sendable {
    let raw: OpaquePointer
    /// Written by libpq's notice receiver (see `banso_watch_notices` in the shim); freed after `PQfinish`.
    let memo: UnsafeMutablePointer<banso_notice_memo>

    /// The SQLSTATE of the FATAL message with which the server announced it was ending the session while no
    /// statement was in flight, if it did.
    var fatalSQLState: String? {
        let state = withUnsafeBytes(of: memo.pointee.fatal_sqlstate) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return state.isEmpty ? nil : state
    }
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
    /// Set by the I/O thread when it found the lock taken and left the socket's input to the lock holder.
    let readPending = Atomic<Bool>(false)
    let registration: SocketRegistration

    /// The most prepared statements kept per connection; beyond it statements run unnamed.
    static let statementCacheLimit = 512

    init(id: Int, handle: PGConnHandle, loop: IOLoop, onClose: @escaping @Sendable (Connection) -> Void) {
        self.id = id
        self.loop = loop
        self.onClose = onClose
        let registration = SocketRegistration()
        self.registration = registration
        self.state = Mutex(State(pg: handle, registration: registration))
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
            servePendingReads()
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

    /// Whether deferred statements wait to go out with the next statement.
    var hasDeferred: Bool { state.withLock { !$0.deferred.isEmpty } }

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
            servePendingReads()
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

    /// Called by the I/O thread. If a task holds the connection's lock (it is sending), the I/O thread does not
    /// wait for it: it parks the socket, raises ``readPending`` and leaves the reading to the lock holder, who
    /// checks the flag right after unlocking — often finding its own answer already there, which it then takes
    /// without a thread hop. This keeps the I/O thread off the kernel futex, which profiling showed to be the
    /// largest single cost under load.
    func handleIO(events: UInt32, completions: inout [Completion]) {
        var closed = false
        let serviced = state.withLockIfAvailable { s -> Bool in
            closed = s.service(events: events, handler: self, loop: loop, completions: &completions)
            return true
        }
        if serviced == nil {
            registration.park(loop: loop)
            readPending.store(true, ordering: .sequentiallyConsistent)
            // The holder may have unlocked before the flag went up; if the lock is free now, serve it here.
            _ = state.withLockIfAvailable { s -> Bool in
                guard readPending.exchange(false, ordering: .sequentiallyConsistent) else { return false }
                closed = s.serviceParked(handler: self, loop: loop, completions: &completions)
                return true
            }
        }
        if closed { onClose(self) }
    }

    /// Run by a task right after it released the lock: serves reads the I/O thread left to it.
    func servePendingReads() {
        while readPending.exchange(false, ordering: .sequentiallyConsistent) {
            var completions: [Completion] = []
            let closed = state.withLock { s in
                s.serviceParked(handler: self, loop: loop, completions: &completions)
            }
            for completion in completions { completion.continuation.resume(returning: completion.outcome) }
            if closed { onClose(self) }
        }
    }

    func publishRegistration(token: UInt64, fd: Int32) {
        registration.publish(token: token, fd: fd)
    }
}

extension DatabaseError {
    /// PostgreSQL refuses a cached plan whose result columns changed under it (a migration altered the table).
    var isStalePlan: Bool {
        sqlState == "0A000" && message.contains("cached plan")
    }
}
