import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Every meeting route against a member who may read the meeting but neither takes part nor runs it: the SMB team's
/// CSM, reading goals in the team, sees the manager's team meeting (200 on every read) and is refused (403) on every
/// write; a read-only token of the org's owner is refused every write by its scope.
@Suite struct MeetingPermissionTests {
    @Test func readersWhoDoNotTakePartChangeNothing() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await client.call(.post, "/v1/meeting-bodies", token: a.smbManagerToken, json: """
                {"name":"マネージャー定例","purpose":"discuss","objective":"チームの課題を話し合う","team_id":"\(a.smbTeam.lower)",
                 "facilitator_id":"\(a.smbManager.lower)","cadence":\(MeetingAPITests.secondTuesday)}
                """)
            let body = try #require(created.body["id"] as? String, "\(created.body)")
            let meeting = try #require(try await client.call(.get, "/v1/meeting-bodies/\(body)/meetings?limit=1", token: a.smbManagerToken)
                .body.items.first?["id"] as? String)
            let item = try #require(try await client.call(.post, "/v1/meetings/\(meeting)/agenda/items", token: a.smbManagerToken,
                                                          json: #"{"section":"topic","title":"採用計画"}"#).body["id"] as? String)
            let decision = try #require(try await client.call(.post, "/v1/meetings/\(meeting)/decisions", token: a.smbManagerToken,
                                                              json: #"{"text":"来期 2 名採用"}"#).body["id"] as? String)
            let action = try #require(try await client.call(.post, "/v1/meetings/\(meeting)/actions", token: a.smbManagerToken,
                                                            json: #"{"title":"求人票を書く","owner_id":"\#(a.smbManager.lower)"}"#).body["id"] as? String)

            for path in ["/v1/meeting-bodies/\(body)", "/v1/meeting-bodies/\(body)/meetings", "/v1/meetings/\(meeting)",
                         "/v1/meetings/\(meeting)/agenda", "/v1/meetings/\(meeting)/decisions", "/v1/meetings/\(meeting)/actions",
                         "/v1/meetings/\(meeting)/my-note"] {
                let read = try await client.call(.get, path, token: a.csmToken)
                #expect(read.status == .ok, "GET \(path) answered \(read.status)")
            }
            let writes: [(HTTPRequest.Method, String, String?)] = [
                (.patch, "/v1/meeting-bodies/\(body)", #"{"name":"x"}"#),
                (.delete, "/v1/meeting-bodies/\(body)", nil),
                (.patch, "/v1/meetings/\(meeting)", #"{"state":"cancelled"}"#),
                (.post, "/v1/meetings/\(meeting)/agenda/generate", nil),
                (.post, "/v1/meetings/\(meeting)/agenda/items", #"{"section":"topic","title":"x"}"#),
                (.patch, "/v1/meetings/\(meeting)/agenda/items/\(item)", #"{"move":"down"}"#),
                (.delete, "/v1/meetings/\(meeting)/agenda/items/\(item)", nil),
                (.post, "/v1/meetings/\(meeting)/agenda/items/\(item)/carry-over", nil),
                (.put, "/v1/meetings/\(meeting)/minutes", #"{"minutes":"x"}"#),
                (.post, "/v1/meetings/\(meeting)/decisions", #"{"text":"x"}"#),
                (.delete, "/v1/meetings/\(meeting)/decisions/\(decision)", nil),
                (.post, "/v1/meetings/\(meeting)/actions", #"{"title":"x","owner_id":"\#(a.csm.lower)"}"#),
                (.post, "/v1/meetings/\(meeting)/actions/\(action)/complete", nil),
                (.put, "/v1/meetings/\(meeting)/attendance/\(a.csm.lower)", #"{"attended":true}"#),
            ]
            for (method, path, json) in writes {
                let refused = try await client.call(method, path, token: a.csmToken, json: json)
                #expect(refused.status == .forbidden, "\(method) \(path) answered \(refused.status) \(refused.body)")
                let scoped = try await client.call(method, path, token: a.readOnlyOwnerToken, json: json)
                #expect(scoped.status == .forbidden, "read-only token: \(method) \(path) answered \(scoped.status)")
            }
            // Nothing changed: the item, the decision and the open action are as the manager left them.
            let agenda = try await client.call(.get, "/v1/meetings/\(meeting)/agenda", token: a.smbManagerToken)
            #expect((agenda.body["sections"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }.count == 1)
            #expect(try await client.call(.get, "/v1/meetings/\(meeting)/decisions", token: a.smbManagerToken).body.items.count == 1)
            #expect(try await client.call(.get, "/v1/meetings/\(meeting)/actions", token: a.smbManagerToken).body.items.first?["open"] as? Bool == true)
            // A private note is everyone's own: the CSM may keep one on a meeting they can read.
            #expect(try await client.call(.put, "/v1/meetings/\(meeting)/my-note", token: a.csmToken, json: #"{"body":"メモ"}"#).status == .ok)
        }
    }
}
