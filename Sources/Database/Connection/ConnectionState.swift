import CLibPQ
import Foundation

extension Connection {
    enum Phase: Sendable {
        case connecting, ready, broken, closed
    }

    /// A prepared statement in the per-connection cache, remembered with the parameter types it was prepared for.
    struct PreparedStatement: Sendable {
        let name: String
        let types: [DatabaseType]

        func matches(_ binds: [SQLQuery.Bind]) -> Bool {
            guard types.count == binds.count else { return false }
            for i in 0..<binds.count where types[i] != binds[i].type { return false }
            return true
        }
    }

    /// Everything about the session that libpq or the I/O thread may touch; guarded by the connection's mutex.
    struct State: Sendable {
        var pg: PGConnHandle?
        var phase: Phase = .connecting
        var token: UInt64 = 0
        var fd: Int32 = -1
        var watching: UInt32 = 0
        var operation: Operation?
        var statements: [String: PreparedStatement] = [:]
        var statementCounter = 0
        var deferred: [SQLQuery] = []
        var pipelineOn = false
        var notificationSink: (@Sendable (DatabaseNotification) -> Void)?
        var lastUsed = ContinuousClock.now

        let registration: SocketRegistration

        init(pg: PGConnHandle, registration: SocketRegistration) {
            self.pg = pg
            self.registration = registration
        }

        // MARK: sending

        /// Sends statements as one pipeline ending in a Sync. Returns an error if nothing could be started.
        mutating func startPipeline(
            _ queries: [SQLQuery], continuation: UnsafeContinuation<OperationOutcome, Never>, loop: IOLoop
        ) -> DatabaseError? {
            guard phase == .ready, let pg, operation == nil else { return notReady() }
            if !pipelineOn {
                guard PQenterPipelineMode(pg.raw) == 1 else { return connectionError(pg, code: .protocolViolation) }
                pipelineOn = true
            }
            var op = Operation(kind: .pipeline, continuation: continuation)
            op.commands.reserveCapacity(queries.count + deferred.count + 1)
            let prelude = deferred
            deferred = []
            for query in prelude {
                guard send(query, keep: false, pg: pg, op: &op) else { return abandon(pg, op: op) }
            }
            for query in queries {
                guard send(query, keep: true, pg: pg, op: &op) else { return abandon(pg, op: op) }
            }
            guard PQpipelineSync(pg.raw) == 1 else { return abandon(pg, op: op) }
            operation = op
            return flush(pg, loop: loop)
        }

        /// Sends a multi-statement text through the simple-query protocol, which pipeline mode does not allow.
        mutating func startSimple(
            _ sql: String, continuation: UnsafeContinuation<OperationOutcome, Never>, loop: IOLoop
        ) -> DatabaseError? {
            guard phase == .ready, let pg, operation == nil else { return notReady() }
            if pipelineOn {
                guard PQexitPipelineMode(pg.raw) == 1 else { return connectionError(pg, code: .protocolViolation) }
                pipelineOn = false
            }
            var op = Operation(kind: .simple, continuation: continuation)
            op.commands.append(Operation.Command(sql: sql, keep: true))
            guard PQsendQuery(pg.raw, sql) == 1 else { return abandon(pg, op: op) }
            operation = op
            return flush(pg, loop: loop)
        }

        private mutating func send(_ query: SQLQuery, keep: Bool, pg: PGConnHandle, op: inout Operation) -> Bool {
            let binds = query.binds
            var name: String?
            var prepare = false
            if let cached = statements[query.sql] {
                if cached.matches(binds) { name = cached.name }
            } else if statements.count < Connection.statementCacheLimit {
                statementCounter += 1
                name = "b\(statementCounter)"
                prepare = true
            }
            return Self.withParameters(binds) { types, values in
                let n = Int32(binds.count)
                if let name {
                    if prepare {
                        guard PQsendPrepare(pg.raw, name, query.sql, n, types) == 1 else { return false }
                        statements[query.sql] = PreparedStatement(name: name, types: binds.map(\.type))
                        op.prepared.append(query.sql)
                        op.commands.append(Operation.Command(sql: query.sql, keep: false))
                    }
                    guard PQsendQueryPrepared(pg.raw, name, n, values, nil, nil, 0) == 1 else { return false }
                } else {
                    guard PQsendQueryParams(pg.raw, query.sql, n, types, values, nil, nil, 0) == 1 else {
                        return false
                    }
                }
                op.commands.append(Operation.Command(sql: query.sql, keep: keep))
                return true
            }
        }

