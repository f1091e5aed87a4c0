import CLibPQ
import Foundation
import Synchronization

extension Connection {
    /// Opens a session without blocking the caller's thread: libpq's `PQconnectStartParams`/`PQconnectPoll`
    /// handshake is driven by the I/O thread.
    static func connect(
        id: Int, settings: ConnectionSettings, loop: IOLoop = .forNewConnection(),
        onClose: @escaping @Sendable (Connection) -> Void
    ) async throws -> Connection {
        let pairs = settings.libpqParameters()
        let raw: OpaquePointer? = withCStrings(pairs.map(\.0)) { keys in
            withCStrings(pairs.map(\.1)) { values in
                PQconnectStartParams(keys, values, 1)
            }
        }
        guard let raw else {
            throw DatabaseError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        let memo = UnsafeMutablePointer<banso_notice_memo>.allocate(capacity: 1)
        memo.initialize(to: banso_notice_memo())
        banso_watch_notices(raw, memo)
        let handle = PGConnHandle(raw: raw, memo: memo)
        if PQstatus(raw) == CONNECTION_BAD {
            let message = PQerrorMessage(raw).map { String(cString: $0) } ?? "connection failed"
            PQfinish(raw)
            memo.deallocate()
            throw DatabaseError(code: .connectionFailed, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let connection = Connection(id: id, handle: handle, loop: loop, onClose: onClose)
        let timeout = settings.connectTimeout
        let outcome: OperationOutcome = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled {
                    connection.abortConnect(
                        DatabaseError(code: .connectionFailed, message: "connecting took longer than \(timeout)"))
                }
            }
            let outcome: OperationOutcome = await withUnsafeContinuation { continuation in
                connection.state.withLock { s in
                    s.operation = Operation(kind: .connect, continuation: continuation)
                    // libpq's contract: after PQconnectStart, wait for the socket to be writable.
                    s.fd = PQsocket(raw)
                    s.watching = banso_epoll_out
                    s.token = loop.register(connection, fd: s.fd, events: banso_epoll_out)
                    connection.publishRegistration(token: s.token, fd: s.fd)
                }
                connection.servePendingReads()
            }
            group.cancelAll()
            return outcome
        }
        _ = try outcome.get()
        return connection
    }
}

/// Calls `body` with a NULL-terminated array of C strings.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
