@testable import Database
import Testing

/// The pool's bookkeeping without I/O: leasing, waiting in order, hand-offs, replacements, timeouts and closing.
@Suite struct PoolStateMachineTests {
    final class Conn: CustomStringConvertible {
        let id: Int
        init(_ id: Int) { self.id = id }
        var description: String { "conn\(id)" }
    }
    typealias Machine = PoolStateMachine<Conn, String>

    static func isConnect(_ action: Machine.AcquireAction) -> Bool {
        if case .connect = action { return true }
        return false
    }
    static func isWait(_ action: Machine.AcquireAction) -> Bool {
        if case .wait = action { return true }
        return false
    }
    static func isClosed(_ action: Machine.AcquireAction) -> Bool {
        if case .closed = action { return true }
        return false
    }
    static func leased(_ action: Machine.AcquireAction) -> Conn? {
        if case .lease(let conn) = action { return conn }
        return nil
    }
    static func isNone(_ action: Machine.ReleaseAction) -> Bool {
        if case .none = action { return true }
        return false
    }
    static func handOff(_ action: Machine.ReleaseAction) -> (Conn, String)? {
        if case .handOff(let conn, let waiter) = action { return (conn, waiter) }
        return nil
    }
    static func connectFor(_ action: Machine.ReleaseAction) -> String? {
        if case .connectFor(let waiter) = action { return waiter }
        return nil
    }
    static func closes(_ action: Machine.ReleaseAction) -> Conn? {
        if case .close(let conn) = action { return conn }
        return nil
    }

    @Test func opensUpToTheMaximumThenWaits() {
        var m = Machine(maximum: 2)
        #expect(Self.isConnect(m.acquire()))
        #expect(Self.isConnect(m.acquire()))
        #expect(m.open == 2)
        #expect(m.leased == 2)
        #expect(Self.isWait(m.acquire()))
        #expect(Self.isWait(m.enqueue(id: 1, waiter: "w1")))
        #expect(m.waiters.count == 1)
        #expect(m.open == 2, "waiting opens nothing")
    }

    @Test func idleConnectionsAreReusedMostRecentFirst() {
        var m = Machine(maximum: 3)
        let a = Conn(1), b = Conn(2)
        _ = m.acquire()
        _ = m.acquire()
        #expect(Self.isNone(m.release(a, reusable: true)))
        #expect(Self.isNone(m.release(b, reusable: true)))
        #expect(m.idle.count == 2)
        #expect(m.leased == 0)
        #expect(m.open == 2)
        #expect(Self.leased(m.acquire()) === b, "the warmest connection first")
        #expect(Self.leased(m.acquire()) === a)
        #expect(Self.isConnect(m.acquire()), "room for a third")
        #expect(m.open == 3)
        #expect(m.leased == 3)
    }

