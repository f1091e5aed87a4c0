import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// A meeting through the JSON API, from the body to the owner's accountability: a manager sets up a monthly
/// decision meeting for the SMB team with a CSM taking part; the series is planned; the CSM shapes the agenda, records
/// a decision; the manager records an action item that lands as the CSM's accountability; minutes, attendance and a
/// private note that nobody else can read; cancelling and archiving. Who may do what is checked at each step.
@Suite struct MeetingAPITests {
    static let secondTuesday = #"{"type":"nth_weekday","n":2,"weekday":2,"at":"10:00","shift":"previous"}"#

    static func createBody(_ client: any TestClientProtocol, _ org: TenantOrg, token: String? = nil) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: [String: Any])
    {
        try await client.call(.post, "/v1/meeting-bodies", token: token ?? org.smbManagerToken, json: """
            {"name":"SMB 月次レビュー","purpose":"decide","objective":"更新と拡大の判断をする","team_id":"\(org.smbTeam.lower)",
             "facilitator_id":"\(org.smbManager.lower)","participants":[{"member_id":"\(org.csm.lower)"}],
             "cadence":\(secondTuesday),"duration_minutes":60}
            """)
    }

    @Test func fromTheBodyToTheOwnersAccountability() async throws {
        try await withTenants { client, a, _, _ in
            // Only who manages meetings where it lives creates a body.
            #expect(try await Self.createBody(client, a, token: a.csmToken).status == .forbidden)
            let created = try await Self.createBody(client, a)
            #expect(created.status == .created, "\(created.body)")
            let bodyID = try #require(created.body["id"] as? String)
            let sections = (created.body["agenda_template"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
            #expect(sections == ["renewals", "expansion", "actions", "health", "goals"], "the decide template")

            // The series: a year of 2nd Tuesdays at 10:00 Tokyo, the first on 8 December.
            let series = try await client.call(.get, "/v1/meeting-bodies/\(bodyID)/meetings?limit=12", token: a.csmToken)
            #expect(series.status == .ok)
            #expect(series.body.items.count == 12)
            #expect(series.body.items.first?["starts_at"] as? String == "2026-12-08T01:00:00Z")
            let meetingID = try #require(series.body.items.first?["id"] as? String)

            // The CSM finds it among their meetings; takes part but does not run it.
            let mine = try await client.call(.get, "/v1/meetings?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z", token: a.csmToken)
            #expect(mine.body.ids == [meetingID])
            let meeting = try await client.call(.get, "/v1/meetings/\(meetingID)", token: a.csmToken)
            #expect(meeting.body["can_contribute"] as? Bool == true && meeting.body["can_run"] as? Bool == false)
            let people = (meeting.body["participants"] as? [[String: Any]] ?? []).compactMap { ($0["member_id"] as? String)?.lowercased() }
            #expect(Set(people) == [a.csm.lower, a.smbManager.lower], "the named CSM and the facilitator")

            // Writing the agenda is the facilitator's; its sections come in the purpose's order with their time boxes.
            #expect(try await client.call(.post, "/v1/meetings/\(meetingID)/agenda/generate", token: a.csmToken).status == .forbidden)
            let generated = try await client.call(.post, "/v1/meetings/\(meetingID)/agenda/generate", token: a.smbManagerToken)
            #expect(generated.status == .ok, "\(generated.body)")
            #expect(generated.body["total_minutes"] as? Int == 50)
            #expect((generated.body["sections"] as? [[String: Any]])?.first?["heading"] as? String == "解約予告期限が 90 日以内の更新")

            // The CSM adds two items and moves the second above the first.
            let first = try await client.call(.post, "/v1/meetings/\(meetingID)/agenda/items", token: a.csmToken,
                                              json: #"{"section":"health","title":"オンボーディングの進め方"}"#)
            #expect(first.status == .created, "\(first.body)")
            #expect(first.body["origin"] as? String == "manual")
            let second = try await client.call(.post, "/v1/meetings/\(meetingID)/agenda/items", token: a.csmToken,
                                               json: #"{"section":"health","title":"*太字* と <b>タグ</b>"}"#)
            let secondID = try #require(second.body["id"] as? String)
            let moved = try await client.call(.patch, "/v1/meetings/\(meetingID)/agenda/items/\(secondID)", token: a.csmToken,
                                              json: #"{"move":"up"}"#)
            #expect(moved.status == .ok, "\(moved.body)")
            let health = (moved.body["sections"] as? [[String: Any]] ?? []).first { $0["key"] as? String == "health" }
            #expect((health?["items"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
                    == ["*太字* と <b>タグ</b>", "オンボーディングの進め方"])
            // A section that does not exist, an empty title: refused with their field.
            let noSection = try await client.call(.post, "/v1/meetings/\(meetingID)/agenda/items", token: a.csmToken,
                                                  json: #"{"section":"nope","title":"x"}"#)
            #expect(noSection.status == .unprocessableContent && noSection.body["field"] as? String == "section")
            let empty = try await client.call(.post, "/v1/meetings/\(meetingID)/agenda/items", token: a.csmToken,
                                              json: #"{"section":"health","title":"  "}"#)
            #expect(empty.status == .unprocessableContent && empty.body["field"] as? String == "title")

            // The agenda as a Markdown document in the reader's language, data escaped.
            let markdown = try await client.execute(
                uri: "/v1/meetings/\(meetingID)/agenda", method: .get,
                headers: [.authorization: "Bearer \(a.csmToken)", .accept: "text/markdown"]
            ) { response in (response.headers[.contentType], String(buffer: response.body)) }
            #expect(markdown.0 == "text/markdown; charset=utf-8")
            #expect(markdown.1.hasPrefix("# SMB 月次レビュー\n"))
            #expect(markdown.1.contains("## ヘルスが下がった顧客（10 分）"))
            #expect(markdown.1.contains("1. \\*太字\\* と \\<b\\>タグ\\</b\\>"), "\(markdown.1)")

            // A decision by the CSM; an action item for the CSM, recorded by the manager, is the CSM's accountability.
            let decision = try await client.call(.post, "/v1/meetings/\(meetingID)/decisions", token: a.csmToken,
                                                 json: #"{"text":"A社は年額プランで更新を提案する","decided_by":"\#(a.smbManager.lower)"}"#)
            #expect(decision.status == .created, "\(decision.body)")
            #expect(try await client.call(.get, "/v1/meetings/\(meetingID)/decisions", token: a.smbManagerToken).body.items.count == 1)
            let action = try await client.call(.post, "/v1/meetings/\(meetingID)/actions", token: a.smbManagerToken,
                                               json: #"{"title":"A社に更新提案を送る","owner_id":"\#(a.csm.lower)","due_date":"2026-12-15"}"#)
            #expect(action.status == .created, "\(action.body)")
            let accountabilityID = try #require(action.body["accountability_id"] as? String)
            let assigned = try await client.call(.get, "/v1/accountabilities?assignee_id=me", token: a.csmToken)
            let item = try #require(assigned.body.items.first { $0["id"] as? String == accountabilityID })
            #expect(item["subject_type"] as? String == "meeting_action" && item["state"] as? String == "pending")
            // A CSM cannot make someone outside the meeting own an action.
            let outsider = try await client.call(.post, "/v1/meetings/\(meetingID)/actions", token: a.csmToken,
                                                 json: #"{"title":"x","owner_id":"\#(a.owner.lower)"}"#)
            #expect(outsider.status == .unprocessableContent && outsider.body["field"] as? String == "owner_id")
            // The owner marks it done: the action closes with its accountability.
            let actionID = try #require(action.body["id"] as? String)
            let done = try await client.call(.post, "/v1/meetings/\(meetingID)/actions/\(actionID)/complete", token: a.csmToken)
            #expect(done.body["open"] as? Bool == false && done.body["state"] as? String == "completed")

            // Minutes are version-checked; attendance is the facilitator's.
            let version = try #require(meeting.headers[.eTag])
            let stale = try await client.call(.put, "/v1/meetings/\(meetingID)/minutes", token: a.csmToken,
                                              json: #"{"minutes":"x"}"#, headers: [.ifMatch: "\"v999\""])
            #expect(stale.status == .preconditionFailed)
            let minutes = try await client.call(.put, "/v1/meetings/\(meetingID)/minutes", token: a.csmToken,
                                                json: ###"{"minutes":"## 決定\n- 年額で提案"}"###, headers: [.ifMatch: version])
            #expect(minutes.status == .ok && minutes.body["minutes"] as? String == "## 決定\n- 年額で提案", "\(minutes.body)")
            #expect(try await client.call(.put, "/v1/meetings/\(meetingID)/attendance/\(a.csm.lower)", token: a.csmToken,
                                          json: #"{"attended":true}"#).status == .forbidden)
            let attended = try await client.call(.put, "/v1/meetings/\(meetingID)/attendance/\(a.csm.lower)", token: a.smbManagerToken,
                                                 json: #"{"attended":true}"#)
            let csmRow = (attended.body["participants"] as? [[String: Any]] ?? []).first { ($0["member_id"] as? String)?.lowercased() == a.csm.lower }
            #expect(csmRow?["attended"] as? Bool == true)

            // A private note: its writer reads it; the manager and the org's owner read their own (empty) note only, and
            // the audit log says that a note changed, never what it says.
            let note = try await client.call(.put, "/v1/meetings/\(meetingID)/my-note", token: a.csmToken, json: #"{"body":"部長には言えない懸念"}"#)
            #expect(note.status == .ok && note.body["version"] as? Int == 1, "\(note.body)")
            #expect(try await client.call(.get, "/v1/meetings/\(meetingID)/my-note", token: a.csmToken).body["body"] as? String == "部長には言えない懸念")
            #expect(try await client.call(.get, "/v1/meetings/\(meetingID)/my-note", token: a.smbManagerToken).body["body"] as? String == "")
            #expect(try await client.call(.get, "/v1/meetings/\(meetingID)/my-note", token: a.ownerToken).body["body"] as? String == "")
            let audit = try await client.execute(uri: "/v1/audit?limit=200", method: .get, headers: [.authorization: "Bearer \(a.ownerToken)"]) {
                String(buffer: $0.body)
            }
            #expect(audit.contains("meeting.note") && !audit.contains("部長には言えない懸念"))

            // An item not dealt with goes to the next occurrence (January), saying where it came from.
            let carried = try await client.call(.post, "/v1/meetings/\(meetingID)/agenda/items/\(secondID)/carry-over", token: a.csmToken)
            #expect(carried.status == .created, "\(carried.body)")
            let january = try #require(carried.body["id"] as? String)
            #expect(january != meetingID)
            let januaryAgenda = try await client.call(.get, "/v1/meetings/\(january)/agenda", token: a.csmToken)
            let carriedItem = (januaryAgenda.body["sections"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }.first
            #expect(carriedItem?["reason"] as? String == "2026-12-08 の会議から持ち越し")

            // Cancelled by the facilitator: no more work on it; archiving the body cancels the rest of the series.
            let cancelled = try await client.call(.patch, "/v1/meetings/\(meetingID)", token: a.smbManagerToken, json: #"{"state":"cancelled"}"#)
            #expect(cancelled.body["state"] as? String == "cancelled", "\(cancelled.body)")
            #expect(try await client.call(.post, "/v1/meetings/\(meetingID)/agenda/items", token: a.csmToken,
                                          json: #"{"section":"health","title":"x"}"#).status == .conflict)
            #expect(try await client.call(.delete, "/v1/meeting-bodies/\(bodyID)", token: a.csmToken).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/meeting-bodies/\(bodyID)", token: a.smbManagerToken).status == .noContent)
            let after = try await client.call(.get, "/v1/meeting-bodies/\(bodyID)/meetings?limit=12", token: a.smbManagerToken)
            #expect(after.body.items.allSatisfy { $0["state"] as? String == "cancelled" })
        }
    }

    @Test func movingOneOccurrenceAndChangingTheCadence() async throws {
        try await withTenants { client, a, _, _ in
            let bodyID = try #require(try await Self.createBody(client, a).body["id"] as? String)
            let series = try await client.call(.get, "/v1/meeting-bodies/\(bodyID)/meetings?limit=3", token: a.smbManagerToken)
            let december = try #require(series.body.items.first?["id"] as? String)
            let february = try #require(series.body.items.last?["id"] as? String)
            // December moves to Wednesday 15:00 (90 minutes): it stays there whatever the cadence becomes.
            let moved = try await client.call(.patch, "/v1/meetings/\(december)", token: a.smbManagerToken,
                                              json: #"{"starts_at":"2026-12-09T15:00:00+09:00","duration_minutes":90}"#)
            #expect(moved.status == .ok, "\(moved.body)")
            #expect(moved.body["starts_at"] as? String == "2026-12-09T06:00:00Z" && moved.body["ends_at"] as? String == "2026-12-09T07:30:00Z")
            #expect(moved.body["rescheduled"] as? Bool == true)
            // February gets minutes: touched, so a new cadence keeps it (flagged) instead of dropping it.
            _ = try await client.call(.put, "/v1/meetings/\(february)/minutes", token: a.smbManagerToken, json: #"{"minutes":"準備メモ"}"#)
            let body = try await client.call(.get, "/v1/meeting-bodies/\(bodyID)", token: a.smbManagerToken)
            let thursday = #"{"type":"nth_weekday","n":1,"weekday":4,"at":"09:30"}"#
            let changed = try await client.call(.patch, "/v1/meeting-bodies/\(bodyID)", token: a.smbManagerToken,
                                                json: #"{"cadence":\#(thursday)}"#, headers: [.ifMatch: try #require(body.headers[.eTag])])
            #expect(changed.status == .ok, "\(changed.body)")
            let replanned = try await client.call(.get, "/v1/meeting-bodies/\(bodyID)/meetings?limit=40", token: a.smbManagerToken)
            let live = replanned.body.items.filter { $0["state"] as? String == "planned" }
            #expect(live.contains { $0["id"] as? String == december && $0["starts_at"] as? String == "2026-12-09T06:00:00Z" })
            #expect(live.contains { $0["id"] as? String == february && $0["off_cadence"] as? Bool == true })
            // The new series: first Thursdays 09:30 (00:30Z): 2027-01-07 is the first after the moved December one.
            #expect(live.contains { $0["starts_at"] as? String == "2027-01-07T00:30:00Z" })
            #expect(!live.contains { $0["starts_at"] as? String == "2027-01-12T01:00:00Z" }, "the old January is gone")
            // A stale If-Match is refused.
            let stale = try await client.call(.patch, "/v1/meeting-bodies/\(bodyID)", token: a.smbManagerToken,
                                              json: #"{"name":"x"}"#, headers: [.ifMatch: try #require(body.headers[.eTag])])
            #expect(stale.status == .preconditionFailed)
        }
    }

    /// An item about a customer is seen by that customer's readers only: a participant from another company finds it
    /// neither in the JSON nor in the Markdown, while the customer's CSM does.
    @Test func eachReaderSeesOnlyTheItemsTheyMayRead() async throws {
        try await withTenants { client, a, _, services in
            let members = try await client.call(.get, "/v1/members?limit=100", token: a.ownerToken)
            let viewer = try #require(members.body.items.first { $0["email"] as? String == "viewer@ent.example" }?["id"] as? String)
            let customer = try await a.addCustomer(services.store, name: "ひかり製作所", company: a.smb, team: a.smbTeam, owner: a.csm)
            let body = try await client.call(.post, "/v1/meeting-bodies", token: a.ownerToken, json: """
                {"name":"全社 CS 定例","purpose":"share","objective":"状況を共有する","facilitator_id":"\(a.owner.lower)",
                 "participants":[{"member_id":"\(a.csm.lower)"},{"member_id":"\(viewer)"}],"cadence":\(Self.secondTuesday)}
                """)
            let bodyID = try #require(body.body["id"] as? String, "\(body.body)")
            let meeting = try #require(try await client.call(.get, "/v1/meeting-bodies/\(bodyID)/meetings?limit=1", token: a.ownerToken)
                .body.items.first?["id"] as? String)
            let added = try await client.call(.post, "/v1/meetings/\(meeting)/agenda/items", token: a.ownerToken, json: """
                {"section":"health","title":"ひかり製作所の解約リスク","subject_type":"customer","subject_id":"\(customer.lower)"}
                """)
            #expect(added.status == .created, "\(added.body)")
            #expect(added.body["subject_path"] as? String == "/customers/\(customer.lower)")
            _ = try await client.call(.post, "/v1/meetings/\(meeting)/agenda/items", token: a.ownerToken, json: #"{"section":"health","title":"全員向けの連絡"}"#)
            func titles(_ token: String) async throws -> [String] {
                let agenda = try await client.call(.get, "/v1/meetings/\(meeting)/agenda", token: token)
                return (agenda.body["sections"] as? [[String: Any]] ?? []).flatMap { $0["items"] as? [[String: Any]] ?? [] }
                    .compactMap { $0["title"] as? String }
            }
            #expect(try await titles(a.csmToken) == ["ひかり製作所の解約リスク", "全員向けの連絡"])
            #expect(try await titles(a.viewerToken) == ["全員向けの連絡"])
            let markdown = try await client.execute(
                uri: "/v1/meetings/\(meeting)/agenda?format=markdown", method: .get, headers: [.authorization: "Bearer \(a.viewerToken)"]
            ) { String(buffer: $0.body) }
            #expect(markdown.contains("全員向けの連絡") && !markdown.contains("ひかり"), "\(markdown)")
            // The viewer cannot link an item to a customer they cannot read: refused as if it did not exist.
            let probe = try await client.call(.post, "/v1/meetings/\(meeting)/agenda/items", token: a.viewerToken, json: """
                {"section":"health","title":"x","subject_type":"customer","subject_id":"\(customer.lower)"}
                """)
            #expect(probe.status == .unprocessableContent && probe.body["field"] as? String == "subject_id")
        }
    }
}
