import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The small HTML pages behind the links in invitation and password-reset mail. Opening a link (GET) changes
/// nothing — a mail scanner that follows links must not use up an invitation — it shows a form; the token is
/// redeemed when the person submits it (POST). Plain, server-rendered, without script, in the org's language; the
/// answer carries no-referrer (the token is in the URL), no-store, and a Content-Security-Policy without script.
/// (The web interface brings the full set of pages; these are the two a person reaches from mail.)
struct SecretLinkPage {
    enum Kind { case invitation, reset }

    var kind: Kind
    var locale: Organization.Locale
    var title: String
    var lines: [String]
    /// The form, if there is one to fill: the token and what was asked.
    var form: (token: String, askName: Bool)?
    var error: String?

    func response(status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    var html: String {
        let ja = locale == .ja
        var body = "<h1>\(Self.escape(title))</h1>\n"
        for line in lines { body += "<p>\(Self.escape(line))</p>\n" }
        if let error { body += "<p class=\"error\" role=\"alert\">\(Self.escape(error))</p>\n" }
        if let form {
            let action = kind == .invitation ? "/invitations/accept" : "/password-reset"
            body += "<form method=\"post\" action=\"\(action)\">\n"
            body += "<input type=\"hidden\" name=\"token\" value=\"\(Self.escape(form.token))\">\n"
            if form.askName {
                body += "<label for=\"display_name\">\(ja ? "表示名（任意）" : "Display name (optional)")</label>\n"
                body += "<input id=\"display_name\" name=\"display_name\" autocomplete=\"name\" maxlength=\"200\">\n"
            }
            body += "<label for=\"password\">\(ja ? "新しいパスワード（10 文字以上）" : "New password (10 characters or more)")</label>\n"
            body += "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"10\" required>\n"
            let button = kind == .invitation ? (ja ? "参加する" : "Join") : (ja ? "パスワードを設定する" : "Set the password")
            body += "<button type=\"submit\">\(button)</button>\n</form>\n"
        }
        return """
            <!doctype html>
            <html lang="\(ja ? "ja" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(Self.escape(title)) — Banso</title>
            <style>
            body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1d2433; line-height: 1.6; }
            h1 { font-size: 1.5rem; line-height: 1.4; }
            label { display: block; margin-top: 1rem; font-weight: 600; }
            input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #69707d; border-radius: 4px; }
            button { margin-top: 1.5rem; padding: .7rem 1.4rem; font-size: 1rem; background: #0b5cad; color: #fff; border: 0; border-radius: 4px; }
            .error { color: #a4161a; font-weight: 600; }
            </style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    /// The same escaping as mail's HTML.
    static func escape(_ text: String) -> String { MailTemplates.escape(text) }
}