        /// Passes the parameters to libpq as C strings laid out in one temporary buffer, so a statement costs no
        /// heap allocation for its parameters.
        static func withParameters<R>(
            _ binds: [SQLQuery.Bind],
            _ body: (UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?) -> R
        ) -> R {
            let count = binds.count
            guard count > 0 else { return body(nil, nil) }
            var total = 0
            for bind in binds { if let text = bind.text { total += text.utf8.count + 1 } }
            return withUnsafeTemporaryAllocation(of: Oid.self, capacity: count) { types in
                withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: count) { values in
                    withUnsafeTemporaryAllocation(of: CChar.self, capacity: max(total, 1)) { storage in
                        var offset = 0
                        for i in 0..<count {
                            types[i] = binds[i].type.oid
                            guard var text = binds[i].text else {
                                values[i] = nil
                                continue
                            }
                            let start = storage.baseAddress! + offset
                            let length = text.withUTF8 { utf8 -> Int in
                                if let base = utf8.baseAddress {
                                    UnsafeMutableRawPointer(start).copyMemory(from: base, byteCount: utf8.count)
                                }
                                return utf8.count
                            }
                            start[length] = 0
                            values[i] = UnsafePointer(start)
                            offset += length + 1
                        }
                        return body(UnsafePointer(types.baseAddress), UnsafePointer(values.baseAddress))
                    }
                }
            }
        }

        private mutating func flush(_ pg: PGConnHandle, loop: IOLoop) -> DatabaseError? {
            let rc = PQflush(pg.raw)
            if rc == 1 {
                watch(banso_epoll_in | banso_epoll_out, loop: loop)
            } else if rc < 0 {
                let error = connectionError(pg, code: .connectionClosed)
                operation = nil
                phase = .broken
                return error
            }
            return nil
        }

        /// A send failed before the pipeline was complete: libpq's buffer may hold half a pipeline, so the session
        /// cannot be trusted any more.
        private mutating func abandon(_ pg: PGConnHandle, op: Operation) -> DatabaseError {
            var op = op
            let error = connectionError(pg, code: .connectionClosed)
            for sql in op.prepared { statements[sql] = nil }
            op.drop()
            phase = .broken
            return error
        }

        private func notReady() -> DatabaseError {
            switch phase {
            case .ready: DatabaseError(code: .protocolViolation, message: "connection is busy with another statement")
            case .closed: DatabaseError(code: .connectionClosed, message: "connection is closed")
            default: DatabaseError(code: .connectionClosed, message: "connection is broken")
            }
        }

        func connectionError(_ pg: PGConnHandle, code: DatabaseError.Code) -> DatabaseError {
            let message = PQerrorMessage(pg.raw).map { String(cString: $0) } ?? "connection failed"
            // When the server announced the end of the session before it closed the socket, keep its SQLSTATE:
            // 57P01 and the like mark a statement sent afterwards as never run (`isRetryableConnectionLoss`).
            return DatabaseError(
                code: code, message: message.trimmingCharacters(in: [" ", "\n"]), sqlState: pg.fatalSQLState)
        }

        mutating func watch(_ events: UInt32, loop: IOLoop) {
            guard events != watching, fd >= 0 else { return }
            watching = events
            loop.modify(token: token, fd: fd, events: events)
        }

        mutating func teardown(loop: IOLoop, pg: PGConnHandle) {
            registration.clear()
            if fd >= 0 { loop.deregister(token: token, fd: fd) }
            fd = -1
            PQfinish(pg.raw)
            pg.memo.deallocate()
            self.pg = nil
            statements = [:]
        }

        // MARK: receiving

