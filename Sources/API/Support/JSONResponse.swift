import Logging
import Database
import Store
import Domain
import Hummingbird
import Foundation
import HTTPTypes
import UseCases

/// JSON answers in the API's conventions, with an `ETag` when the resource has a version. Written by
/// ``CanonicalJSONEncoder``: Foundation's encoder writes UUIDs upper case (RFC 9562 wants lower) and was most of an
/// endpoint's CPU.
enum JSONResponse {
    static let encoder = CanonicalJSONEncoder()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, version: Int? = nil) throws -> Response {
        let data = try encoder.encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let version { headers[.eTag] = ETag.make(version) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func noContent() -> Response {
        Response(status: .noContent)
    }
}

/// Optimistic concurrency: a resource's `ETag` is its version; an update may send it back in `If-Match` and is
/// refused with 412 if someone else changed the resource meanwhile.
enum ETag {
    static func make(_ version: Int) -> String { "\"v\(version)\"" }

    /// The version an `If-Match` header asks for; `nil` when absent (the update is unconditional).
    static func expectedVersion(_ request: Request) throws -> Int? {
        guard let raw = request.headers[.ifMatch] else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "")
        guard trimmed.hasPrefix("\"v"), trimmed.hasSuffix("\""), let version = Int(trimmed.dropFirst(2).dropLast()) else {
            throw Problem(
                status: .badRequest, code: "invalid_if_match",
                detail: "If-Match must be an ETag this API returned, e.g. \"v3\"")
        }
        return version
    }

    static var stale: Problem { Problem(domain: .stale) }
}
