import Logging
import Settings
import Foundation
import Hummingbird
import UseCases

/// The cookie that carries a signed-in person's session token: `HttpOnly` (no script reads it), `SameSite=Lax` (not
/// sent on another site's POST), and on an https deployment `Secure` with the `__Host-` prefix (bound to this
/// host and path, so no subdomain can plant one). The token names a row in the sessions table, which holds the idle
/// and absolute expiry; the cookie itself lives as long as the session at most.
struct SessionCookie: Sendable {
    let secure: Bool

    init(publicURL: String) {
        secure = publicURL.lowercased().hasPrefix("https://")
    }

    var name: String { secure ? "__Host-banso_session" : "banso_session" }

    func token(in request: Request) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty else { return nil }
        return value
    }

    func issue(_ token: String) -> Cookie {
        Cookie(
            name: name, value: token, maxAge: Int(SignIns.sessionLifetime), path: "/", secure: secure, httpOnly: true,
            sameSite: .lax)
    }

    func clear() -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The organisation ID the sign-in form fills in next time: a convenience, not a credential.
    var orgName: String { secure ? "__Host-banso_org" : "banso_org" }

    func rememberOrg(_ slug: String) -> Cookie {
        Cookie(name: orgName, value: slug, maxAge: 400 * 86400, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func rememberedOrg(in request: Request) -> String? {
        request.cookies[orgName]?.value.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }
}
