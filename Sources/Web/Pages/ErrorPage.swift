import Logging
import Settings
import Foundation
import API
import Hummingbird
import HTTPTypes

/// Errors on a page answer a page, not JSON: 404 (also for another organisation's ids — their existence is not
/// revealed), 403 and 500 in the reader's language, with the request id to quote on a 500. Other refusals (a
/// form the page did not handle itself) show their message on the same page.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The signed-in reader's own language, for the pages behind the session; without it (or when it cannot be
    /// read) the browser's.
    var readerLanguage: (@Sendable (Context) async -> Language?)? = nil

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let body: String
        let status: Int
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = ProblemMiddleware<Context>.problem(for: error, request: request, context: context)
            if problem.status.code >= 500 {
                context.logger.error("page failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            let language = await readerLanguage?(context) ?? Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
            var response = Self.page(problem, language: language, requestID: context.logger[metadataKey: "request_id"]?.description ?? "")
            for field in problem.headers { response.headers.append(field) }
            return response
        }
    }

    static func page(_ problem: Problem, language: Language, requestID: String) -> Response {
        let t = Catalogue(language)
        let (title, body): (String, String) =
            switch problem.status.code {
            case 404: (t["error_404_title"], t["error_404_body"])
            case 403: (t["error_403_title"], t["error_403_body"])
            case 500...: (t["error_500_title"], t.format("error_500_body", ["id": requestID]))
            default: (t["error_refused_title"], DomainMessages.localized(problem.detail, t.language) ?? t.strings[problem.detail] ?? problem.detail)
            }
        return PageResponse.render(
            "error",
            Model(chrome: .signedOut(t, title: title), t: t.strings, title: title, body: body, status: problem.status.code),
            status: problem.status)
    }
}
