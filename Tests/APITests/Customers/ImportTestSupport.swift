import API
import Database
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Hummingbird
import HummingbirdTesting
import Scheduler
import Settings
import Store
import UseCases

/// Uploads and job runs for the import and export tests.
extension TestClientProtocol {
    /// POSTs `bytes` as a CSV upload; returns the status, headers and JSON.
    func upload(_ query: String, token: String, bytes: [UInt8], headers extra: HTTPFields = [:]) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: [String: Any])
    {
        var headers = extra
        headers[.authorization] = "Bearer \(token)"
        headers[.contentType] = "text/csv"
        return try await execute(uri: "/v1/imports?\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: bytes)) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
            return (response.status, response.headers, object)
        }
    }

    /// GETs raw bytes (an export).
    func download(_ uri: String, token: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, bytes: [UInt8]) {
        try await execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            (response.status, response.headers, Array(response.body.readableBytesView))
        }
    }
}

enum ImportJobs {
    /// Runs the queued import jobs as a worker would.
    static func run(_ services: AppServices) async throws {
        let worker = JobWorker(
            store: services.store, database: services.database,
            queues: [QueueConfiguration(name: "default", concurrency: 1)], handlers: ImportProcessing.handlers)
        _ = try await worker.runOnce()
    }

    static func utf8(_ text: String, bom: Bool = false) -> [UInt8] { (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8) }

    static func cp932(_ text: String) throws -> [UInt8] {
        try CharacterConverter(from: "UTF-8", to: "CP932").convert(Array(text.utf8), final: true)
    }
}
