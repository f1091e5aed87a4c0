import Synchronization

/// A connection's epoll registration as the I/O thread may see it without the connection's lock: enough to park
/// the socket while the lock holder serves it. Its own small lock makes "park" and "the socket is being closed"
/// exclusive, so the I/O thread can never touch a descriptor number that was closed and handed to someone else.
final class SocketRegistration: Sendable {
    private let current = Mutex<(token: UInt64, fd: Int32)>((0, -1))

    func publish(token: UInt64, fd: Int32) {
        current.withLock { $0 = (token, fd) }
    }

    /// Stops watching the socket until the lock holder re-arms it.
    func park(loop: IOLoop) {
        current.withLock { registration in
            if registration.fd >= 0 { loop.modify(token: registration.token, fd: registration.fd, events: 0) }
        }
    }

    /// Called before the socket closes.
    func clear() {
        current.withLock { $0 = (0, -1) }
    }
}
