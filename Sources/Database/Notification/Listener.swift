import Logging
import Synchronization

/// The one session that LISTENs for all of a ``Database``'s subscribers.
///
/// Every statement on that session goes through ``maintain()``, one at a time, since a connection runs one
/// statement at a time; subscribers send it requests and wait for the answer. When the server drops the session,
/// `maintain` reconnects with backoff and LISTENs again on every channel.
final class Listener: Sendable {
    enum Event: Sendable {
        case listen(String, CheckedContinuation<Void, any Error>)
        case broken
    }

    struct Subscribers: Sendable {
        var byChannel: [String: [Int: AsyncStream<DatabaseNotification>.Continuation]] = [:]
        var nextID = 0
    }

    let settings: ConnectionSettings
    let logger: Logger
    private let subscribers = Mutex(Subscribers())
    private let events: AsyncStream<Event>
    private let eventSink: AsyncStream<Event>.Continuation
    private let maintaining = Atomic<Bool>(false)

    init(settings: ConnectionSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(of: Event.self)
    }

    func subscribe(_ channel: String) async throws -> AsyncStream<DatabaseNotification> {
        guard maintaining.load(ordering: .relaxed) else {
            throw DatabaseError(
                code: .connectionClosed, message: "LISTEN needs the Database service running (call run())")
        }
        let (stream, continuation) = AsyncStream.makeStream(
            of: DatabaseNotification.self, bufferingPolicy: .bufferingNewest(100_000))
        let id = subscribers.withLock { s -> Int in
            s.nextID += 1
            s.byChannel[channel, default: [:]][s.nextID] = continuation
            return s.nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLock { s in
                s.byChannel[channel]?[id] = nil
            }
        }
        try await withCheckedThrowingContinuation { done in
            eventSink.yield(.listen(channel, done))
        }
        return stream
    }

    func stop() {
        eventSink.finish()
    }

    /// Runs until ``stop()``.
    func maintain() async {
        maintaining.store(true, ordering: .relaxed)
        defer { maintaining.store(false, ordering: .relaxed) }
        var connection: Connection?
        var backoff: Duration = .milliseconds(50)
        for await event in events {
            switch event {
            case .broken:
                connection = nil
                while connection == nil, !Task.isCancelled {
                    connection = await connectAndListen()
                    if connection == nil {
                        try? await Task.sleep(for: backoff)
                        backoff = min(backoff * 2, .seconds(5))
                    }
                }
                backoff = .milliseconds(50)
            case .listen(let channel, let done):
                do {
                    if connection == nil || !(connection!.isOpen) {
                        connection = try await connect()
                    }
                    try await connection!.query("LISTEN \(identifier: channel)")
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }
        }
        connection?.close()
        // Finish the streams outside the lock: `finish()` runs each stream's `onTermination` at once, and that
        // takes this same lock to unsubscribe (finishing under the lock crashed with "Recursive call to lock Mutex").
        let streams = subscribers.withLock { s in
            defer { s.byChannel = [:] }
            return s.byChannel.values.flatMap(\.values)
        }
        for continuation in streams { continuation.finish() }
    }

    private func connect() async throws -> Connection {
        let connection = try await Connection.connect(id: -1, settings: settings) { [eventSink] _ in
            eventSink.yield(.broken)
        }
        connection.setNotificationSink { [weak self] notification in
            self?.deliver(notification)
        }
        return connection
    }

    private func connectAndListen() async -> Connection? {
        do {
            let connection = try await connect()
            let channels = subscribers.withLock { Array($0.byChannel.keys) }
            for channel in channels {
                try await connection.query("LISTEN \(identifier: channel)")
            }
            logger.info("listening session reconnected", metadata: ["channels": "\(channels.count)"])
            return connection
        } catch {
            logger.warning("listening session could not reconnect", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private func deliver(_ notification: DatabaseNotification) {
        let targets = subscribers.withLock { s in s.byChannel[notification.channel].map { Array($0.values) } ?? [] }
        for target in targets { target.yield(notification) }
    }
}