    @Test func releaseHandsOffToWaitersInOrder() {
        var m = Machine(maximum: 1)
        let a = Conn(1)
        #expect(Self.isConnect(m.acquire()))
        for i in 1...3 { #expect(Self.isWait(m.enqueue(id: i, waiter: "w\(i)"))) }
        for i in 1...3 {
            let handed = Self.handOff(m.release(a, reusable: true))
            #expect(handed?.0 === a)
            #expect(handed?.1 == "w\(i)", "first come, first served")
            #expect(m.leased == 1)
            #expect(m.idle.isEmpty)
        }
        #expect(m.waiters.isEmpty)
        #expect(Self.isNone(m.release(a, reusable: true)))
        #expect(m.idle.count == 1)
        #expect(m.leased == 0)
    }

    @Test func enqueueLeasesWhenSomethingCameBackMeanwhile() {
        var m = Machine(maximum: 1)
        let a = Conn(1)
        _ = m.acquire()
        #expect(Self.isWait(m.acquire()))
        // Between acquire() saying wait and enqueue(), the connection came back.
        _ = m.release(a, reusable: true)
        #expect(Self.leased(m.enqueue(id: 1, waiter: "w1")) === a)
        #expect(m.waiters.isEmpty)
    }

    @Test func discardedConnectionMakesRoomForAWaiter() {
        var m = Machine(maximum: 1)
        let a = Conn(1)
        _ = m.acquire()
        _ = m.enqueue(id: 1, waiter: "w1")
        #expect(Self.connectFor(m.release(a, reusable: false)) == "w1")
        #expect(m.open == 1, "one closed, one opening")
        #expect(m.leased == 1)
        #expect(m.waiters.isEmpty)
        // Without waiters, a discarded connection just frees its place.
        #expect(Self.isNone(m.release(Conn(2), reusable: false)))
        #expect(m.open == 0)
        #expect(m.leased == 0)
        #expect(Self.isConnect(m.acquire()))
    }

    @Test func failedConnectFreesItsPlace() {
        var m = Machine(maximum: 1)
        #expect(Self.isConnect(m.acquire()))
        _ = m.enqueue(id: 1, waiter: "w1")
        // The connect failed: the waiter gets to try.
        #expect(Self.connectFor(m.connectFailed()) == "w1")
        #expect(m.open == 1)
        #expect(Self.isNone(m.connectFailed()))
        #expect(m.open == 0)
        #expect(m.leased == 0)
    }

    @Test func idleConnectionClosedByTheServer() {
        var m = Machine(maximum: 2)
        let a = Conn(1), b = Conn(2)
        _ = m.acquire()
        _ = m.acquire()
        _ = m.release(a, reusable: true)
        let broke = m.idleBroke(a)
        #expect(broke.wasIdle)
        #expect(Self.isNone(broke.action))
        #expect(m.idle.isEmpty)
        #expect(m.open == 1)
        // A leased connection breaking is the borrower's to report at release.
        let leasedBroke = m.idleBroke(b)
        #expect(!leasedBroke.wasIdle)
        #expect(m.open == 1)
        // Twice is harmless.
        #expect(!m.idleBroke(a).wasIdle)
        #expect(m.open == 1)
    }

    @Test func idleBreakMakesRoomForANewConnection() {
        var m = Machine(maximum: 1)
        let a = Conn(1)
        _ = m.acquire()
        _ = m.release(a, reusable: true)
        #expect(Self.leased(m.acquire()) === a)
        _ = m.release(a, reusable: true)
        _ = m.idleBroke(a)
        #expect(Self.isConnect(m.acquire()), "the broken connection is not lent out; a new one is opened")
        #expect(m.open == 1)
    }

    @Test func waitersPastTheirDeadlineExpireOnceAndTheRestAreServed() {
        var m = Machine(maximum: 1)
        let a = Conn(1)
        let t0 = ContinuousClock.now
        _ = m.acquire()
        _ = m.enqueue(id: 1, waiter: "w1", deadline: t0 + .seconds(1))
        let first = m.startWatching()
        #expect(first, "the first waiter starts the watch")
        _ = m.enqueue(id: 2, waiter: "w2", deadline: t0 + .seconds(2))
        let second = m.startWatching()
        #expect(!second, "one watch for the whole queue")
        let early = m.expire(now: t0)
        #expect(early.expired.isEmpty)
        #expect(early.next == t0 + .seconds(1))
        let late = m.expire(now: t0 + .milliseconds(1500))
        #expect(late.expired == ["w1"])
        #expect(late.next == t0 + .seconds(2))
        let repeated = m.expire(now: t0 + .milliseconds(1500))
        #expect(repeated.expired.isEmpty, "expired once")
        #expect(Self.handOff(m.release(a, reusable: true))?.1 == "w2")
        // A waiter already served is not expired later, and the watch ends with the queue.
        let done = m.expire(now: t0 + .seconds(5))
        #expect(done.expired.isEmpty)
        #expect(done.next == nil)
        let idle = m.startWatching()
        #expect(!idle, "nobody waits")
        _ = m.acquire()
        _ = m.enqueue(id: 3, waiter: "w3", deadline: t0 + .seconds(9))
        let again = m.startWatching()
        #expect(again, "a new wait starts a new watch")
    }

    @Test func closing() {
        var m = Machine(maximum: 3)
        let a = Conn(1), b = Conn(2), c = Conn(3)
        for _ in 0..<3 { #expect(Self.isConnect(m.acquire())) }
        _ = m.release(a, reusable: true)
        _ = m.release(b, reusable: true)
        #expect(Self.leased(m.acquire()) === b)
        #expect(Self.leased(m.acquire()) === a)
        #expect(Self.isWait(m.enqueue(id: 1, waiter: "w1")))
        #expect(Self.handOff(m.release(a, reusable: true))?.1 == "w1")
        _ = m.release(b, reusable: true)
        // Now: b idle; a (with w1) and c leased.
        let closed = m.close()
        #expect(closed.idle.map(\.id) == [2])
        #expect(closed.waiters.isEmpty)
        #expect(m.closed)
        #expect(m.idle.isEmpty)
        #expect(m.open == 2)
        #expect(Self.isClosed(m.acquire()))
        #expect(Self.isClosed(m.enqueue(id: 2, waiter: "w2")))
        #expect(m.waiters.isEmpty)
        // Leased connections are closed as they come back, and nobody is told to connect.
        #expect(Self.closes(m.release(a, reusable: true)) === a)
        #expect(Self.isNone(m.release(c, reusable: false)))
        #expect(m.open == 0)
        #expect(m.leased == 0)
    }

    @Test func closingFailsWaiters() {
        var m = Machine(maximum: 1)
        _ = m.acquire()
        _ = m.enqueue(id: 1, waiter: "w1")
        _ = m.enqueue(id: 2, waiter: "w2")
        let closed = m.close()
        #expect(closed.waiters == ["w1", "w2"])
        #expect(closed.idle.isEmpty)
        #expect(Self.isNone(m.connectFailed()))
    }

    /// Random operations never open more than the maximum, and the counters always agree with each other.
    @Test(arguments: [1, 2, 5]) func invariantsUnderRandomOperations(maximum: Int) {
        var rng = SplitMix(seed: UInt64(maximum) * 7919)
        var m = Machine(maximum: maximum)
        var leased: [Conn] = []  // connections the "callers" hold
        var opening = 0  // connects in flight
        var waiting: [Int: String] = [:]
        var nextID = 0
        var nextWaiter = 0
        let start = ContinuousClock.now
        func served(_ waiter: String) { waiting = waiting.filter { $0.value != waiter } }
        func apply(_ action: Machine.ReleaseAction) {
            switch action {
            case .handOff(let conn, let waiter):
                served(waiter)
                leased.append(conn)
            case .connectFor(let waiter):
                served(waiter)
                opening += 1
            case .close, .none: break
            }
        }
        for _ in 0..<5000 {
            switch rng.next() % 6 {
            case 0, 1:
                nextWaiter += 1
                // Waiter n's time runs out n seconds after the start, so deadlines rise along the queue.
                switch m.enqueue(id: nextWaiter, waiter: "w\(nextWaiter)", deadline: start + .seconds(nextWaiter)) {
                case .lease(let conn): leased.append(conn)
                case .connect: opening += 1
                case .wait: waiting[nextWaiter] = "w\(nextWaiter)"
                case .closed: Issue.record("not closed")
                }
            case 2:
                // A connect finishes, or fails.
                guard opening > 0 else { continue }
                opening -= 1
                if rng.next() % 4 == 0 {
                    apply(m.connectFailed())
                } else {
                    nextID += 1
                    leased.append(Conn(nextID))
                }
            case 3, 4:
                guard !leased.isEmpty else { continue }
                let conn = leased.remove(at: Int(rng.next() % UInt64(leased.count)))
                apply(m.release(conn, reusable: rng.next() % 5 != 0))
            default:
                if rng.next() % 2 == 0, let id = waiting.keys.sorted().randomElement(using: &rng) {
                    // Time reaches waiter `id`'s deadline: it and every earlier waiter still queued time out.
                    let expired = m.expire(now: start + .seconds(id)).expired
                    let due = waiting.keys.filter { $0 <= id }.sorted()
                    #expect(expired == due.map { waiting[$0]! })
                    for key in due { waiting[key] = nil }
                } else if let conn = m.idle.randomElement(using: &rng) {
                    apply(m.idleBroke(conn).action)
                }
            }
            #expect(m.open <= maximum)
            #expect(m.open == m.idle.count + m.leased)
            #expect(m.leased == leased.count + opening)
            #expect(m.waiters.count == waiting.count)
            // Nobody waits while a connection sits idle or there is room to open one.
            if !m.waiters.isEmpty {
                #expect(m.idle.isEmpty && m.open == maximum)
            }
        }
    }
}

/// A small seeded generator, so the random test is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
