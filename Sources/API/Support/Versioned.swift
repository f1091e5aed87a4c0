import Domain
import Hummingbird
import HTTPTypes
import Store
import UseCases

/// A resource with a version: answered with it as its `ETag`, which an update may send back in `If-Match`.
protocol Versioned {
    var version: Int { get }
}

extension Company: Versioned {}
extension Team: Versioned {}
extension Organization: Versioned {}
extension Accountability: Versioned {}
extension MemberDTO: Versioned {}
extension PositionDTO: Versioned {}

extension JSONResponse {
    /// A versioned resource, with its version as the `ETag`.
    static func make(_ value: some Encodable & Versioned, status: HTTPResponse.Status = .ok) throws -> Response {
        try make(value, status: status, version: value.version)
    }
}

extension Idempotency.Created {
    /// A created resource, with its version as the `ETag`.
    init(_ value: some Encodable & Versioned) throws {
        try self.init(value, version: value.version)
    }
}

extension Store {
    /// What `body` returns in the request's transaction, answered as a versioned resource.
    func answer<Value: Encodable & Versioned>(
        _ context: AuthenticatedContext, status: HTTPResponse.Status = .ok,
        _ body: (TenantTransaction, Caller) async throws -> Value
    ) async throws -> Response {
        try JSONResponse.make(try await tenant(context, body), status: status)
    }
}
