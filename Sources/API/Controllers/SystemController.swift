import Logging
import Store
import Domain
import Hummingbird
import Database
import Foundation
import Prometheus
import HTTPTypes

/// The operator's routes on the public port: liveness, readiness and the API description. None needs
/// authentication. (`/metrics` has a listener of its own: ``MetricsListener``.)
public struct SystemController: Sendable {
    let services: AppServices
    /// What `/openapi.json` describes: every mounted route.
    let operations: [OpenAPIOperation]

    public static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(
            "GET", "/healthz", id: "healthz", summary: "The process is alive", tag: "system", requiresAuth: false,
            responses: [200: ("Alive", ["type": "object", "properties": ["status": ["type": "string"]]])]),
        OpenAPIOperation(
            "GET", "/readyz", id: "readyz",
            summary: "The database is reachable and its migrations are current (503 otherwise)", tag: "system",
            requiresAuth: false,
            responses: [
                200: (
                    "Ready",
                    [
                        "type": "object",
                        "properties": [
                            "status": ["type": "string"], "database": ["type": "string"], "migrations": ["type": "string"],
                        ],
                    ]
                )
            ]),
        OpenAPIOperation(
            "GET", "/openapi.json", id: "openapi", summary: "This document", tag: "system", requiresAuth: false,
            responses: [200: ("OpenAPI 3.1 document", ["type": "object"])]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            Response.json(["status": "ok"])
        }
        router.get("/readyz") { _, _ in try await readiness() }
        let document = try! APIJSON.encoder.encode(OpenAPIDocument.build(operations: operations))
        router.get("/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
    }

    private func readiness() async throws -> Response {
        do {
            try await services.database.ping()
        } catch {
            throw Problem(status: .serviceUnavailable, code: "not_ready", detail: "the database is unreachable")
        }
        let status = try await Migrator(database: services.database, migrations: services.migrations).status()
        guard status.isCurrent else {
            var reasons: [String] = []
            if !status.pending.isEmpty { reasons.append("pending migrations: \(status.pending.joined(separator: ", "))") }
            if !status.changed.isEmpty { reasons.append("changed migrations: \(status.changed.joined(separator: ", "))") }
            throw Problem(
                status: .serviceUnavailable, code: "not_ready", detail: reasons.joined(separator: "; ") + " (run banso migrate)")
        }
        return Response.json(["status": "ready", "database": "ok", "migrations": "current"])
    }
}

extension Response {
    /// A small JSON object answer.
    static func json(_ object: [String: String], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? APIJSON.encoder.encode(object)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
