public import Hummingbird
import Logging
import Foundation

/// One log line per request, written when it ends: method, path, route, status and duration.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(Self.loggedPath(request.uri.path, route: context.endpointPath)),
                "route": .string(context.endpointPath ?? "-"),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ])
        return response
    }

    /// The path, or the route's template where the path itself is a credential (a calendar feed's URL: its
    /// `{token}` parameter): a log line must never hold a working link.
    static func loggedPath(_ path: String, route: String?) -> String {
        guard let route, route.contains("{token}") else { return path }
        return route
    }
}