        /// Serves socket readiness; returns whether the session closed (the pool must forget it).
        mutating func service(events: UInt32, handler: Connection, loop: IOLoop, completions: inout [Completion]) -> Bool {
            guard let pg else { return false }
            if phase == .connecting {
                pollConnect(pg: pg, handler: handler, loop: loop, completions: &completions)
                return false
            }
            var failure: DatabaseError?
            if events & banso_epoll_out != 0 {
                let rc = PQflush(pg.raw)
                if rc == 0 {
                    watch(banso_epoll_in, loop: loop)
                } else if rc < 0 {
                    failure = connectionError(pg, code: .connectionClosed)
                }
            }
            if failure == nil, events & (banso_epoll_in | banso_epoll_err | banso_epoll_hup) != 0 {
                if PQconsumeInput(pg.raw) == 0 {
                    failure = connectionError(pg, code: .connectionClosed)
                } else {
                    drainNotifications(pg)
                    processResults(pg, completions: &completions)
                }
            }
            guard failure != nil || PQstatus(pg.raw) == CONNECTION_BAD else { return false }
            let error = failure ?? connectionError(pg, code: .connectionClosed)
            if var op = operation {
                operation = nil
                op.drop()
                completions.append(Completion(continuation: op.continuation, outcome: .failure(op.error ?? error)))
            }
            phase = .broken
            teardown(loop: loop, pg: pg)
            return true
        }

        /// Serves a socket the I/O thread parked (see ``Connection/handleIO(events:completions:)``), then watches it
        /// again.
        mutating func serviceParked(handler: Connection, loop: IOLoop, completions: inout [Completion]) -> Bool {
            guard pg != nil else { return false }
            let events = phase == .connecting ? watching : watching | banso_epoll_in
            let closed = service(events: events, handler: handler, loop: loop, completions: &completions)
            if !closed, pg != nil, fd >= 0 { loop.modify(token: token, fd: fd, events: watching) }
            return closed
        }

        mutating func processResults(_ pg: PGConnHandle, completions: inout [Completion]) {
            guard operation != nil else { return }
            var nulls = 0
            while PQisBusy(pg.raw) == 0 {
                guard let result = PQgetResult(pg.raw) else {
                    if operation!.kind == .simple {
                        finish(completions: &completions)
                        return
                    }
                    // Between a pipeline's commands libpq yields a NULL; two in a row means no more input yet.
                    nulls += 1
                    if nulls > 1 { return }
                    continue
                }
                nulls = 0
                let status = PQresultStatus(result)
                if status == PGRES_PIPELINE_SYNC {
                    PQclear(result)
                    finish(completions: &completions)
                    return
                }
                operation!.receive(result, status: status)
            }
        }

        private mutating func finish(completions: inout [Completion]) {
            guard var op = operation else { return }
            operation = nil
            if let error = op.error {
                for sql in op.prepared { statements[sql] = nil }
                op.drop()
                completions.append(Completion(continuation: op.continuation, outcome: .failure(error)))
            } else {
                completions.append(Completion(continuation: op.continuation, outcome: .success(op.kept)))
            }
        }

        mutating func drainNotifications(_ pg: PGConnHandle) {
            while let notify = PQnotifies(pg.raw) {
                let n = notify.pointee
                let notification = DatabaseNotification(
                    channel: n.relname.map { String(cString: $0) } ?? "",
                    payload: n.extra.map { String(cString: $0) } ?? "",
                    processID: n.be_pid)
                PQfreemem(notify)
                notificationSink?(notification)
            }
        }

        // MARK: connecting (I/O thread)

        mutating func pollConnect(
            pg: PGConnHandle, handler: Connection, loop: IOLoop, completions: inout [Completion]
        ) {
            let status = PQconnectPoll(pg.raw)
            var wanted: UInt32 = 0
            switch status {
            case PGRES_POLLING_READING: wanted = banso_epoll_in
            case PGRES_POLLING_WRITING: wanted = banso_epoll_out
            case PGRES_POLLING_OK:
                PQsetnonblocking(pg.raw, 1)
                pipelineOn = PQenterPipelineMode(pg.raw) == 1
                phase = .ready
                wanted = banso_epoll_in
            default:
                let error = connectionError(pg, code: .connectionFailed)
                phase = .broken
                teardown(loop: loop, pg: pg)
                if let op = operation {
                    operation = nil
                    completions.append(Completion(continuation: op.continuation, outcome: .failure(error)))
                }
                return
            }
            // libpq may move to another socket while it tries the hosts of a multi-host URL.
            let socket = PQsocket(pg.raw)
            if socket != fd {
                if fd >= 0 {
                    registration.clear()
                    loop.deregister(token: token, fd: fd)
                }
                fd = socket
                watching = wanted
                token = loop.register(handler, fd: socket, events: wanted)
                handler.publishRegistration(token: token, fd: socket)
            } else {
                watch(wanted, loop: loop)
            }
            if phase == .ready, let op = operation {
                operation = nil
                completions.append(Completion(continuation: op.continuation, outcome: .success([])))
            }
        }
    }
}
