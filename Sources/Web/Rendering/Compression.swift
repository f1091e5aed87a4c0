import Foundation
import CompressNIO
import Hummingbird
import NIOCore

/// gzip for the pages and their assets, when the browser says it takes it: the HTML of a large goal tree repeats
/// itself and shrinks to about a tenth. A page is compressed when it is rendered (``PageResponse``), with what this
/// step found in the request's `Accept-Encoding`.
struct PageCompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        try await Compression.$acceptsGzip.withValue(Compression.acceptsGzip(request.headers[.acceptEncoding])) {
            try await next(request, context)
        }
    }
}

enum Compression {
    /// Whether the request being answered takes gzip.
    @TaskLocal static var acceptsGzip = false

    /// Bodies smaller than this go as they are: gzip's framing would outweigh the gain.
    static let threshold = 1400

    /// `gzip` among the codings, and not refused with `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.lowercased().split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.first == "gzip" || pieces.first == "*" else { continue }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0 { return true }
        }
        return false
    }

    static func gzip(_ bytes: ByteBuffer) -> ByteBuffer? {
        var input = bytes
        return try? input.compress(with: .gzip())
    }
}
