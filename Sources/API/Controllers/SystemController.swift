import Logging
import Store
import Domain
import Hummingbird
import Database
import Foundation
import Prometheus
import HTTPTypes
import Synchronization

/// The operator's routes on the public port: liveness, readiness and the API description. None needs
/// authentication. (`/metrics` has a listener of its own: ``MetricsListener``.)
struct SystemController: RouteCollection {
    let services: AppServices
    /// `/openapi.json`'s bytes, written once every collection is known (this one among them).
    let document: OpenAPIDocumentBytes

    var routes: [Route<AppRequestContext>] {
        let tag = "system"
        return [
            Route(.get, "/healthz", id: "healthz", summary: "The process is alive", tag: tag,
                  responses: [200: ("Alive", Schema.object(["status": Schema.string]))], handler: healthz),
            Route(.get, "/readyz", id: "readyz", summary: "The database is reachable and its migrations are current (503 otherwise)",
                  tag: tag,
                  responses: [200: ("Ready", Schema.object(["status": Schema.string, "database": Schema.string, "migrations": Schema.string]))],
                  handler: readyz),
            Route(.get, "/openapi.json", id: "openapi", summary: "This document", tag: tag,
                  responses: [200: ("OpenAPI 3.1 document", ["type": "object"])], handler: openapi),
        ]
    }

    @Sendable func healthz(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        Response.json(["status": "ok"])
    }

    @Sendable func readyz(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await readiness()
    }

    @Sendable func openapi(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document.bytes)))
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

/// The served document, set after the routes it describes are all declared.
final class OpenAPIDocumentBytes: Sendable {
    private let stored = Mutex<[UInt8]>([])
    var bytes: [UInt8] { stored.withLock { $0 } }
    func set(_ bytes: [UInt8]) { stored.withLock { $0 = bytes } }
}
