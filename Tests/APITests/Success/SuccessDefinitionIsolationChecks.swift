import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Another org's ids answer 404 on every route of this part; the routes it covered join TenantIsolationTests' set.
/// The second org's owner, aiming at the first org's definition and customer, gets 404 everywhere; its lists and
/// report hold none of the first org's rows; a body naming the first org's company or team is refused as unknown.
func checkSuccessDefinitionIsolation(
    _ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices
) async throws -> Set<String> {
    var covered = Set<String>()
    let light = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.lightJSON)
    let definition = try #require(light["id"] as? String)
    let measure = try #require(SuccessDefinitionFixture.measureIDs(light).first)
    let customer = try await a.addCustomer(services.store, name: "アルファの顧客", owner: a.csm)
    try await SuccessDefinitionFixture.addContract(services.store, a, customer: customer, start: "2026-04-01")
    let met = try await client.call(.put, "/v1/customers/\(customer.lower)/success/\(definition)/measures/\(measure)", token: a.ownerToken,
                                    json: #"{"state":"met","evidence":"アルファの根拠"}"#)
    #expect(met.status == .ok, "\(met.body)")
    // Beta's own customer and definition, to aim Alpha's ids at from inside Beta.
    let betaCustomer = try await b.addCustomer(services.store, name: "ベータの顧客")

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    try await expect404(.get, "/v1/success-definitions/{id}", "/v1/success-definitions/\(definition)")
    try await expect404(.patch, "/v1/success-definitions/{id}", "/v1/success-definitions/\(definition)", json: #"{"method":"x"}"#)
    try await expect404(.delete, "/v1/success-definitions/{id}", "/v1/success-definitions/\(definition)")
    try await expect404(.get, "/v1/customers/{id}/success", "/v1/customers/\(customer.lower)/success")
    let judge = #"{"state":"not_met","evidence":"x"}"#
    try await expect404(.put, "/v1/customers/{id}/success/{definition_id}/measures/{measure_id}",
                        "/v1/customers/\(customer.lower)/success/\(definition)/measures/\(measure)", json: judge)
    // Alpha's definition named on Beta's own customer is unknown too.
    let foreign = try await client.call(.put, "/v1/customers/\(betaCustomer.lower)/success/\(definition)/measures/\(measure)",
                                        token: b.ownerToken, json: judge)
    #expect(foreign.status == .notFound, "\(foreign.body)")

    // Lists and the report: nothing of Alpha's.
    covered.formUnion(["GET /v1/success-definitions", "POST /v1/success-definitions", "GET /v1/reports/success-attainment"])
    let list = try await client.call(.get, "/v1/success-definitions", token: b.ownerToken)
    #expect(list.status == .ok && !list.body.ids.contains(definition))
    let archived = try await client.call(.get, "/v1/success-definitions?archived=true", token: b.ownerToken)
    #expect(archived.status == .ok && !archived.body.ids.contains(definition))
    let report = try await client.call(.get, "/v1/reports/success-attainment?group=cohort", token: b.ownerToken)
    let rows = report.body["rows"] as? [[String: Any]] ?? []
    #expect(report.status == .ok && rows.allSatisfy { $0["reached"] as? Int == 0 } && !rows.contains { $0["group"] as? String == "2026-04" },
            "\(report.body)")
    let byCompany = try await client.call(.get, "/v1/reports/success-attainment?company_id=\(a.smb.lower)", token: b.ownerToken)
    #expect(byCompany.status == .ok && (byCompany.body["rows"] as? [[String: Any]] ?? []).isEmpty)
    // Bodies naming Alpha's company or team are refused as if they did not exist.
    let company = try await client.call(.post, "/v1/success-definitions", token: b.ownerToken,
                                        json: #"{"tier":"light","company_id":"\#(a.smb.lower)","definition":"x","audience":"x","measures":[{"name":"x"}]}"#)
    #expect(company.status == .unprocessableContent && company.body["field"] as? String == "company_id", "\(company.body)")
    let team = try await client.call(.post, "/v1/success-definitions", token: b.ownerToken,
                                     json: #"{"tier":"light","definition":"x","audience":"x","measures":[{"name":"x"}],"responsible_team_id":"\#(a.smbTeam.lower)"}"#)
    #expect(team.status == .unprocessableContent && team.body["field"] as? String == "responsible_team_id", "\(team.body)")
    return covered
}
