import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Settings
import Store
import Testing

/// Every /v1 route of the revenue part, called by the second org on the first org's ids: 404, and lists show nothing.
/// Returns the routes it covered ("METHOD /v1/template"), for the test that every route is covered.
func checkRevenueIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices) async throws -> Set<String> {
    var covered = Set<String>()
    let customer = try await a.addCustomer(services.store, name: "Aの顧客", owner: a.csm)
    let contract = try await RevenueFixture.contract(client, a.ownerToken, customer: customer, start: "2026-01-01", end: "2026-12-15")
    _ = try await client.call(.put, "/v1/customers/\(customer)/revenue/2026-01", token: a.ownerToken, json: body([
        "amount_minor": 1000, "currency": "JPY"]))
    let nps = try #require(try await client.call(.post, "/v1/customers/\(customer)/nps-responses", token: a.ownerToken, json: body([
        "score": 9, "responded_on": "2026-10-01"])).body["id"] as? String)
    let goal = try #require(try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
        "kind": "kpi", "title": "NPS", "period": "FY2026", "metric": "NPS", "unit": "pt", "target": 30, "bound_metric": "nps"])).body["id"] as? String)

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    try await expect404(.get, "/v1/customers/{id}/contracts", "/v1/customers/\(customer)/contracts")
    try await expect404(.post, "/v1/customers/{id}/contracts", "/v1/customers/\(customer)/contracts", json: body([
        "arr": ["amount_minor": 1, "currency": "JPY"], "start_date": "2026-01-01", "end_date": "2026-12-31"]))
    try await expect404(.get, "/v1/contracts/{id}", "/v1/contracts/\(contract)")
    try await expect404(.patch, "/v1/contracts/{id}", "/v1/contracts/\(contract)", json: body(["name": "x"]))
    try await expect404(.post, "/v1/contracts/{id}/renewal", "/v1/contracts/\(contract)/renewal", json: body(["outcome": "churned"]))
    try await expect404(.get, "/v1/customers/{id}/revenue", "/v1/customers/\(customer)/revenue")
    try await expect404(.put, "/v1/customers/{id}/revenue/{month}", "/v1/customers/\(customer)/revenue/2026-02", json: body([
        "amount_minor": 1, "currency": "JPY"]))
    try await expect404(.delete, "/v1/customers/{id}/revenue/{month}", "/v1/customers/\(customer)/revenue/2026-01")
    try await expect404(.get, "/v1/customers/{id}/nps-responses", "/v1/customers/\(customer)/nps-responses")
    try await expect404(.post, "/v1/customers/{id}/nps-responses", "/v1/customers/\(customer)/nps-responses", json: body(["score": 1]))
    try await expect404(.delete, "/v1/nps-responses/{id}", "/v1/nps-responses/\(nps)")
    try await expect404(.post, "/v1/goals/{id}/bound-value", "/v1/goals/\(goal)/bound-value")

    // Reports and lists: nothing of the first org.
    covered.insert("GET /v1/reports/retention")
    let retention = try await client.call(.get, "/v1/reports/retention?start=2026-01&end=2026-10&breakdown=true", token: b.ownerToken)
    #expect((retention.body["figures"] as? [[String: Any]])?.isEmpty == true)
    covered.insert("GET /v1/reports/retention/trend")
    let trend = try await client.call(.get, "/v1/reports/retention/trend?months=2", token: b.ownerToken)
    #expect((trend.body["points"] as? [[String: Any]])?.allSatisfy { (($0["groups"] as? [[String: Any]])?.first?["figures"] as? [Any])?.isEmpty == true } == true)
    covered.insert("GET /v1/reports/nps")
    let npsReport = try await client.call(.get, "/v1/reports/nps?from=2026-01-01&to=2026-11-30", token: b.ownerToken)
    #expect((npsReport.body["groups"] as? [[String: Any]])?.first?["responses"] as? Int == 0)
    covered.insert("GET /v1/renewals")
    let renewals = try await client.call(.get, "/v1/renewals?within_days=365", token: b.ownerToken)
    #expect(renewals.body.items.isEmpty)
    // The first org does see its own, so the checks above are not vacuous.
    #expect(try await client.call(.get, "/v1/renewals?within_days=365", token: a.ownerToken).body.items.count == 1)
    return covered
}
