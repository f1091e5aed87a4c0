import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Another org's ids answer 404 on every route of this part; the routes it covered join TenantIsolationTests' set.
/// The second org's owner, aiming at the first org's template, enrolment, session, goal sheet, customer and CSM, gets
/// 404 everywhere; its lists and report hold none of the first org's rows; a body naming the first org's customer,
/// template or contacts is refused as naming something unknown.
func checkProgramIsolation(
    _ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices
) async throws -> Set<String> {
    var covered = Set<String>()
    let p = try await ProgramFixture.make(client, a, services.store)
    #expect(try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken, json: p.sheetJSON()).status == .ok)
    let session = try #require(try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken,
                                                     json: #"{"kind":"other","planned_on":"2026-12-01"}"#).body["id"] as? String)

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    let e = p.enrolment
    try await expect404(.get, "/v1/program-templates/{id}", "/v1/program-templates/\(p.template)")
    try await expect404(.patch, "/v1/program-templates/{id}", "/v1/program-templates/\(p.template)", json: #"{"name":"x"}"#)
    try await expect404(.delete, "/v1/program-templates/{id}", "/v1/program-templates/\(p.template)")
    try await expect404(.get, "/v1/enrolments/{id}", "/v1/enrolments/\(e)")
    try await expect404(.patch, "/v1/enrolments/{id}", "/v1/enrolments/\(e)", json: #"{"state":"cancelled"}"#)
    try await expect404(.get, "/v1/customers/{id}/enrolments", "/v1/customers/\(p.customer.lower)/enrolments")
    try await expect404(.put, "/v1/enrolments/{id}/presentation", "/v1/enrolments/\(e)/presentation", json: #"{"scheduled_on":"2026-12-10"}"#)
    try await expect404(.put, "/v1/enrolments/{id}/result", "/v1/enrolments/\(e)/result",
                        json: #"{"goal_reached":true,"evidence":"x","decided_on":"2026-11-20"}"#)
    try await expect404(.get, "/v1/enrolments/{id}/goal-sheet", "/v1/enrolments/\(e)/goal-sheet")
    try await expect404(.put, "/v1/enrolments/{id}/goal-sheet", "/v1/enrolments/\(e)/goal-sheet", json: p.sheetJSON(goal: "乗っ取り"))
    try await expect404(.post, "/v1/enrolments/{id}/goal-sheet/agree", "/v1/enrolments/\(e)/goal-sheet/agree", json: "{}")
    try await expect404(.post, "/v1/enrolments/{id}/goal-sheet/links", "/v1/enrolments/\(e)/goal-sheet/links", json: #"{"party":"client_owner"}"#)
    try await expect404(.put, "/v1/enrolments/{id}/goal-sheet/progress", "/v1/enrolments/\(e)/goal-sheet/progress", json: #"{"kpi_actual":1}"#)
    try await expect404(.get, "/v1/enrolments/{id}/sessions", "/v1/enrolments/\(e)/sessions")
    try await expect404(.post, "/v1/enrolments/{id}/sessions", "/v1/enrolments/\(e)/sessions", json: #"{"kind":"other","planned_on":"2026-12-01"}"#)
    try await expect404(.patch, "/v1/program-sessions/{id}", "/v1/program-sessions/\(session)", json: #"{"notes":"x"}"#)
    try await expect404(.delete, "/v1/program-sessions/{id}", "/v1/program-sessions/\(session)")
    try await expect404(.get, "/v1/members/{id}/capacity", "/v1/members/\(a.csm.lower)/capacity")
    try await expect404(.put, "/v1/members/{id}/capacity", "/v1/members/\(a.csm.lower)/capacity", json: #"{"monthly_minutes":60}"#)

    // Lists and the report: nothing of the first org.
    covered.formUnion(["GET /v1/program-templates", "GET /v1/enrolments", "GET /v1/reports/programs", "POST /v1/program-templates", "POST /v1/enrolments"])
    let templates = try await client.call(.get, "/v1/program-templates", token: b.ownerToken)
    #expect(templates.status == .ok && !templates.body.ids.contains(p.template))
    let enrolments = try await client.call(.get, "/v1/enrolments?customer_id=\(p.customer.lower)", token: b.ownerToken)
    #expect(enrolments.status == .ok && enrolments.body.items.isEmpty)
    let report = try await client.call(.get, "/v1/reports/programs?month=2026-11", token: b.ownerToken)
    #expect(report.status == .ok && (report.body["hours_per_csm"] as? [Any])?.isEmpty == true)
    // Bodies naming the first org's customer or template are refused as unknown.
    let own = try #require(try await client.call(.post, "/v1/program-templates", token: b.ownerToken, json: #"{"name":"B"}"#).body["id"] as? String)
    let customer = try await client.call(.post, "/v1/enrolments", token: b.ownerToken, json: body(["customer_id": p.customer.lower, "template_id": own]))
    #expect(customer.status == .unprocessableContent && customer.body["field"] as? String == "customer_id", "\(customer.body)")
    let bCustomer = try await b.addCustomer(services.store, name: "ベータ顧客")
    let template = try await client.call(.post, "/v1/enrolments", token: b.ownerToken, json: body(["customer_id": bCustomer.lower, "template_id": p.template]))
    #expect(template.status == .unprocessableContent && template.body["field"] as? String == "template_id", "\(template.body)")
    let contacts = try await client.call(.post, "/v1/enrolments", token: b.ownerToken, json: body([
        "customer_id": bCustomer.lower, "template_id": own, "participant_ids": [p.owner]]))
    #expect(contacts.status == .unprocessableContent && contacts.body["field"] as? String == "participant_ids", "\(contacts.body)")
    return covered
}
