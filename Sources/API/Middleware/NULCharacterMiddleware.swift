public import Hummingbird
import Foundation

/// Refuses U+0000 in the path or a query parameter with 422 (see ``NULCharacter``): the field is the query
/// parameter's name, or the route's parameter holding it.
public struct NULCharacterMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // Percent-encoded only: a raw NUL never survives the HTTP parser.
        let uri = request.uri.description
        if uri.contains("%00") {
            for (name, value) in request.uri.queryParameters where name.contains("\u{0}") || value.contains("\u{0}") {
                throw NULCharacter.problem(field: name.contains("\u{0}") ? "query" : String(name))
            }
            // Route parameters hold the raw segment.
            for (name, value) in context.parameters where (String(value).removingPercentEncoding ?? "").contains("\u{0}") {
                throw NULCharacter.problem(field: String(name))
            }
            if (request.uri.path.removingPercentEncoding ?? "").contains("\u{0}") {
                throw NULCharacter.problem(field: "path")
            }
        }
        return try await next(request, context)
    }
}
