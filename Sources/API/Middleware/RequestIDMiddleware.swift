public import Hummingbird
import HTTPTypes
import Logging
import Foundation

/// Gives every request an id — the caller's `X-Request-Id` when it is a sane token, a new one otherwise — puts it
/// on every log line of the request and echoes it in the response.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        let id = request.headers[.requestID].flatMap(Self.acceptable) ?? Self.generate()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.requestID] = id
        return response
    }

    static func acceptable(_ candidate: String) -> String? {
        guard (1...128).contains(candidate.utf8.count),
            candidate.utf8.allSatisfy({ $0 < 128 && (Character(UnicodeScalar($0)).isLetter || Character(UnicodeScalar($0)).isNumber || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")) })
        else { return nil }
        return candidate
    }

    /// 128 random bits in lower-case hex. (Foundation's `UUID()` opens `/dev/urandom` on every call here, and the
    /// dashes were then searched for and removed: a profile showed both on every request.)
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 32) { buffer in
            for half in 0..<2 {
                let bits = generator.next() as UInt64
                for i in 0..<16 { buffer[half * 16 + i] = digits[Int((bits >> (60 - 4 * UInt64(i))) & 0xF)] }
            }
            return 32
        }
    }
}
