import Logging
import Settings
import Foundation
import API
import Credentials
import Domain
import Hummingbird
import Store
import UseCases

/// The sign-in step of the pages: the session cookie's token resolves to an ``Identity`` in the same one statement
/// the API's bearer tokens use (idle and absolute expiry, revocation at once), or the browser is sent to the sign-in
/// page with the page it wanted in `next`. Only sessions count: an API token pasted into a cookie opens no page.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: Store
    let cookie: SessionCookie
    let sessionIdle: Double

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let identity = try await Self.identity(request, store: store, cookie: cookie, sessionIdle: sessionIdle) else {
            var response = Response.seeOther(SignInTarget.loginPath(returningTo: request))
            if cookie.token(in: request) != nil { response.setCookie(cookie.clear()) }
            return response
        }
        var context = context
        context.identity = identity
        context.logger[metadataKey: "org_id"] = .string(identity.orgID.uuidString.lowercased())
        context.logger[metadataKey: "member_id"] = .string(identity.memberID.uuidString.lowercased())
        return try await next(request, context)
    }

    static func identity(_ request: Request, store: Store, cookie: SessionCookie, sessionIdle: Double) async throws -> Identity? {
        guard let token = cookie.token(in: request),
            let found = try await store.authenticate(tokenHash: Secrets.hash(token: token), sessionIdle: sessionIdle),
            found.credential.kind == .session
        else { return nil }
        return Identity(found)
    }
}
