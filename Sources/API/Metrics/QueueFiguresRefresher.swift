public import Database
public import Logging
public import ServiceLifecycle
public import Store

/// Reads the cluster-wide queue figures (depth by queue and state, schedule lag) every `interval` and records them
/// for ``MetricsListener``: one small query per process per interval, however often Prometheus scrapes.
public struct QueueFiguresRefresher: Service {
    let store: Store
    let database: Database
    let interval: Duration
    let logger: Logger

    public init(store: Store, database: Database, interval: Duration = .seconds(15), logger: Logger) {
        self.store = store
        self.database = database
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        // Ends at graceful shutdown: the sleep is cancelled and the loop sees it.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await refresh()
                try await Task.sleep(for: interval)
            }
        }
    }

    /// One refresh: the pool's gauges and, if the database answers, the queue figures.
    public func refresh() async {
        AppMetrics.recordPool(database.statistics)
        do {
            AppMetrics.recordQueues(try await store.system { tx in try await JobRepository.queueFigures(tx) })
        } catch {
            // A database that is down must not take the metrics with it; the figures stay as last read.
            logger.debug("queue figures not refreshed", metadata: ["error": "\(error)"])
        }
    }
}
