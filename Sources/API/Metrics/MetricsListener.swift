public import Hummingbird
import HTTPTypes
public import Logging
import NIOCore

/// `/metrics` for the operator's Prometheus, on a listener of its own (`BANSO_METRICS_HOST`, default 127.0.0.1, and
/// `BANSO_METRICS_PORT`), never on the public port: its figures describe every org's queues. With
/// `BANSO_METRICS_TOKEN` set, a scrape also needs `Authorization: Bearer <token>`. A scrape reads only what the
/// process holds; the queue figures are refreshed in the background (``QueueFiguresRefresher``), so scrapes never
/// reach the database.
public enum MetricsListener {
    public static func router(token: String?) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/metrics") { request, _ -> Response in
            if let token {
                let header = request.headers[.authorization] ?? ""
                guard header.hasPrefix("Bearer "), constantTimeEquals(String(header.dropFirst("Bearer ".count)), token) else {
                    return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"])
                }
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: AppMetrics.scrape())))
        }
        return router
    }

    public static func application(host: String, port: Int, token: String?, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(token: token), configuration: .init(address: .hostname(host, port: port), serverName: "banso-metrics"),
            logger: logger)
    }

    /// Compares without stopping at the first difference, so timing does not reveal how much of a guess was right.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
