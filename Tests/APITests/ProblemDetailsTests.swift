import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Bad JSON and missing or mistyped fields, through the same middleware and decoding helper the real endpoints
/// use, on a router with one echo route.
@Suite struct ProblemDetailsTests {
    struct Payload: Codable {
        var displayName: String
        var seats: Int
    }

    func withEchoRouter(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: 4096))
        router.post("/echo") { request, context -> Response in
            let payload = try await request.decodeJSON(as: Payload.self, context: context)
            let data = try APIJSON.encoder.encode(payload)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let app = Application(router: router, logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(client) }
    }

    func problem(_ response: TestResponse) throws -> [String: Any] {
        #expect(response.headers[.contentType] == "application/problem+json")
        return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
    }

    @Test func validBodyRoundTripsInSnakeCase() async throws {
        try await withEchoRouter { client in
            try await client.execute(
                uri: "/echo", method: .post, body: ByteBuffer(string: #"{"display_name":"伴走 太郎","seats":3}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"display_name":"伴走 太郎","seats":3}"#)
            }
        }
    }

    @Test func malformedJSONIs400() async throws {
        try await withEchoRouter { client in
            try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
                let problem = try problem(response)
                #expect(problem["code"] as? String == "invalid_json")
            }
        }
    }

    @Test func missingFieldIs422NamingIt() async throws {
        try await withEchoRouter { client in
            try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: #"{"seats":3}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let body = try problem(response)
                #expect(body["code"] as? String == "missing_field")
                #expect(body["field"] as? String == "display_name")
            }
        }
    }

    @Test func wrongTypeIs422NamingTheField() async throws {
        try await withEchoRouter { client in
            try await client.execute(
                uri: "/echo", method: .post, body: ByteBuffer(string: #"{"display_name":"a","seats":"three"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let body = try problem(response)
                #expect(body["code"] as? String == "invalid_field")
                #expect(body["field"] as? String == "seats")
                let errors = try #require(body["errors"] as? [[String: Any]])
                #expect(errors.first?["code"] as? String == "wrong_type")
            }
        }
    }

    @Test func streamedBodyOverTheLimitIs413() async throws {
        try await withEchoRouter { client in
            let big = #"{"display_name":""# + String(repeating: "あ", count: 3000) + #"","seats":1}"#
            try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
                let problem = try problem(response)
                #expect(problem["code"] as? String == "payload_too_large")
            }
        }
    }
}
