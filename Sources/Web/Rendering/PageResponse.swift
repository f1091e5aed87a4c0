import Mustache
import Logging
import Settings
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// An HTML page, rendered from a template and its view model, with the headers every page carries: a
/// Content-Security-Policy that admits only this site's own script and style (no inline script, so an injected
/// `<script>` does not run), no framing, no referrer to other sites, and no caching of what a signed-in person saw.
enum PageResponse {
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    static func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = Templates.library.render(model, withTemplate: template) ?? ""
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.vary] = "Accept-Encoding"
        var body = ByteBuffer(string: html)
        if Compression.acceptsGzip, body.readableBytes >= Compression.threshold, let compressed = Compression.gzip(body) {
            body = compressed
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    static var securityHeaders: HTTPFields {
        [
            .contentSecurityPolicy: contentSecurityPolicy,
            .referrerPolicy: "same-origin",
            .xContentTypeOptions: "nosniff",
            .cacheControl: "no-store",
        ]
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
}
