import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CheckInReviewTests {
    /// The reporting line decides the reviewer: the CSM's position reports to the SMB lead's, held by the manager.
    static func positions(_ client: any TestClientProtocol, _ a: TenantOrg) async throws -> (lead: String, csm: String) {
        let lead = try await client.call(.post, "/v1/positions", token: a.ownerToken, json: body([
            "name": "SMB リーダー", "scope_type": "company", "scope_id": a.smb.lower,
            "responsibilities": ["SMB の GRR に責任を持つ"], "authority": ["チェックインの承認"]]))
        let leadID = try #require(lead.body["id"] as? String).lowercased()
        let csm = try await client.call(.post, "/v1/positions", token: a.ownerToken, json: body([
            "name": "カスタマーサクセスマネージャー", "scope_type": "team", "scope_id": a.smbTeam.lower, "reports_to": leadID]))
        let csmID = try #require(csm.body["id"] as? String).lowercased()
        try await check(await client.call(.post, "/v1/positions/\(leadID)/holders", token: a.ownerToken,
                                          json: body(["member_id": a.smbManager.lower, "start_date": "2026-04-01"])).status == .created)
        try await check(await client.call(.post, "/v1/positions/\(csmID)/holders", token: a.ownerToken,
                                          json: body(["member_id": a.csm.lower, "start_date": "2026-04-01"])).status == .created)
        return (leadID, csmID)
    }

    @Test func submitReviewRequestChangesAndAccept() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            _ = try await Self.positions(client, a)
            // Recording opens the check-in with DESIGN §2's days: November 2026 → opens 2026-12-01, due the 5th
            // business day (12-07), reviewed by the 10th (12-14).
            let draft = try await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/2026-11", token: a.csmToken,
                                              json: body(["actual": 93, "comment": "大型顧客1社が更新"]))
            #expect(draft.status == .ok)
            #expect(draft.body["state"] as? String == "open")
            #expect(draft.body["opens_on"] as? String == "2026-12-01")
            #expect(draft.body["due_on"] as? String == "2026-12-07")
            #expect(draft.body["review_by"] as? String == "2026-12-14")
            #expect((draft.body["reviewer_id"] as? String)?.lowercased() == a.smbManager.lower)
            let id = try #require(draft.body["id"] as? String)
            // No confidence yet: not submittable.
            let early = try await client.call(.post, "/v1/check-ins/\(id)/submit", token: a.csmToken)
            #expect(early.status == .unprocessableContent)
            #expect(early.body["field"] as? String == "confidence")
            // The same period again edits the same check-in (one per goal and period).
            let again = try await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/2026-11", token: a.csmToken,
                                              json: body(["confidence": "at_risk", "blockers": "価格改定の影響"]))
            #expect(again.body["id"] as? String == id)
            #expect(again.body["actual"] as? Double == 93, "fields not sent are kept")
            let submitted = try await client.call(.post, "/v1/check-ins/\(id)/submit", token: a.csmToken)
            #expect(submitted.body["state"] as? String == "submitted")
            #expect(submitted.body["late"] as? Bool == false)
            // The reviewer heard of it, in Japanese.
            let inbox = try await client.call(.get, "/v1/me/notifications?unread=true", token: a.smbManagerToken)
            let notice = try #require(inbox.body.items.first { $0["kind"] as? String == "check_in.submitted" })
            #expect((notice["title"] as? String)?.hasPrefix("レビュー依頼") == true)
            #expect(inbox.body["unread"] as? Int ?? 0 >= 1)
            // Nobody reviews their own check-in; the owner cannot edit it while submitted.
            let own = try await client.call(.post, "/v1/check-ins/\(id)/review", token: a.csmToken, json: body(["decision": "accept"]))
            #expect(own.status == .forbidden)
            let edit = try await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/2026-11", token: a.csmToken, json: body(["actual": 94]))
            #expect(edit.status == .conflict)
            // Changes requested need a comment; the check-in goes back to open; the owner is told.
            let noComment = try await client.call(.post, "/v1/check-ins/\(id)/review", token: a.smbManagerToken, json: body(["decision": "request_changes"]))
            #expect(noComment.body["field"] as? String == "comment")
            let changes = try await client.call(.post, "/v1/check-ins/\(id)/review", token: a.smbManagerToken,
                                                json: body(["decision": "request_changes", "comment": "根拠の数字を追記してください"]))
            #expect(changes.body["state"] as? String == "open")
            let ownerInbox = try await client.call(.get, "/v1/me/notifications", token: a.csmToken)
            #expect(ownerInbox.body.items.contains { $0["kind"] as? String == "check_in.changes_requested" })
            try await check(await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/2026-11", token: a.csmToken,
                                              json: body(["comment": "更新 3 社、解約 1 社", "submit": true])).status == .ok)
            let accepted = try await client.call(.post, "/v1/check-ins/\(id)/review", token: a.smbManagerToken,
                                                 json: body(["decision": "accept", "comment": "ありがとう"]))
            #expect(accepted.body["state"] as? String == "reviewed")
            let history = try #require(accepted.body["reviews"] as? [[String: Any]])
            #expect(history.map { $0["decision"] as? String } == ["request_changes", "accept"])
            // A viewer cannot review.
            let viewer = try await client.call(.post, "/v1/check-ins/\(id)/review", token: a.viewerToken, json: body(["decision": "accept"]))
            #expect(viewer.status == .notFound || viewer.status == .forbidden)
            // Reading: the check-in list of the goal.
            let list = try await client.call(.get, "/v1/goals/\(tree.grr)/check-ins", token: a.csmToken)
            #expect(list.body.items.count == 1)
            // Mark the inbox read.
            let readAll = try await client.call(.post, "/v1/me/notifications/read-all", token: a.smbManagerToken)
            #expect(readAll.body["marked"] as? Int ?? 0 >= 1)
            try await check(await client.call(.get, "/v1/me/notifications?unread=true", token: a.smbManagerToken).body.items.isEmpty)
        }
    }

    @Test func lateSubmissionIsMarkedNotRefused() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            // October's check-in was due on 2026-11-09 (5th business day of November; 11-03 is 文化の日).
            let response = try await client.call(.put, "/v1/goals/\(tree.nps)/check-ins/2026-10", token: a.csmToken,
                                                 json: body(["actual": 14, "confidence": "off_track", "submit": true]))
            #expect(response.status == .ok)
            #expect(response.body["due_on"] as? String == "2026-11-09")
            #expect(response.body["late"] as? Bool == true)
            // Without positions the reviewer falls back to a manager of the goal's company.
            #expect((response.body["reviewer_id"] as? String)?.lowercased() == a.smbManager.lower)
        }
    }

    @Test func positionsChainAndCycles() async throws {
        try await withTenants { client, a, _, _ in
            let (lead, csm) = try await Self.positions(client, a)
            let chain = try await client.call(.get, "/v1/positions/\(csm)/chain", token: a.csmToken)
            let steps = chain.body.items
            #expect(steps.count == 2)
            #expect((steps[0]["position"] as? [String: Any])?["goal_ids"] as? [String] == [], "snake_case ids, not goal_i_ds")
            #expect(((steps[1]["position"] as? [String: Any])?["id"] as? String)?.lowercased() == lead)
            #expect((steps[1]["holders"] as? [String])?.map { $0.lowercased() } == [a.smbManager.lower])
            // lead → csm would close a loop.
            let loop = try await client.call(.patch, "/v1/positions/\(lead)", token: a.ownerToken, json: body(["reports_to": csm]))
            #expect(loop.status == .unprocessableContent)
            #expect(loop.body["field"] as? String == "reports_to")
            // A manager of SMB cannot define positions in Enterprise.
            let ent = try await client.call(.post, "/v1/positions", token: a.smbManagerToken, json: body([
                "name": "Enterprise リーダー", "scope_type": "company", "scope_id": a.enterprise.lower]))
            #expect(ent.status == .forbidden)
            // Ending a holding keeps it as history and vacates the position: the chain shows no holder.
            let holders = try await client.call(.get, "/v1/positions/\(lead)/holders", token: a.ownerToken)
            let holding = try #require(holders.body.items.first?["id"] as? String)
            let ended = try await client.call(.post, "/v1/positions/\(lead)/holders/\(holding)/end", token: a.ownerToken, json: body(["end_date": "2026-11-01"]))
            #expect(ended.body["end_date"] as? String == "2026-11-01")
            let after = try await client.call(.get, "/v1/positions/\(csm)/chain", token: a.ownerToken)
            #expect((after.body.items[1]["holders"] as? [String])?.isEmpty == true)
            #expect(try await client.call(.get, "/v1/positions/\(lead)/holders", token: a.ownerToken).body.items.count == 1)
        }
    }
}
