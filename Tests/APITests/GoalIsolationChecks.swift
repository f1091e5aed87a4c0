import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Domain
import TestSupport
import Testing

/// The goals capability's routes, called by the second org on the first org's data: 404 for every id, 422 naming
/// the field for creates that point at the first org's rows, and lists without any of them. Returns the routes
/// covered, for the isolation test's "every route" check.
func checkGoalIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices) async throws -> Set<String> {
    var covered = Set<String>()
    let tree = try await SampleTree.make(client, a)
    let (lead, _) = try await CheckInReviewTests.positions(client, a)
    let holding = try #require(try await client.call(.get, "/v1/positions/\(lead)/holders", token: a.ownerToken).body.items.first?["id"] as? String)
    let checkIn = try #require(try await client.call(
        .put, "/v1/goals/\(tree.grr)/check-ins/2026-10", token: a.csmToken,
        json: body(["actual": 93, "confidence": "on_track", "submit": true])).body["id"] as? String)
    let accountability = try #require(try await client.call(.post, "/v1/accountabilities", token: a.ownerToken, json: body([
        "assignee_id": a.csm.lower, "subject_type": "goal", "subject_id": tree.nps])).body["id"] as? String)
    let notification = try #require(try await client.call(.get, "/v1/me/notifications", token: a.csmToken).body.items.first?["id"] as? String)
    let transfer = try #require(try await client.call(.post, "/v1/transfers", token: a.ownerToken, json: body([
        "from_member_id": a.smbManager.lower, "to_member_id": a.owner.lower])).body["id"] as? String)

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    try await expect404(.get, "/v1/goals/{id}", "/v1/goals/\(tree.kgi)")
    try await expect404(.patch, "/v1/goals/{id}", "/v1/goals/\(tree.kgi)", json: body(["title": "x"]))
    try await expect404(.get, "/v1/goals/{id}/smart", "/v1/goals/\(tree.kgi)/smart")
    try await expect404(.post, "/v1/goals/{id}/move", "/v1/goals/\(tree.grr)/move", json: body(["parent_id": nil]))
    try await expect404(.post, "/v1/goals/{id}/archive", "/v1/goals/\(tree.kgi)/archive")
    try await expect404(.post, "/v1/goals/{id}/copy", "/v1/goals/\(tree.kgi)/copy", json: "{}")
    try await expect404(.get, "/v1/goals/{id}/check-ins", "/v1/goals/\(tree.grr)/check-ins")
    try await expect404(.put, "/v1/goals/{id}/check-ins/{period}", "/v1/goals/\(tree.grr)/check-ins/2026-10", json: body(["actual": 1]))
    try await expect404(.get, "/v1/check-ins/{id}", "/v1/check-ins/\(checkIn)")
    try await expect404(.post, "/v1/check-ins/{id}/submit", "/v1/check-ins/\(checkIn)/submit")
    try await expect404(.post, "/v1/check-ins/{id}/review", "/v1/check-ins/\(checkIn)/review", json: body(["decision": "accept"]))
    try await expect404(.get, "/v1/positions/{id}", "/v1/positions/\(lead)")
    try await expect404(.patch, "/v1/positions/{id}", "/v1/positions/\(lead)", json: body(["name": "x"]))
    try await expect404(.get, "/v1/positions/{id}/chain", "/v1/positions/\(lead)/chain")
    try await expect404(.get, "/v1/positions/{id}/holders", "/v1/positions/\(lead)/holders")
    try await expect404(.post, "/v1/positions/{id}/holders", "/v1/positions/\(lead)/holders", json: body(["member_id": b.owner.lower]))
    try await expect404(.post, "/v1/positions/{id}/holders/{holding_id}/end", "/v1/positions/\(lead)/holders/\(holding)/end", json: "{}")
    try await expect404(.get, "/v1/accountabilities/{id}", "/v1/accountabilities/\(accountability)")
    try await expect404(.post, "/v1/accountabilities/{id}/acknowledge", "/v1/accountabilities/\(accountability)/acknowledge")
    try await expect404(.post, "/v1/accountabilities/{id}/decline", "/v1/accountabilities/\(accountability)/decline", json: body(["reason": "x"]))
    try await expect404(.post, "/v1/accountabilities/{id}/reassign", "/v1/accountabilities/\(accountability)/reassign",
                        json: body(["assignee_id": b.owner.lower]))
    try await expect404(.post, "/v1/accountabilities/{id}/complete", "/v1/accountabilities/\(accountability)/complete")
    try await expect404(.post, "/v1/me/notifications/{id}/read", "/v1/me/notifications/\(notification)/read")
    try await expect404(.get, "/v1/transfers/{id}", "/v1/transfers/\(transfer)")

    func expectUnknown(_ template: String, _ json: String, field: String) async throws {
        covered.insert("POST \(template)")
        let response = try await client.call(.post, template, token: b.ownerToken, json: json)
        #expect(response.status == .unprocessableContent, "\(template) answered \(response.status)")
        #expect(response.body["field"] as? String == field, "\(template): \(response.body)")
    }
    try await expectUnknown("/v1/goals", body(["kind": "ksf", "title": "x", "description": "x", "parent_id": tree.kgi,
                                              "company_id": b.smb.lower, "period": "FY2026-H2"]), field: "parent_id")
    try await expectUnknown("/v1/positions", body(["name": "x", "reports_to": lead]), field: "reports_to")
    try await expectUnknown("/v1/accountabilities", body(["assignee_id": a.csm.lower, "subject_type": "duty", "duty": "x",
                                                         "team_id": b.smbTeam.lower]), field: "assignee_id")
    try await expectUnknown("/v1/transfers", body(["from_member_id": a.csm.lower, "to_member_id": b.owner.lower]), field: "from_member_id")

    // Lists, trees, exports and dashboards hold none of the first org's rows.
    let aIDs: Set<String> = [tree.kgi, tree.ksfRetention, tree.ksfAdvocacy, tree.grr, tree.nrr, tree.nps, lead, checkIn.lowercased(),
                             accountability.lowercased(), notification.lowercased(), transfer.lowercased()]
    for (template, uri) in [
        ("/v1/goals", "/v1/goals"), ("/v1/goals", "/v1/goals?company_id=\(a.smb.lower)"), ("/v1/positions", "/v1/positions"),
        ("/v1/accountabilities", "/v1/accountabilities"), ("/v1/accountabilities", "/v1/accountabilities?assignee_id=\(a.csm.lower)"),
        ("/v1/transfers", "/v1/transfers"), ("/v1/me/notifications", "/v1/me/notifications"),
        ("/v1/dashboards/off-track", "/v1/dashboards/off-track?period=FY2026"),
        ("/v1/dashboards/pending-reviews", "/v1/dashboards/pending-reviews"),
    ] {
        covered.insert("GET \(template)")
        let response = try await client.call(.get, uri, token: b.ownerToken)
        #expect(response.status == .ok, "\(uri) \(response.status)")
        #expect(response.body.ids.isDisjoint(with: aIDs), "\(uri) leaked the first org's rows")
        #expect(response.body.items.allSatisfy { (($0["goal"] as? [String: Any])?["id"] as? String).map { !aIDs.contains($0.lowercased()) } ?? true })
    }
    covered.insert("GET /v1/goals/tree")
    let tree404 = try await client.call(.get, "/v1/goals/tree?period=FY2026", token: b.ownerToken)
    #expect(tree404.body["count"] as? Int == 0)
    covered.insert("GET /v1/dashboards/check-in-completion")
    let completion = try await client.call(.get, "/v1/dashboards/check-in-completion?period=2026-10", token: b.ownerToken)
    #expect((completion.body["total"] as? [String: Any])?["expected"] as? Int == 0)
    covered.insert("GET /v1/goals/export.csv")
    let csv = try await client.execute(uri: "/v1/goals/export.csv?period=FY2026", method: .get,
                                       headers: [.authorization: "Bearer \(b.ownerToken)"]) { String(decoding: $0.body.readableBytesView, as: UTF8.self) }
    #expect(!csv.contains("下期売上") && !csv.contains("SMB GRR"))
    covered.insert("POST /v1/me/notifications/read-all")
    try await check(await client.call(.post, "/v1/me/notifications/read-all", token: b.ownerToken).body["marked"] as? Int == 0)
    try await check(await client.call(.get, "/v1/me/notifications?unread=true", token: a.csmToken).body.items.isEmpty == false,
                    "the first org's inbox is untouched")
    covered.insert("GET /v1/org/goal-settings")
    covered.insert("PATCH /v1/org/goal-settings")
    try await check(await client.call(.patch, "/v1/org/goal-settings", token: b.ownerToken, json: body(["smart_mode": "block"])).status == .ok)
    try await check(await client.call(.get, "/v1/org/goal-settings", token: a.ownerToken).body["smart_mode"] as? String == "warn")
    try await check(await client.call(.get, "/v1/goals/\(tree.kgi)", token: a.ownerToken).body["title"] as? String == "下期売上")
    // The calendar and the operators' routes.
    let store = services.store
    let job = try await store.tenant(a.orgID) { tx in try await JobRepository.enqueue(tx, NewJob(kind: "x", orgID: a.orgID)) }
    let jobID = try #require(job?.id).uuidString.lowercased()
    try await expect404(.post, "/v1/admin/jobs/{id}/retry", "/v1/admin/jobs/\(jobID)/retry")
    try await expect404(.post, "/v1/admin/jobs/{id}/cancel", "/v1/admin/jobs/\(jobID)/cancel")
    covered.formUnion(["GET /v1/admin/jobs", "GET /v1/admin/schedules", "GET /v1/calendar/holidays", "GET /v1/org/closures",
                       "PUT /v1/org/closures/{date}", "DELETE /v1/org/closures/{date}", "POST /v1/org/closures/new-year"])
    try await check(await !client.call(.get, "/v1/admin/jobs", token: b.ownerToken).body.ids.contains(jobID),
                    "the other org's jobs (its own invitation mail is there) never include this one")
    try await check(await client.call(.put, "/v1/org/closures/2026-08-14", token: a.ownerToken, json: body(["name": "お盆"])).status == .ok)
    try await check(await client.call(.get, "/v1/org/closures?year=2026", token: b.ownerToken).body.items.isEmpty)
    try await check(await client.call(.delete, "/v1/org/closures/2026-08-14", token: b.ownerToken).status == .notFound)
    try await check(await client.call(.post, "/v1/org/closures/new-year", token: b.ownerToken, json: body(["year": 2026])).status == .ok)
    try await check(await client.call(.get, "/v1/org/closures?year=2026", token: a.ownerToken).body.items.count == 1)
    let bSchedules = try await client.call(.get, "/v1/admin/schedules", token: b.ownerToken)
    let aSchedules = try await client.call(.get, "/v1/admin/schedules", token: a.ownerToken)
    #expect(bSchedules.body.ids.isDisjoint(with: aSchedules.body.ids))
    try await check(await client.call(.get, "/v1/calendar/holidays?from=2027-01-01&to=2027-01-31", token: b.ownerToken).status == .ok)

    // Webhooks.
    let hook = try #require(try await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body([
        "url": "http://127.0.0.1:9/hook", "event_types": ["*"]])).body["id"] as? String)
    try await expect404(.patch, "/v1/webhooks/{id}", "/v1/webhooks/\(hook)", json: body(["active": false]))
    try await expect404(.delete, "/v1/webhooks/{id}", "/v1/webhooks/\(hook)")
    try await expect404(.get, "/v1/webhooks/{id}/deliveries", "/v1/webhooks/\(hook)/deliveries")
    try await expect404(.post, "/v1/webhooks/{id}/test", "/v1/webhooks/\(hook)/test")
    covered.formUnion(["GET /v1/webhooks", "POST /v1/webhooks"])
    let bHook = try #require(try await client.call(.post, "/v1/webhooks", token: b.ownerToken, json: body([
        "url": "http://127.0.0.1:9/b", "event_types": ["*"]])).body["id"] as? String)
    try await check(await client.call(.get, "/v1/webhooks", token: b.ownerToken).body.items.map { $0["id"] as? String } == [bHook])
    try await check(await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items.map { ($0["id"] as? String)?.lowercased() } == [hook.lowercased()])
    return covered
}
