import CLibPQ
import Synchronization
import Foundation

/// Something waiting on a socket: a connection.
protocol IOHandler: AnyObject, Sendable {
    /// Called on the I/O thread when the socket is ready. Work that wakes a task is appended to `completions`,
    /// which the loop runs after the whole batch of events, so one `epoll_wait` wakes many tasks at once.
    func handleIO(events: UInt32, completions: inout [Completion])
}

/// A task to resume once the I/O thread has finished its current batch.
struct Completion {
    let continuation: UnsafeContinuation<OperationOutcome, Never>
    let outcome: OperationOutcome
}

/// The result of one round of work on a connection: the results kept, or the error.
typealias OperationOutcome = Result<[ResultStorage], DatabaseError>

/// One thread that waits, with epoll, on the sockets of every connection and resumes the tasks whose results
/// arrived.
///
/// Why a dedicated thread: libpq must not block a thread of Swift's cooperative pool, and a thread per connection
/// costs two thread hops per query (task → thread → task). Here a task sends its statement itself (libpq in
/// non-blocking mode only copies bytes into the socket), and the only hop is the I/O thread resuming the task
/// when the answer is in — batched per `epoll_wait`.
///
/// The loop is also a `TaskExecutor`. A task that prefers it (`withTaskExecutorPreference(db.executor)`) runs on
/// this thread between `epoll_wait`s, so resuming it after its answer arrived is a function call, not a thread
/// hop: database-bound loops (benchmarks, batch jobs, fan-outs) then behave like pgbench's own client threads.
final class IOLoop: TaskExecutor, Sendable {
    /// One loop per core (at most four): under load the scheduler shares the CPU per thread, so one client
    /// thread against dozens of busy server processes would be starved — pgbench runs one thread per core too.
    static let all: [IOLoop] = (0..<min(4, max(2, ProcessInfo.processInfo.activeProcessorCount))).map { IOLoop(index: $0) }
    private static let nextLoop = Atomic<Int>(0)

    /// The loop whose thread is running, if any.
    static var current: IOLoop? {
        let me = pthread_self()
        return all.first { $0.loopThread.load(ordering: .relaxed) == me }
    }

    /// The loop for a new connection: the caller's own loop when it runs on one, so its answers wake it without
    /// a hop; otherwise the loops in turn.
    static func forNewConnection() -> IOLoop {
        current ?? next()
    }

    /// The loops in turn.
    static func next() -> IOLoop {
        all[nextLoop.wrappingAdd(1, ordering: .relaxed).oldValue % all.count]
    }

    let index: Int

    private let epollFD: Int32
    private let wakeFD: Int32
    private let handlers = Mutex<[UInt64: any IOHandler]>([:])
    private let nextToken = Atomic<UInt64>(1)
    /// Jobs of tasks that prefer this executor.
    private let jobs = Mutex<[UnownedJob]>([])
    /// Whether the thread is (about to be) blocked in `epoll_wait` and must be woken for a new job.
    private let sleeping = Atomic<Bool>(false)
    private let loopThread = Atomic<UInt>(0)

    private init(index: Int) {
        self.index = index
        epollFD = banso_epoll_create()
        wakeFD = banso_eventfd()
        precondition(epollFD >= 0 && wakeFD >= 0, "epoll/eventfd unavailable")
        _ = banso_epoll_add(epollFD, wakeFD, banso_epoll_in, 0)
        let thread = Thread { [self] in run() }
        thread.name = "banso-db-io-\(index)"
        // Tasks that prefer this executor run their synchronous code on this stack.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Watches `fd` for `events` on behalf of `handler`; returns the registration's token.
    func register(_ handler: any IOHandler, fd: Int32, events: UInt32) -> UInt64 {
        let token = nextToken.wrappingAdd(1, ordering: .relaxed).oldValue
        handlers.withLock { $0[token] = handler }
        _ = banso_epoll_add(epollFD, fd, events, token)
        return token
    }

    func modify(token: UInt64, fd: Int32, events: UInt32) {
        _ = banso_epoll_mod(epollFD, fd, events, token)
    }

    /// Stops watching. Must happen before the socket is closed so the number cannot be confused with a new one.
    func deregister(token: UInt64, fd: Int32) {
        _ = banso_epoll_del(epollFD, fd)
        _ = handlers.withLock { $0.removeValue(forKey: token) }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        jobs.withLock { $0.append(unowned) }
        if pthread_self() != loopThread.load(ordering: .relaxed), sleeping.load(ordering: .sequentiallyConsistent) {
            banso_eventfd_signal(wakeFD)
        }
    }

    private func runJobs() -> Bool {
        let batch = jobs.withLock { queue -> [UnownedJob] in
            guard !queue.isEmpty else { return [] }
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        return !batch.isEmpty
    }

    private func run() {
        loopThread.store(pthread_self(), ordering: .relaxed)
        let capacity = 256
        let tokens = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        let flags = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        var completions: [Completion] = []
        completions.reserveCapacity(capacity)
        var ready: [(any IOHandler, UInt32)] = []
        ready.reserveCapacity(capacity)
        while true {
            _ = runJobs()
            // Sleep only when no job is queued; an enqueue that races with going to sleep sees `sleeping` and
            // writes the eventfd, so it is never missed.
            sleeping.store(true, ordering: .sequentiallyConsistent)
            let idle = jobs.withLock { $0.isEmpty }
            let n = banso_epoll_wait(epollFD, tokens, flags, Int32(capacity), idle ? -1 : 0)
            sleeping.store(false, ordering: .sequentiallyConsistent)
            if n < 0 { continue }  // EINTR
            handlers.withLock { table in
                for i in 0..<Int(n) where tokens[i] != 0 {
                    if let handler = table[tokens[i]] { ready.append((handler, flags[i])) }
                }
            }
            for i in 0..<Int(n) where tokens[i] == 0 { banso_eventfd_drain(wakeFD) }
            for (handler, events) in ready {
                handler.handleIO(events: events, completions: &completions)
            }
            ready.removeAll(keepingCapacity: true)
            for completion in completions {
                completion.continuation.resume(returning: completion.outcome)
            }
            completions.removeAll(keepingCapacity: true)
        }
    }
}
