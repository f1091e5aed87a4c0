import API
import Settings
import Database
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite struct OpenAPITests {
    /// Every route the router serves is in the document, and the document lists no route the router lacks.
    @Test func documentMatchesTheRouter() async throws {
        let configuration = AppConfiguration(databaseURL: "postgres://unused@127.0.0.1:1/none")
        let services = AppServices(
            database: Database(configuration: DatabaseConfiguration(url: configuration.databaseURL!)),
            migrations: [], configuration: configuration, clock: TestClock.clock)
        let router = buildRouter(services)
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = Set(APIRoutes.operations.map { "\($0.method) \($0.path)" })
        #expect(served == documented, "undocumented: \(served.subtracting(documented)); stale: \(documented.subtracting(served))")
        #expect(Set(APIRoutes.operations.map(\.operationID)).count == APIRoutes.operations.count, "operation ids must be unique")
    }

    @Test func servedDocumentIsOpenAPI31WithProblemsAndAuth() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let document = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                #expect(document["openapi"] as? String == "3.1.0")
                let paths = try #require(document["paths"] as? [String: Any])
                for operation in APIRoutes.operations {
                    let item = try #require(paths[operation.path] as? [String: Any], "\(operation.path) missing")
                    let entry = try #require(item[operation.method.lowercased()] as? [String: Any])
                    let responses = try #require(entry["responses"] as? [String: Any])
                    #expect(responses["500"] != nil, "\(operation.path) documents no error response")
                }
                let components = try #require(document["components"] as? [String: Any])
                let schemes = try #require(components["securitySchemes"] as? [String: Any])
                #expect(schemes["bearerAuth"] != nil)
                let schemas = try #require(components["schemas"] as? [String: Any])
                #expect(schemas["Problem"] != nil)
            }
        }
    }
}
