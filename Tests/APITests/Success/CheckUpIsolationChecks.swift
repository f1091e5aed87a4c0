import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Another org's ids answer 404 on every route of this part; the routes it covered join TenantIsolationTests' set.
/// The second org's owner aims at the first org's questionnaire, team plan, send, campaign and contact: 404 on
/// each; its lists and report hold none of them; bodies naming them are refused as unknown; its settings and a
/// bounce of the first org's address touch only its own org.
func checkCheckUpIsolation(
    _ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices
) async throws -> Set<String> {
    var covered = Set<String>()
    let store = services.store
    let template = try await CheckUpFixture.template(client, a)
    let customer = try await CheckUpFixture.customer(client, a, store, name: "アルファの顧客", email: "alpha-contact@a.example")
    let send = try #require(try await client.call(.post, "/v1/check-ups/send-now", token: a.csmToken,
                                                   json: #"{"customer_id":"\#(customer.customer.lower)"}"#).body["id"] as? String)
    let campaign = try #require(try await client.call(.post, "/v1/nps-campaigns", token: a.ownerToken, json: #"{"name":"アルファ NPS"}"#).body["id"] as? String)
    _ = try await client.call(.put, "/v1/check-up-settings", token: a.ownerToken,
                              json: #"{"response_rate_threshold_percent":45,"reminder_after_days":3,"link_valid_days":10}"#)

    func expect(_ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws
        -> [String: Any]
    {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == status, "\(method) \(uri) answered \(response.status) \(response.body)")
        return response.body
    }
    _ = try await expect(.notFound, .get, "/v1/check-up-templates/{id}", "/v1/check-up-templates/\(template.id)")
    _ = try await expect(.notFound, .patch, "/v1/check-up-templates/{id}", "/v1/check-up-templates/\(template.id)", json: #"{"name":"x"}"#)
    _ = try await expect(.notFound, .delete, "/v1/check-up-templates/{id}", "/v1/check-up-templates/\(template.id)")
    _ = try await expect(.notFound, .get, "/v1/teams/{id}/check-up-plan", "/v1/teams/\(a.smbTeam.lower)/check-up-plan")
    _ = try await expect(.notFound, .put, "/v1/teams/{id}/check-up-plan", "/v1/teams/\(a.smbTeam.lower)/check-up-plan", json: #"{"enabled":false}"#)
    _ = try await expect(.notFound, .get, "/v1/check-ups/{id}", "/v1/check-ups/\(send)")
    _ = try await expect(.notFound, .post, "/v1/check-ups/send-now", "/v1/check-ups/send-now", json: #"{"customer_id":"\#(customer.customer.lower)"}"#)
    _ = try await expect(.notFound, .get, "/v1/check-ups", "/v1/check-ups?customer_id=\(customer.customer.lower)")
    _ = try await expect(.notFound, .get, "/v1/nps-campaigns/{id}", "/v1/nps-campaigns/\(campaign)")
    _ = try await expect(.notFound, .post, "/v1/nps-campaigns/{id}/send", "/v1/nps-campaigns/\(campaign)/send")
    _ = try await expect(.notFound, .get, "/v1/contacts/{id}/mail-state", "/v1/contacts/\(customer.contact)/mail-state")

    // Lists and the report: nothing of the first org.
    #expect(try await expect(.ok, .get, "/v1/check-up-templates", "/v1/check-up-templates").ids.isEmpty)
    #expect(try await client.call(.get, "/v1/check-ups", token: b.ownerToken).body.items.isEmpty)
    #expect(try await expect(.ok, .get, "/v1/nps-campaigns", "/v1/nps-campaigns").ids.isEmpty)
    let report = try await expect(.ok, .get, "/v1/reports/check-up-response-rates", "/v1/reports/check-up-response-rates?from=2026-01&to=2026-12")
    #expect((report["groups"] as? [[String: Any]])?.isEmpty == true)
    // Settings are each org's own.
    let settings = try await expect(.ok, .get, "/v1/check-up-settings", "/v1/check-up-settings")
    #expect(settings["response_rate_threshold_percent"] as? Int == 30)
    _ = try await expect(.ok, .put, "/v1/check-up-settings", "/v1/check-up-settings",
                         json: #"{"response_rate_threshold_percent":35,"reminder_after_days":7,"link_valid_days":21}"#)
    #expect(try await client.call(.get, "/v1/check-up-settings", token: a.ownerToken).body["response_rate_threshold_percent"] as? Int == 45)
    // Bodies naming the first org's questionnaire or team are refused as unknown; its address bounces nothing of it.
    let plan = try await expect(.unprocessableContent, .post, "/v1/nps-campaigns", "/v1/nps-campaigns",
                                json: #"{"name":"x","team_id":"\#(a.smbTeam.lower)"}"#)
    #expect(plan["field"] as? String == "team_id")
    let named = try await expect(.unprocessableContent, .put, "/v1/teams/{id}/check-up-plan", "/v1/teams/\(b.smbTeam.lower)/check-up-plan",
                                 json: #"{"enabled":true,"template_id":"\#(template.id)"}"#)
    #expect(named["field"] as? String == "template_id")
    let created = try await expect(.unprocessableContent, .post, "/v1/check-up-templates", "/v1/check-up-templates", json: #"{"name":"x","questions":[]}"#)
    #expect(created["field"] as? String == "questions")
    let bounce = try await expect(.ok, .post, "/v1/mail/bounces", "/v1/mail/bounces", json: #"{"email":"alpha-contact@a.example","kind":"hard"}"#)
    #expect((bounce["contacts_marked"] as? [String])?.isEmpty == true)
    #expect(try await client.call(.get, "/v1/contacts/\(customer.contact)/mail-state", token: a.ownerToken).body["mailable"] as? Bool == true)
    return covered
}
