import Foundation
import HTTPTypes
public import Hummingbird

/// Refuses state-changing requests a browser sent on another site's behalf (cross-site request forgery), by the
/// rule of Go's `CrossOriginProtection`: a browser says where a request comes from in `Sec-Fetch-Site` (every
/// current browser) or at least `Origin`. A POST, PUT, PATCH or DELETE is refused with 403 when `Sec-Fetch-Site` is
/// present and neither `same-origin` nor `none` (typed or bookmarked), or, without it, when `Origin` is present
/// and is not the public URL's origin (compared with `BANSO_PUBLIC_URL`, not `Host`: behind a TLS proxy they
/// differ). A request with neither header does not come from a browser — a script with a bearer token — and has
/// no ambient credential to abuse, so it passes. Safe methods pass: no GET changes anything.
public struct CrossOriginProtectionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// `scheme://host[:port]` of the public URL, lower case.
    let origin: String

    public init(publicURL: String) {
        origin = Self.origin(of: publicURL)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        switch request.method {
        case .get, .head, .options, .trace: return try await next(request, context)
        default: break
        }
        if let site = request.headers[.secFetchSite] {
            guard site == "same-origin" || site == "none" else { throw Self.refusal }
        } else if let from = request.headers[.origin] {
            guard Self.origin(of: from) == origin else { throw Self.refusal }
        }
        return try await next(request, context)
    }

    static var refusal: Problem {
        Problem(status: .forbidden, code: "cross_origin", detail: "a request from another site may not change anything here")
    }

    /// The origin of a URL: scheme, host and a port other than the scheme's default, lower case.
    static func origin(of url: String) -> String {
        let lower = url.lowercased()
        guard let schemeEnd = lower.range(of: "://") else { return lower }
        let scheme = String(lower[..<schemeEnd.lowerBound])
        var authority = String(lower[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        if (scheme == "https" && authority.hasSuffix(":443")) || (scheme == "http" && authority.hasSuffix(":80")) {
            authority = String(authority.dropLast(authority.hasSuffix(":443") ? 4 : 3))
        }
        return scheme + "://" + authority
    }
}

extension HTTPField.Name {
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
