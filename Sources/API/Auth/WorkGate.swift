/// At most `limit` pieces of costly work at once, at most `queueLimit` waiting; beyond that a caller is turned away
/// at once (``Busy``) instead of joining an unbounded queue. bcrypt is built to be slow: without a bound, a burst of
/// sign-ins would queue up CPU work no one waits for any more and starve every other request.
public actor WorkGate {
    public struct Busy: Error {}

    public let limit: Int
    public let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int, queueLimit: Int) {
        self.limit = max(1, limit)
        self.queueLimit = max(0, queueLimit)
    }

    /// Runs `work` when a place is free; throws ``Busy`` when every place and every waiting place is taken.
    public func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        try await enter()
        defer { leave() }
        return try await work()
    }

    private func enter() async throws {
        if running < limit {
            running += 1
            return
        }
        guard waiting.count < queueLimit else { throw Busy() }
        // The place is handed over by `leave`, so `running` stays as it is.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
