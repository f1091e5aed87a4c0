public import Hummingbird
public import Foundation

extension Request {
    /// Reads the body (refusing more than the context's limit with 413) and decodes it with the API's JSON rules.
    /// Decoding errors reach ``ProblemMiddleware`` intact, so the answer names the offending field — Hummingbird's
    /// own `decode` flattens them into a message.
    public func decodeJSON<T: Decodable>(as type: T.Type, context: some RequestContext) async throws -> T {
        try await decodeJSONKeepingBody(as: type, context: context).value
    }

    /// As ``decodeJSON(as:context:)``, also returning the raw body (for idempotency fingerprints).
    public func decodeJSONKeepingBody<T: Decodable>(as type: T.Type, context: some RequestContext) async throws
        -> (value: T, body: Data)
    {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else {
            throw Problem(status: .badRequest, code: "invalid_json", detail: "the request body is empty; JSON expected")
        }
        let data = Data(buffer.readableBytesView)
        if let field = NULCharacter.field(inJSON: data) { throw NULCharacter.problem(field: field) }
        return (try APIJSON.decoder.decode(T.self, from: data), data)
    }
}
