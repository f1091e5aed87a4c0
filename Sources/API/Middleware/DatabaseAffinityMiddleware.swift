import Database
public import Hummingbird

/// Runs an authenticated request on one of the database's I/O threads, from the token look-up to the answer.
///
/// An authenticated request is a few statements with little Swift between them. On the cooperative pool every
/// answer from PostgreSQL meant a hop from the I/O thread back to a pool thread (a profile of `GET /v1/me` at 64
/// connections spent an eighth of the server's CPU switching threads); here each answer resumes the request with
/// a function call, as in pgbench's own client threads. The pool prefers a connection served by the caller's
/// thread, so every statement of the request stays on it. `banso serve` runs the whole server on these threads
/// (so a request does not start on the cooperative pool either); this step makes the same true wherever the
/// router runs. Heavy CPU work must not run here: password hashing already runs on NIO's thread pool.
public struct DatabaseAffinityMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        try await withTaskExecutorPreference(Database.ioExecutor) { try await next(request, context) }
    }
}
