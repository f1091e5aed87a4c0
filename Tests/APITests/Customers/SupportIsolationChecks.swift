import API
import Settings
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every /v1 route of the support part, called by the second org on the first org's ids: 404, and lists show nothing.
/// Returns the routes it covered ("METHOD /v1/template"), for the test that every route is covered.
func checkSupportIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices) async throws -> Set<String> {
    var covered = Set<String>()
    let customer = try await a.addCustomer(services.store, name: "アルファ顧客", owner: a.csm)
    let ticket = try #require(try await client.call(.post, "/v1/customers/\(customer.lower)/tickets", token: a.ownerToken, json: body([
        "title": "解約を検討中とのこと", "priority": "urgent"])).body["id"] as? String)
    let problem = try #require(try await client.call(.post, "/v1/problems", token: a.ownerToken, json: body([
        "title": "アルファの問題", "company_id": a.smb.lower])).body["id"] as? String)
    try await check(await client.call(.post, "/v1/problems/\(problem)/tickets", token: a.ownerToken, json: body(["ticket_id": ticket])).status == .ok)
    try await check(await client.call(.post, "/v1/problems/\(problem)/customers/\(customer.lower)", token: a.ownerToken).status == .ok)
    let entry = try #require(try await client.call(.post, "/v1/customers/\(customer.lower)/timeline", token: a.ownerToken, json: body([
        "kind": "meeting", "title": "解約の相談"])).body["id"] as? String)

    // The second org's own problem, to aim its links at the first org's rows.
    let own = try #require(try await client.call(.post, "/v1/problems", token: b.ownerToken, json: body(["title": "ベータの問題"])).body["id"] as? String)

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    try await expect404(.get, "/v1/customers/{id}/tickets", "/v1/customers/\(customer.lower)/tickets")
    try await expect404(.post, "/v1/customers/{id}/tickets", "/v1/customers/\(customer.lower)/tickets", json: body(["title": "x"]))
    try await expect404(.get, "/v1/tickets/{id}", "/v1/tickets/\(ticket)")
    try await expect404(.patch, "/v1/tickets/{id}", "/v1/tickets/\(ticket)", json: body(["title": "x"]))
    try await expect404(.post, "/v1/tickets/{id}/expansion-signal", "/v1/tickets/\(ticket)/expansion-signal",
                        json: body(["note": "x", "hand_to": "csm"]))
    try await expect404(.get, "/v1/problems/{id}", "/v1/problems/\(problem)")
    try await expect404(.patch, "/v1/problems/{id}", "/v1/problems/\(problem)", json: body(["title": "x"]))
    try await expect404(.post, "/v1/problems/{id}/tickets", "/v1/problems/\(problem)/tickets", json: body(["ticket_id": ticket]))
    try await expect404(.delete, "/v1/problems/{id}/tickets/{ticket_id}", "/v1/problems/\(problem)/tickets/\(ticket)")
    try await expect404(.post, "/v1/problems/{id}/customers/{customer_id}", "/v1/problems/\(problem)/customers/\(customer.lower)")
    try await expect404(.delete, "/v1/problems/{id}/customers/{customer_id}", "/v1/problems/\(problem)/customers/\(customer.lower)")
    try await expect404(.get, "/v1/customers/{id}/timeline", "/v1/customers/\(customer.lower)/timeline")
    try await expect404(.post, "/v1/customers/{id}/timeline", "/v1/customers/\(customer.lower)/timeline", json: body(["kind": "note", "title": "x"]))
    try await expect404(.patch, "/v1/timeline/{id}", "/v1/timeline/\(entry)", json: body(["title": "x"]))
    try await expect404(.delete, "/v1/timeline/{id}", "/v1/timeline/\(entry)")
    // Its own problem cannot reach the first org's ticket or customer either.
    let linked = try await client.call(.post, "/v1/problems/\(own)/tickets", token: b.ownerToken, json: body(["ticket_id": ticket]))
    #expect(linked.status == .unprocessableContent && linked.body["field"] as? String == "ticket_id", "\(linked.body)")
    try await check(await client.call(.post, "/v1/problems/\(own)/customers/\(customer.lower)", token: b.ownerToken).status == .notFound)
    try await check(await client.call(.delete, "/v1/problems/\(own)/tickets/\(ticket)", token: b.ownerToken).status == .notFound)

    // Lists, search and the report hold none of the first org's rows.
    let aIDs: Set<String> = [ticket.lowercased(), problem.lowercased(), entry.lowercased()]
    for (template, uri) in [
        ("/v1/tickets", "/v1/tickets"), ("/v1/tickets", "/v1/tickets?problem_id=\(problem)"), ("/v1/problems", "/v1/problems"),
        ("/v1/problems", "/v1/problems?company_id=\(a.smb.lower)"), ("/v1/timeline/search", "/v1/timeline/search?q=解約".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!),
    ] {
        covered.insert("GET \(template)")
        let response = try await client.call(.get, uri, token: b.ownerToken)
        #expect(response.status == .ok, "\(uri): \(response.status)")
        #expect(response.body.ids.isDisjoint(with: aIDs), "\(uri) shows the first org's rows")
    }
    try await check(await client.call(.get, "/v1/tickets?customer_id=\(customer.lower)", token: b.ownerToken).status == .notFound)
    covered.insert("GET /v1/reports/tickets")
    let report = try await client.call(.get, "/v1/reports/tickets", token: b.ownerToken)
    #expect((report.body["total"] as? [String: Any])?["opened"] as? Int == 0, "\(report.body)")
    covered.insert("POST /v1/problems")
    let foreignCompany = try await client.call(.post, "/v1/problems", token: b.ownerToken, json: body(["title": "x", "company_id": a.smb.lower]))
    #expect(foreignCompany.status == .unprocessableContent && foreignCompany.body["field"] as? String == "company_id")
    return covered
}
