public import Hummingbird
import HTTPTypes

/// Refuses a body larger than the configured limit before reading it (413), using `Content-Length` when the
/// client sends one; bodies streamed without it are cut off by the same limit when they are collected.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let limit: Int

    public init(limit: Int) { self.limit = limit }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        context.maxUploadSize = limit
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Problem(
                status: .contentTooLarge, code: "payload_too_large",
                detail: "the request body is \(length) bytes; the limit is \(limit)")
        }
        return try await next(request, context)
    }
}
