import Database
import Foundation
import Synchronization
import Testing
import TestSupport

/// Japanese text with an emoji made of several scalars (runner + ZWJ + female sign + variation selector).
let japanese = "伴走 🏃‍♀️"

/// A `Database` on the test cluster's admin database with an application name of its own, so its backend is never
/// counted among the pool's (`application_name = 'banso'`). Closed after `body`.
func withAdmin<T>(_ body: (Database) async throws -> T) async throws -> T {
    let admin = Database(
        configuration: DatabaseConfiguration(
            url: try TestDatabase.adminURL, poolSize: 1, applicationName: "banso-test-admin"))
    defer { admin.close() }
    return try await body(admin)
}

extension Database {
    func currentDatabase() async throws -> String {
        try #require(try await query("SELECT current_database()").scalar(String.self))
    }
}

/// Process ids of the client backends connected to `database` with `applicationName`.
func backendPIDs(database: String, applicationName: String = "banso", admin: Database) async throws -> [Int32] {
    try await admin.query(
        """
        SELECT pid FROM pg_stat_activity
        WHERE datname = \(database) AND application_name = \(applicationName) AND backend_type = 'client backend'
          AND pid <> pg_backend_pid()
        """
    ).decodeColumn(Int32.self)
}

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out: \(what)" }
}

/// Runs `body`, failing with ``TimedOut`` if it takes longer than `timeout` (so a broken test fails instead of
/// hanging the whole run).
func withTimeout<T: Sendable>(
    _ timeout: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimedOut(what: what) }
        return value
    }
}

/// Runs `body` while `db.run()` keeps the listening session alive, then stops the service (which also closes the
/// pool).
func whileRunning<T>(_ db: Database, _ body: () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await db.run() }
        do {
            let result = try await body()
            group.cancelAll()
            try await group.waitForAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

/// `db.listen(channel)`, waiting for the service started by ``whileRunning(_:_:)`` to be up: `listen` refuses to
/// subscribe until `run()` has started, and a child task may not have started yet when the body runs.
func subscribe(_ db: Database, _ channel: String) async throws -> AsyncStream<DatabaseNotification> {
    let deadline = ContinuousClock.now + .seconds(5)
    while true {
        do {
            return try await db.listen(channel)
        } catch let error as DatabaseError where error.message.contains("run()") && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// The next `count` notifications of `stream`, or ``TimedOut``. Iterates in a child task: a stream may be iterated
/// again afterwards, unless this timed out (cancelling an iteration finishes the stream).
func next(
    _ count: Int, of stream: AsyncStream<DatabaseNotification>, within timeout: Duration = .seconds(5)
) async throws -> [DatabaseNotification] {
    try await withTimeout(timeout, "waiting for \(count) notification(s)") {
        var received: [DatabaseNotification] = []
        var iterator = stream.makeAsyncIterator()
        while received.count < count, let notification = await iterator.next() {
            received.append(notification)
        }
        return received
    }
}

extension DatabaseError {
    /// Whether the error is one a lost connection or a stopped server may produce.
    var looksLikeServerUnavailable: Bool {
        isConnectionLoss || code == .poolTimeout
    }
}

/// A flag shared between tasks.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}

/// Collects a stream's notifications in the background, for tests that poll (a timed-out ``next(_:of:within:)``
/// would finish the stream).
final class Collector: Sendable {
    private final class Box: Sendable {
        let items = Mutex<[DatabaseNotification]>([])
    }
    private let box = Box()
    private let task: Task<Void, Never>

    init(_ stream: AsyncStream<DatabaseNotification>) {
        let box = box
        task = Task {
            for await notification in stream { box.items.withLock { $0.append(notification) } }
        }
    }

    deinit { task.cancel() }

    var payloads: [String] { box.items.withLock { $0.map(\.payload) } }

    /// Waits until `condition` holds for the payloads received so far; returns whether it did within `timeout`.
    func wait(within timeout: Duration = .seconds(5), until condition: ([String]) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(payloads) { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return condition(payloads)
    }
}
