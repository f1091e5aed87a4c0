import Synchronization
import Logging
import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// Lends connections to tasks: at most `maximum` open, the rest of the callers wait in order (with a timeout).
/// Connections open lazily; one the server closes is dropped at once (the I/O thread sees the socket close) and
/// replaced on demand, so a PostgreSQL restart needs no Banso restart. A connection idle for longer than the
/// health-check interval is pinged before it is lent, which catches a peer that vanished silently.
final class ConnectionPool: Sendable {
    /// What a waiting task is woken with.
    enum Handover: Sendable {
        case connection(Connection)
        /// Room was made: open a connection yourself.
        case connect
        case failure(DatabaseError)
    }
    typealias Waiter = UnsafeContinuation<Handover, Never>

    let settings: ConnectionSettings
    let acquireTimeout: Duration
    let healthCheckAfter: Duration
    let logger: Logger
    private let state: Mutex<PoolStateMachine<Connection, Waiter>>
    private let ids = Atomic<Int>(0)

    init(settings: ConnectionSettings, maximum: Int, acquireTimeout: Duration, healthCheckAfter: Duration, logger: Logger) {
        self.settings = settings
        self.acquireTimeout = acquireTimeout
        self.healthCheckAfter = healthCheckAfter
        self.logger = logger
        self.state = Mutex(PoolStateMachine(maximum: maximum))
    }

    var statistics: PoolStatistics {
        state.withLock { s in
            PoolStatistics(open: s.open, inUse: s.leased, idle: s.idle.count, waiters: s.waiters.count, maximum: s.maximum)
        }
    }

    func acquire() async throws -> Connection {
        while true {
            let handover: Handover
            let loop = IOLoop.current
            let action = state.withLock { s in
                if let loop { return s.acquire(preferring: { $0.loop === loop }) }
                return s.acquire()
            }
            switch action {
            case .lease(let connection): handover = .connection(connection)
            case .connect: handover = .connect
            case .closed: throw DatabaseError(code: .poolClosed, message: "the connection pool is closed")
            case .wait: handover = await wait()
            }
            switch handover {
            case .failure(let error): throw error
            case .connect: return try await open()
            case .connection(let connection):
                switch connection.checkOut(idleLimit: healthCheckAfter) {
                case .ready: return connection
                case .broken: release(connection, reusable: false)
                case .stale:
                    do {
                        try await connection.query("SELECT 1")
                        return connection
                    } catch {
                        logger.info("dropping a connection that failed its health check", metadata: ["error": "\(error)"])
                        release(connection, reusable: false)
                    }
                }
            }
        }
    }

    func release(_ connection: Connection) {
        release(connection, reusable: connection.checkIn())
    }

    func close() {
        let (idle, waiters) = state.withLock { $0.close() }
        idle.forEach { $0.close() }
        waiters.forEach { $0.resume(returning: .failure(DatabaseError(code: .poolClosed, message: "the connection pool is closed"))) }
    }

    // MARK: -

    private func wait() async -> Handover {
        let id = ids.wrappingAdd(1, ordering: .relaxed).oldValue
        let deadline = ContinuousClock.now + acquireTimeout
        return await withUnsafeContinuation { continuation in
            let (action, watch) = state.withLock { s in
                let action = s.enqueue(id: id, waiter: continuation, deadline: deadline)
                return (action, s.startWatching())
            }
            switch action {
            case .lease(let connection): continuation.resume(returning: .connection(connection))
            case .connect: continuation.resume(returning: .connect)
            case .closed:
                continuation.resume(
                    returning: .failure(DatabaseError(code: .poolClosed, message: "the connection pool is closed")))
            case .wait: break
            }
            if watch { watchDeadlines() }
        }
    }

    /// Fails the waiters whose time ran out. One task watches the whole queue while anyone waits — a timer task
    /// per waiter cost a task, a task group and a dispatch timer on every acquire under load.
    private func watchDeadlines() {
        Task.detached { [self] in
            while true {
                let (expired, next) = state.withLock { $0.expire(now: .now) }
                let timeout = acquireTimeout
                for waiter in expired {
                    waiter.resume(
                        returning: .failure(
                            DatabaseError(code: .poolTimeout, message: "no connection became free within \(timeout)")))
                }
                guard let next else { return }
                try? await Task.sleep(until: next)
            }
        }
    }

    private func open() async throws -> Connection {
        let id = ids.wrappingAdd(1, ordering: .relaxed).oldValue
        do {
            let connection = try await Connection.connect(id: id, settings: settings) { [weak self] connection in
                self?.closedByServer(connection)
            }
            return connection
        } catch {
            logger.warning("database connection failed", metadata: ["error": "\(error)"])
            perform(state.withLock { $0.connectFailed() })
            throw error
        }
    }

    private func release(_ connection: Connection, reusable: Bool) {
        if !reusable { connection.close() }
        perform(state.withLock { $0.release(connection, reusable: reusable) })
    }

    private func closedByServer(_ connection: Connection) {
        let outcome = state.withLock { s -> (wasIdle: Bool, action: PoolStateMachine<Connection, Waiter>.ReleaseAction) in
            s.idleBroke(connection)
        }
        let action = outcome.action
        if outcome.wasIdle {
            logger.info("an idle database connection was closed by the server; it will be replaced on demand")
        }
        perform(action)
    }

    private func perform(_ action: PoolStateMachine<Connection, Waiter>.ReleaseAction) {
        switch action {
        case .none: break
        case .handOff(let connection, let waiter): waiter.resume(returning: .connection(connection))
        case .connectFor(let waiter): waiter.resume(returning: .connect)
        case .close(let connection): connection.close()
        }
    }
}

extension Connection {
    enum CheckOut {
        case ready
        /// Idle for longer than the health-check interval: ping before use.
        case stale
        case broken
    }

    /// One look at the session as it leaves the pool.
    ///
    /// The I/O thread tears down a session the server ended, but on a loaded machine it may not have run yet, or
    /// it may have read the server's FATAL message without the end-of-file behind it. So the session is checked
    /// here too: a remembered FATAL, or input waiting on an idle socket that turns out to be the close, marks it
    /// broken before anyone's statement is sent on it. The zero-timeout `poll` is one cheap syscall.
    func checkOut(idleLimit: Duration) -> CheckOut {
        state.withLock { s in
            guard s.phase == .ready, let pg = s.pg, pg.fatalSQLState == nil else { return .broken }
            if s.fd >= 0 {
                var probe = pollfd(fd: s.fd, events: Int16(POLLIN), revents: 0)
                if poll(&probe, 1, 0) > 0 {
                    // PQconsumeInput only buffers; PQisBusy parses, which is what hands an idle session's FATAL
                    // to the notice receiver (the memo).
                    guard PQconsumeInput(pg.raw) != 0 else { return .broken }
                    _ = PQisBusy(pg.raw)
                    if PQstatus(pg.raw) == CONNECTION_BAD || pg.fatalSQLState != nil { return .broken }
                }
            }
            return ContinuousClock.now - s.lastUsed > idleLimit ? .stale : .ready
        }
    }

    /// Whether the session can go back to the pool — open, and not left inside a transaction by its borrower —
    /// noting when it was last used.
    func checkIn() -> Bool {
        state.withLock { s in
            guard s.phase == .ready, let pg = s.pg, s.operation == nil, s.deferred.isEmpty,
                PQtransactionStatus(pg.raw) == PQTRANS_IDLE
            else { return false }
            s.lastUsed = .now
            return true
        }
    }
}
