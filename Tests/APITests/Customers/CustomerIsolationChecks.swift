import API
import Settings
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// Every /v1 route of the customer part, called by the second org on the first org's ids: 404, and lists show nothing.
/// Returns the routes it covered ("METHOD /v1/template"), for the test that every route is covered.
func checkCustomerIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices) async throws -> Set<String> {
    var covered = Set<String>()
    let customer = try #require(try await client.call(.post, "/v1/customers", token: a.ownerToken, json: body([
        "name": "アルファの顧客", "company_id": a.smb.lower, "team_id": a.smbTeam.lower, "owner_id": a.csm.lower,
        "tags": ["alpha-only"]])).body["id"] as? String).lowercased()
    let other = try await a.addCustomer(services.store, name: "アルファの重複").lower
    let contact = try #require(try await client.call(.post, "/v1/customers/\(customer)/contacts", token: a.ownerToken,
                                                     json: body(["name": "山田"])).body["id"] as? String).lowercased()
    let field = try #require(try await client.call(.post, "/v1/customer-fields", token: a.ownerToken, json: body([
        "key": "alpha_only", "label_ja": "アルファ", "label_en": "Alpha", "type": "text"])).body["id"] as? String).lowercased()
    let view = try #require(try await client.call(.post, "/v1/me/saved-views", token: a.ownerToken, json: body([
        "page": "customers", "name": "alpha", "query": "grade=D"])).body["id"] as? String).lowercased()

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    try await expect404(.get, "/v1/customers/{id}", "/v1/customers/\(customer)")
    try await expect404(.patch, "/v1/customers/{id}", "/v1/customers/\(customer)", json: body(["name": "x"]))
    try await expect404(.post, "/v1/customers/{id}/phase", "/v1/customers/\(customer)/phase", json: body(["phase": "outcome"]))
    try await expect404(.get, "/v1/customers/{id}/history", "/v1/customers/\(customer)/history")
    try await expect404(.post, "/v1/customers/{id}/archive", "/v1/customers/\(customer)/archive")
    try await expect404(.post, "/v1/customers/{id}/restore", "/v1/customers/\(customer)/restore")
    try await expect404(.post, "/v1/customers/{id}/merge", "/v1/customers/\(customer)/merge", json: body(["duplicate_id": other]))
    try await expect404(.get, "/v1/customers/{id}/contacts", "/v1/customers/\(customer)/contacts")
    try await expect404(.post, "/v1/customers/{id}/contacts", "/v1/customers/\(customer)/contacts", json: body(["name": "x"]))
    try await expect404(.get, "/v1/contacts/{id}", "/v1/contacts/\(contact)")
    try await expect404(.patch, "/v1/contacts/{id}", "/v1/contacts/\(contact)", json: body(["name": "x"]))
    try await expect404(.post, "/v1/contacts/{id}/erase", "/v1/contacts/\(contact)/erase")
    try await expect404(.patch, "/v1/customer-fields/{id}", "/v1/customer-fields/\(field)", json: body(["label_ja": "x"]))
    try await expect404(.delete, "/v1/me/saved-views/{id}", "/v1/me/saved-views/\(view)")

    // Creates naming the first org's company, team or members are refused as if they did not exist.
    covered.insert("POST /v1/customers")
    for (json, field) in [
        (body(["name": "x", "company_id": a.smb.lower]), "company_id"),
        (body(["name": "x", "company_id": b.smb.lower, "team_id": a.smbTeam.lower]), "team_id"),
        (body(["name": "x", "company_id": b.smb.lower, "owner_id": a.csm.lower]), "owner_id"),
    ] {
        let response = try await client.call(.post, "/v1/customers", token: b.ownerToken, json: json)
        #expect(response.status == .unprocessableContent, "POST /v1/customers \(json) → \(response.status)")
        #expect(response.body["field"] as? String == field)
    }
    // B merging A's customer into its own: the duplicate does not exist for B.
    let bCustomer = try await b.addCustomer(services.store, name: "ベータの顧客").lower
    let merge = try await client.call(.post, "/v1/customers/\(bCustomer)/merge", token: b.ownerToken, json: body(["duplicate_id": customer]))
    #expect(merge.body["field"] as? String == "duplicate_id")
    covered.insert("POST /v1/customer-fields")
    covered.insert("POST /v1/me/saved-views")
    try await check(await client.call(.post, "/v1/customer-fields", token: b.ownerToken, json: body([
        "key": "alpha_only", "label_ja": "ベータ", "label_en": "Beta", "type": "text"])).status == .created, "keys are per org")
    try await check(await client.call(.post, "/v1/me/saved-views", token: b.ownerToken, json: body([
        "page": "customers", "name": "alpha", "query": "company_id=\(a.smb.lower)"])).status == .created)

    let aIDs: Set<String> = [customer, other, contact, field, view, a.smb.lower, a.smbTeam.lower, a.csm.lower]
    for (template, uri) in [
        ("/v1/customers", "/v1/customers"), ("/v1/customers", "/v1/customers?company_id=\(a.smb.lower)"),
        ("/v1/customers", "/v1/customers?owner_id=\(a.csm.lower)"), ("/v1/customers", "/v1/customers?archived=true"),
        ("/v1/customers", "/v1/customers?q=" + "アルファ".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!),
        ("/v1/customer-tags", "/v1/customer-tags"), ("/v1/customer-fields", "/v1/customer-fields"),
        ("/v1/me/saved-views", "/v1/me/saved-views"),
    ] {
        covered.insert("GET \(template)")
        let response = try await client.call(.get, uri, token: b.ownerToken)
        #expect(response.status == .ok, "\(uri)")
        #expect(response.body.ids.isDisjoint(with: aIDs), "\(uri) leaked the first org's rows")
        #expect(!response.body.items.contains { $0["tag"] as? String == "alpha-only" }, "\(uri) leaked a tag")
        for item in response.body.items {
            for key in ["company_id", "team_id", "owner_id"] {
                if let value = (item[key] as? String)?.lowercased() { #expect(!aIDs.contains(value), "\(uri) \(key)") }
            }
        }
    }
    return covered
}
