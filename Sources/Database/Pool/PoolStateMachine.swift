import DequeModule

/// The pool's bookkeeping, free of I/O so it can be tested on its own: which connections are idle, how many are
/// open, who is waiting. Every transition returns what the pool must do next.
struct PoolStateMachine<Resource: AnyObject, Waiter> {
    let maximum: Int
    private(set) var idle: [Resource] = []
    /// Open or opening connections, idle and leased alike.
    private(set) var open = 0
    private(set) var leased = 0
    private(set) var waiters: Deque<(id: Int, waiter: Waiter)> = []
    private(set) var closed = false

    init(maximum: Int) {
        precondition(maximum > 0)
        self.maximum = maximum
    }

    enum AcquireAction {
        /// Use this idle connection.
        case lease(Resource)
        /// Open a new connection for the caller.
        case connect
        /// Wait; a release or a failed connect will hand over.
        case wait
        case closed
    }

    /// Leases an idle connection or makes room for a new one; `.wait` means the caller must ``enqueue``.
    mutating func acquire(preferring preferred: ((Resource) -> Bool)? = nil) -> AcquireAction {
        guard !closed else { return .closed }
        // A connection the caller's thread already serves avoids a thread hop per statement.
        if let preferred, let index = idle.lastIndex(where: preferred) {
            leased += 1
            return .lease(idle.remove(at: index))
        }
        // Most recently used first: warm connections stay warm, cold ones age out.
        if let resource = idle.popLast() {
            leased += 1
            return .lease(resource)
        }
        if open < maximum {
            open += 1
            leased += 1
            return .connect
        }
        return .wait
    }

    /// Like ``acquire()``, but queues the waiter when nothing is free, since a connection may have come back
    /// between the two calls.
    mutating func enqueue(id: Int, waiter: Waiter) -> AcquireAction {
        let action = acquire()
        if case .wait = action { waiters.append((id, waiter)) }
        return action
    }

    enum ReleaseAction {
        /// Give this connection to that waiter.
        case handOff(Resource, Waiter)
        /// The connection was discarded; open a new one for that waiter.
        case connectFor(Waiter)
        case none
        /// The pool is closed: close the connection.
        case close(Resource)
    }

    mutating func release(_ resource: Resource, reusable: Bool) -> ReleaseAction {
        leased -= 1
        if !reusable {
            open -= 1
            return replacementForWaiter()
        }
        if closed {
            open -= 1
            return .close(resource)
        }
        if let next = waiters.popFirst() {
            leased += 1
            return .handOff(resource, next.waiter)
        }
        idle.append(resource)
        return .none
    }

    /// A connection opened for a caller failed to open.
    mutating func connectFailed() -> ReleaseAction {
        leased -= 1
        open -= 1
        return replacementForWaiter()
    }

    /// An idle connection broke (the server closed it). Returns whether it was idle here.
    mutating func idleBroke(_ resource: Resource) -> (wasIdle: Bool, action: ReleaseAction) {
        guard let index = idle.firstIndex(where: { $0 === resource }) else { return (false, .none) }
        idle.remove(at: index)
        open -= 1
        return (true, replacementForWaiter())
    }

    /// Takes a waiter out (its timeout fired); `nil` if it was already served.
    mutating func cancelWaiter(id: Int) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).waiter
    }

    /// Closes the pool: returns the idle connections to close and the waiters to fail.
    mutating func close() -> (idle: [Resource], waiters: [Waiter]) {
        closed = true
        let resources = idle
        open -= idle.count
        idle = []
        let pending = waiters.map(\.waiter)
        waiters = []
        return (resources, pending)
    }

    private mutating func replacementForWaiter() -> ReleaseAction {
        guard !closed, open < maximum, let next = waiters.popFirst() else { return .none }
        open += 1
        leased += 1
        return .connectFor(next.waiter)
    }
}
