import Logging
import Settings
import Foundation
import Hummingbird

/// Where a browser goes after signing in: the page it asked for, but only a path on this site — never another
/// host (`//evil.example`, `https://…`, `/\evil`), so the sign-in page cannot be used to send people elsewhere.
enum SignInTarget {
    static func safe(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count <= 2000,
            !next.contains(where: { $0.isNewline || $0 == "\\" || $0.unicodeScalars.contains { $0.value < 0x20 } })
        else { return "/" }
        return next
    }

    /// `/login`, with `next` naming the page asked for (unless it was the home page).
    static func loginPath(returningTo request: Request) -> String {
        let wanted = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        guard request.method == .get, wanted != "/", let escaped = wanted.addingPercentEncoding(withAllowedCharacters: .urlQueryValue)
        else { return "/login" }
        return "/login?next=" + escaped
    }
}

extension CharacterSet {
    /// Unreserved characters and `/`: what may stand unescaped in a query value.
    static let urlQueryValue = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
}

extension Response {
    /// 303 See Other: after a form's POST, the browser GETs `location` (POST → 303 → GET).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
