import Logging
import Domain
import Crypto
import Database
import Foundation
import Hummingbird
import HTTPTypes
import Store
import UseCases

/// `Idempotency-Key` on creates: the first request's answer is stored with the key, in the same transaction as the
/// create; a retry with the same key and body gets that answer again (and creates nothing), one with the same key
/// and another body gets 422. A transaction-scoped advisory lock on the key makes concurrent retries wait for the
/// first to finish instead of racing it.
enum Idempotency {
    /// A create's answer before it becomes a response, so it can be stored.
    struct Created {
        var body: Data
        /// What a replay answers; without the one-time secret when the answer carries one, so no secret is ever
        /// stored in clear (a replay says the secret was already shown).
        var replayBody: Data
        var version: Int?
        var status: HTTPResponse.Status = .created

        init(_ value: some Encodable, version: Int? = nil, status: HTTPResponse.Status = .created) throws {
            body = Data(try JSONResponse.encoder.encode(value))
            replayBody = body
            self.version = version
            self.status = status
        }

        init(_ value: some Encodable, replay: some Encodable, version: Int? = nil) throws {
            try self.init(value, version: version)
            replayBody = Data(try JSONResponse.encoder.encode(replay))
        }

        var response: Response {
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            if let version { headers[.eTag] = ETag.make(version) }
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    static func run(
        _ request: Request, body: Data, identity: Identity, tx: TenantTransaction, create: () async throws -> Created
    ) async throws -> Response {
        guard let key = request.headers[.idempotencyKey] else { return try await create().response }
        guard (1...200).contains(key.count) else {
            throw Problem.invalidField("Idempotency-Key", "an Idempotency-Key has 1 to 200 characters")
        }
        let fingerprint = Array(SHA256.hash(data: Data((request.method.rawValue + " " + request.uri.path + "\n").utf8) + body))
        try await IdempotencyRepository.lock(tx, member: identity.memberID, key: key)
        if let stored = try await IdempotencyRepository.find(tx, member: identity.memberID, key: key) {
            guard stored.requestHash == fingerprint else {
                throw Problem(
                    status: .unprocessableContent, code: "idempotency_key_reused",
                    detail: "this Idempotency-Key was used for a different request",
                    fields: [.init(field: "Idempotency-Key", code: "reused", message: "used for a different request")])
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.idempotentReplayed] = "true"
            return Response(
                status: HTTPResponse.Status(code: stored.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
        }
        let created = try await create()
        try await IdempotencyRepository.store(
            tx, member: identity.memberID, key: key, requestHash: fingerprint,
            status: created.status.code, body: Array(created.replayBody))
        return created.response
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
