import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The meeting routes under TenantIsolationTests: the second org's owner, aiming at the first org's body, meeting,
/// agenda item, decision, action and members, gets 404 on every one; its lists hold none of them; a body naming the
/// first org's team or members is refused as if they did not exist. Answers the routes covered.
func checkMeetingIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg) async throws -> Set<String> {
    var covered = Set<String>()
    let body = try #require(try await MeetingAPITests.createBody(client, a).body["id"] as? String)
    let meeting = try #require(try await client.call(.get, "/v1/meeting-bodies/\(body)/meetings?limit=1", token: a.ownerToken).body.items.first?["id"] as? String)
    let item = try #require(try await client.call(.post, "/v1/meetings/\(meeting)/agenda/items", token: a.csmToken,
                                                  json: #"{"section":"health","title":"アルファの議題"}"#).body["id"] as? String)
    let decision = try #require(try await client.call(.post, "/v1/meetings/\(meeting)/decisions", token: a.csmToken,
                                                      json: #"{"text":"アルファの決定"}"#).body["id"] as? String)
    let action = try #require(try await client.call(.post, "/v1/meetings/\(meeting)/actions", token: a.smbManagerToken,
                                                    json: #"{"title":"アルファの宿題","owner_id":"\#(a.csm.lower)"}"#).body["id"] as? String)

    func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
        covered.insert("\(method.rawValue) \(template)")
        let response = try await client.call(method, uri, token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status) \(response.body)")
    }
    try await expect404(.get, "/v1/meeting-bodies/{id}", "/v1/meeting-bodies/\(body)")
    try await expect404(.patch, "/v1/meeting-bodies/{id}", "/v1/meeting-bodies/\(body)", json: #"{"name":"x"}"#)
    try await expect404(.delete, "/v1/meeting-bodies/{id}", "/v1/meeting-bodies/\(body)")
    try await expect404(.get, "/v1/meeting-bodies/{id}/meetings", "/v1/meeting-bodies/\(body)/meetings")
    try await expect404(.get, "/v1/meetings/{id}", "/v1/meetings/\(meeting)")
    try await expect404(.patch, "/v1/meetings/{id}", "/v1/meetings/\(meeting)", json: #"{"state":"cancelled"}"#)
    try await expect404(.get, "/v1/meetings/{id}/agenda", "/v1/meetings/\(meeting)/agenda")
    try await expect404(.post, "/v1/meetings/{id}/agenda/generate", "/v1/meetings/\(meeting)/agenda/generate")
    try await expect404(.post, "/v1/meetings/{id}/agenda/items", "/v1/meetings/\(meeting)/agenda/items", json: #"{"section":"health","title":"x"}"#)
    try await expect404(.patch, "/v1/meetings/{id}/agenda/items/{item}", "/v1/meetings/\(meeting)/agenda/items/\(item)", json: #"{"move":"up"}"#)
    try await expect404(.delete, "/v1/meetings/{id}/agenda/items/{item}", "/v1/meetings/\(meeting)/agenda/items/\(item)")
    try await expect404(.post, "/v1/meetings/{id}/agenda/items/{item}/carry-over", "/v1/meetings/\(meeting)/agenda/items/\(item)/carry-over")
    try await expect404(.put, "/v1/meetings/{id}/minutes", "/v1/meetings/\(meeting)/minutes", json: #"{"minutes":"x"}"#)
    try await expect404(.get, "/v1/meetings/{id}/decisions", "/v1/meetings/\(meeting)/decisions")
    try await expect404(.post, "/v1/meetings/{id}/decisions", "/v1/meetings/\(meeting)/decisions", json: #"{"text":"x"}"#)
    try await expect404(.delete, "/v1/meetings/{id}/decisions/{item}", "/v1/meetings/\(meeting)/decisions/\(decision)")
    try await expect404(.get, "/v1/meetings/{id}/actions", "/v1/meetings/\(meeting)/actions")
    try await expect404(.post, "/v1/meetings/{id}/actions", "/v1/meetings/\(meeting)/actions", json: #"{"title":"x","owner_id":"\#(b.owner.lower)"}"#)
    try await expect404(.post, "/v1/meetings/{id}/actions/{item}/complete", "/v1/meetings/\(meeting)/actions/\(action)/complete")
    try await expect404(.put, "/v1/meetings/{id}/attendance/{item}", "/v1/meetings/\(meeting)/attendance/\(a.csm.lower)", json: #"{"attended":true}"#)
    try await expect404(.get, "/v1/meetings/{id}/my-note", "/v1/meetings/\(meeting)/my-note")
    try await expect404(.put, "/v1/meetings/{id}/my-note", "/v1/meetings/\(meeting)/my-note", json: #"{"body":"x"}"#)

    // Lists: nothing of the first org.
    covered.formUnion(["GET /v1/meeting-bodies", "GET /v1/meetings", "POST /v1/meeting-bodies"])
    let bodies = try await client.call(.get, "/v1/meeting-bodies", token: b.ownerToken)
    #expect(bodies.status == .ok && !bodies.body.ids.contains(body))
    let meetings = try await client.call(.get, "/v1/meetings?from=2026-11-01T00:00:00Z&to=2027-12-01T00:00:00Z", token: b.ownerToken)
    #expect(meetings.status == .ok && !meetings.body.ids.contains(meeting))
    // A body naming the first org's team, or its member as a participant, is refused as if they did not exist.
    let team = try await client.call(.post, "/v1/meeting-bodies", token: b.ownerToken,
                                     json: #"{"name":"x","purpose":"share","objective":"x","team_id":"\#(a.smbTeam.lower)"}"#)
    #expect(team.status == .unprocessableContent && team.body["field"] as? String == "team_id", "\(team.body)")
    let member = try await client.call(.post, "/v1/meeting-bodies", token: b.ownerToken,
                                       json: #"{"name":"x","purpose":"share","objective":"x","participants":[{"member_id":"\#(a.csm.lower)"}]}"#)
    #expect(member.status == .unprocessableContent && member.body["field"] as? String == "participants", "\(member.body)")
    // A viewer of another company of the same org does not see the SMB team's meeting either.
    #expect(try await client.call(.get, "/v1/meetings/\(meeting)", token: a.viewerToken).status == .notFound)
    return covered
}
