import API
import Database
import Foundation
import Settings
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// Every /v1 route of the health part, called by the second org on the first org's ids: 404, and lists show nothing.
/// Returns the routes it covered ("METHOD /v1/template"), for the test that every route is covered.
func checkHealthIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices) async throws -> Set<String> {
    var covered = Set<String>()
    let store = services.store
    let customer = try await a.addCustomer(store, name: "アルファだけの顧客", owner: a.csm)
    try await a.addContract(store, customer: customer, arr: 100, start: "2025-01-01", end: "2025-12-31")
    try await check(await client.call(.post, "/v1/customers/\(customer.lower)/health/score", token: a.ownerToken).status == .ok)
    try await check(await client.call(.post, "/v1/health/models", token: a.ownerToken, json: body(HealthModelTests.model())).status == .created)

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    try await expect404(.get, "/v1/customers/{id}/health", "/v1/customers/\(customer.lower)/health")
    try await expect404(.post, "/v1/customers/{id}/health/score", "/v1/customers/\(customer.lower)/health/score")
    try await expect404(.get, "/v1/customers/{id}/health/history", "/v1/customers/\(customer.lower)/health/history")
    // Org b has only its own default model: a's version 2 is not b's.
    try await expect404(.get, "/v1/health/models/{version}", "/v1/health/models/2")

    covered.insert("GET /v1/health/model")
    let model = try await client.call(.get, "/v1/health/model", token: b.ownerToken)
    #expect(model.body["version"] as? Int == 1)
    covered.insert("GET /v1/health/models")
    try await check(try await client.call(.get, "/v1/health/models", token: b.ownerToken).body.items.map { $0["version"] as? Int } == [1])
    covered.insert("POST /v1/health/models")
    let created = try await client.call(.post, "/v1/health/models", token: b.ownerToken, json: body(HealthModelTests.model()))
    #expect(created.body["version"] as? Int == 2)
    try await check(await client.call(.get, "/v1/health/model", token: a.ownerToken).body["version"] as? Int == 2)
    covered.insert("POST /v1/health/rescore")
    try await check(try await client.call(.post, "/v1/health/rescore", token: b.ownerToken).status == .accepted)
    covered.insert("GET /v1/reports/health")
    let report = try await client.call(.get, "/v1/reports/health", token: b.ownerToken)
    #expect(report.status == .ok && !report.body.items.contains { ($0["total"] as? Int ?? 0) > 0 })
    covered.insert("GET /v1/health/backtest")
    let backtest = try await client.call(.get, "/v1/health/backtest", token: b.ownerToken)
    #expect(backtest.status == .ok && backtest.body["renewals"] as? Int == 0)
    return covered
}
