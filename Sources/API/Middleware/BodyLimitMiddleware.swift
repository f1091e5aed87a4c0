public import Hummingbird
import HTTPTypes

/// Refuses a body larger than the configured limit before reading it (413), using `Content-Length` when the
/// client sends one; bodies streamed without it are cut off by the same limit when they are collected.
///
/// A route that streams its body somewhere other than memory (the CSV upload, stored in chunks) has its own,
/// larger limit: an ``Exemption`` for its method and exact path, which the route also enforces as it reads.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// A method and exact path whose body has its own limit.
    public struct Exemption: Sendable, Equatable {
        public var method: HTTPRequest.Method
        public var path: String
        public var limit: Int

        public init(method: HTTPRequest.Method, path: String, limit: Int) {
            (self.method, self.path, self.limit) = (method, path, limit)
        }
    }

    /// The routes that stream their bodies: `POST /v1/imports` (CSV files up to 50 MB, stored in 1 MB chunks).
    public static let streamingUploads = [Exemption(method: .post, path: "/v1/imports", limit: 50 << 20)]

    let limit: Int
    let exemptions: [Exemption]

    public init(limit: Int, exemptions: [Exemption] = BodyLimitMiddleware.streamingUploads) {
        self.limit = limit
        self.exemptions = exemptions
    }

    /// The limit of a request: its route's own when exempted, else the configured one.
    func limit(for request: Request) -> Int {
        let path = request.uri.path
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        return exemptions.first { $0.method == request.method && $0.path == trimmed }?.limit ?? limit
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        let limit = limit(for: request)
        context.maxUploadSize = limit
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw Problem(
                status: .contentTooLarge, code: "payload_too_large",
                detail: "the request body is \(length) bytes; the limit is \(limit)")
        }
        return try await next(request, context)
    }
}
