import DequeModule

/// The pool's bookkeeping, free of I/O so it can be tested on its own: which connections are idle, how many are
/// open, who is waiting. Every transition returns what the pool must do next.
struct PoolStateMachine<Resource: AnyObject, Waiter> {
    let maximum: Int
    private(set) var idle: [Resource] = []
    /// Open or opening connections, idle and leased alike.
    private(set) var open = 0
    private(set) var leased = 0
    /// In arrival order; with one timeout for all, deadlines rise along the queue too.
    private(set) var waiters: Deque<(id: Int, waiter: Waiter, deadline: ContinuousClock.Instant?)> = []
    private(set) var closed = false
    /// Whether a task is watching the waiters' deadlines (one for the whole queue, not a timer per waiter).
    private(set) var watching = false

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
    mutating func enqueue(id: Int, waiter: Waiter, deadline: ContinuousClock.Instant? = nil) -> AcquireAction {
        let action = acquire()
        if case .wait = action { waiters.append((id, waiter, deadline)) }
        return action
    }

    /// Whether the caller should start watching deadlines: true once, until ``expire(now:)`` finds the queue empty.
    mutating func startWatching() -> Bool {
        guard !watching, !waiters.isEmpty else { return false }
        watching = true
        return true
    }

    /// Takes out the waiters whose deadline has passed and says when to look again (`nil`: the queue is empty and
    /// watching stops until the next ``startWatching()``).
    mutating func expire(now: ContinuousClock.Instant) -> (expired: [Waiter], next: ContinuousClock.Instant?) {
        var expired: [Waiter] = []
        var kept: Deque<(id: Int, waiter: Waiter, deadline: ContinuousClock.Instant?)> = []
        var next: ContinuousClock.Instant?
        for entry in waiters {
            if let deadline = entry.deadline, deadline <= now {
                expired.append(entry.waiter)
            } else {
                kept.append(entry)
                if let deadline = entry.deadline { next = min(next ?? deadline, deadline) }
            }
        }
        if !expired.isEmpty { waiters = kept }
        if waiters.isEmpty { watching = false }
        return (expired, waiters.isEmpty ? nil : (next ?? now + .seconds(1)))
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
