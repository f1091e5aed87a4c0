import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Another org's ids answer 404 on every route of this part; the routes it covered join TenantIsolationTests' set.
func checkProcessIsolation(
    _ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices
) async throws -> Set<String> {
    var covered = Set<String>()
    let position = try await ProcessFixture.position(client, a, "アルファの CSM")
    let p = try await ProcessFixture.published(client, a, name: "アルファの標準", steps: ProcessFixture.twoSteps(position), standard: true)
    _ = try await client.call(.put, "/v1/companies/\(a.smb.lower)/process", token: a.ownerToken, json: #"{"version_id":"\#(p.version)","adopted_on":"2026-04-01"}"#)
    let customer = try await a.addCustomer(services.store, name: "アルファの顧客")
    let placed = try await client.call(.put, "/v1/customers/\(customer.lower)/process", token: a.ownerToken, json: #"{"placed_on":"2026-10-01"}"#)
    #expect(placed.status == .ok, "\(placed.body)")

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    let process = "/v1/processes/\(p.process)"
    try await expect404(.get, "/v1/processes/{id}", process)
    try await expect404(.patch, "/v1/processes/{id}", process, json: #"{"name":"x"}"#)
    try await expect404(.delete, "/v1/processes/{id}", process)
    try await expect404(.get, "/v1/processes/{id}/versions", "\(process)/versions")
    try await expect404(.post, "/v1/processes/{id}/versions", "\(process)/versions")
    try await expect404(.get, "/v1/processes/{id}/versions/{number}", "\(process)/versions/1")
    try await expect404(.put, "/v1/processes/{id}/versions/{number}", "\(process)/versions/1",
                        json: #"{"steps":\#(ProcessFixture.stepsJSON(ProcessFixture.twoSteps(position)))}"#)
    try await expect404(.post, "/v1/processes/{id}/versions/{number}/publish", "\(process)/versions/1/publish")
    try await expect404(.get, "/v1/companies/{id}/process", "/v1/companies/\(a.smb.lower)/process")
    try await expect404(.put, "/v1/companies/{id}/process", "/v1/companies/\(a.smb.lower)/process", json: #"{"version_id":"\#(p.version)"}"#)
    try await expect404(.get, "/v1/customers/{id}/process", "/v1/customers/\(customer.lower)/process")
    try await expect404(.put, "/v1/customers/{id}/process", "/v1/customers/\(customer.lower)/process", json: #"{"version_id":"\#(p.version)"}"#)
    try await expect404(.post, "/v1/customers/{id}/process/steps/{step_id}/complete", "/v1/customers/\(customer.lower)/process/steps/\(p.steps[0])/complete")
    try await expect404(.get, "/v1/reports/process-lead-times", "/v1/reports/process-lead-times?process_id=\(p.process)")
    try await expect404(.get, "/v1/reports/process-stalls", "/v1/reports/process-stalls?process_id=\(p.process)")

    // Lists and reports: nothing of the first org.
    covered.formUnion(["GET /v1/processes", "GET /v1/reports/process-adoption", "GET /v1/reports/health-by-process", "POST /v1/processes"])
    let aIDs: Set<String> = [p.process, p.version, a.smb.lower, a.enterprise.lower, customer.lower]
    let list = try await client.call(.get, "/v1/processes", token: b.ownerToken)
    #expect(list.status == .ok && list.body.ids.isDisjoint(with: aIDs))
    let adoption = try await client.call(.get, "/v1/reports/process-adoption", token: b.ownerToken)
    #expect(adoption.status == .ok && adoption.body["standard_process_id"] == nil)
    #expect(Set(adoption.body.items.compactMap { $0["company_id"] as? String }).isDisjoint(with: aIDs))
    let health = try await client.call(.get, "/v1/reports/health-by-process", token: b.ownerToken)
    #expect(health.status == .ok && Set(health.body.items.compactMap { $0["process_id"] as? String }).isDisjoint(with: aIDs))

    // Bodies naming the first org's position or version are refused as if they did not exist.
    let named = try await client.call(
        .post, "/v1/processes", token: b.ownerToken,
        json: #"{"name":"ベータ","steps":\#(ProcessFixture.stepsJSON(ProcessFixture.twoSteps(position)))}"#)
    #expect(named.status == .unprocessableContent && named.body["field"] as? String == "steps[0].raci.responsible", "\(named.body)")
    let adopt = try await client.call(.put, "/v1/companies/\(b.smb.lower)/process", token: b.ownerToken, json: #"{"version_id":"\#(p.version)"}"#)
    #expect(adopt.status == .unprocessableContent && adopt.body["field"] as? String == "version_id", "\(adopt.body)")
    let bCustomer = try await b.addCustomer(services.store, name: "ベータの顧客")
    let place = try await client.call(.put, "/v1/customers/\(bCustomer.lower)/process", token: b.ownerToken, json: #"{"version_id":"\#(p.version)"}"#)
    #expect(place.status == .unprocessableContent && place.body["field"] as? String == "version_id", "\(place.body)")
    return covered
}
