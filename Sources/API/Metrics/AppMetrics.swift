import Metrics
public import Prometheus
import Database

/// The process's Prometheus registry. swift-metrics has one global factory per process, so it is bootstrapped
/// exactly once, on first use — before any ``Database`` is made, since metric handles bind to the factory that
/// exists when they are created.
public enum AppMetrics {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (prometheusName(name), labels.map { (prometheusName($0.0), $0.1) })
        }
        let fast: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .seconds(1), .seconds(5),
        ]
        factory.durationHistogramBuckets["banso_db_query_duration_seconds"] = fast
        factory.durationHistogramBuckets["http_server_request_duration_seconds"] = fast
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Hummingbird's dotted names (`http.server.request.duration`) in Prometheus form, with the unit suffixes
    /// Prometheus conventions ask for.
    static func prometheusName(_ name: String) -> String {
        switch name {
        case "hb.requests": return "http_requests_total"
        case "hb.request.errors": return "http_request_errors_total"
        case "http.server.request.duration": return "http_server_request_duration_seconds"
        default:
            return String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
        }
    }

    /// The exposition text of everything recorded.
    static func scrape() -> [UInt8] { registry.emitToBuffer() }

    /// Pool gauges are read at scrape time rather than updated on every query, keeping the query path free of
    /// metric writes.
    static func recordPool(_ statistics: PoolStatistics) {
        let connections = MetricNameDescriptor(
            namespace: "banso", subsystem: "db_pool", metricName: "connections", unitName: "",
            helpText: "Database connections of this process by state")
        registry.makeGauge(descriptor: connections, labels: [("state", "open")]).set(Double(statistics.open))
        registry.makeGauge(descriptor: connections, labels: [("state", "in_use")]).set(Double(statistics.inUse))
        registry.makeGauge(descriptor: connections, labels: [("state", "idle")]).set(Double(statistics.idle))
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "banso", subsystem: "db_pool", metricName: "max_connections", unitName: "",
                helpText: "Most connections the pool opens")
        ).set(Double(statistics.maximum))
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "banso", subsystem: "db_pool", metricName: "waiters", unitName: "",
                helpText: "Tasks waiting for a free connection")
        ).set(Double(statistics.waiters))
    }

    /// Queue depth by queue and state, and the most overdue schedule's lag, read at scrape time (every API node
    /// shows the same, cluster-wide figures).
    static func recordQueues(_ figures: (depth: [(queue: String, state: String, count: Int)], scheduleLag: Double)) {
        let depth = MetricNameDescriptor(
            namespace: "banso", subsystem: "jobs", metricName: "depth", unitName: "", helpText: "Jobs by queue and state")
        for row in figures.depth {
            registry.makeGauge(descriptor: depth, labels: [("queue", row.queue), ("state", row.state)]).set(Double(row.count))
        }
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "banso", subsystem: "schedules", metricName: "lag", unitName: "seconds",
                helpText: "How far behind the most overdue active schedule is (0 when none is)")
        ).set(figures.scheduleLag)
    }
}
