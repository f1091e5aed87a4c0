import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AccountabilityTests {
    @Test func assignAcknowledgeDeclineReassign() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            // A manager of SMB assigns within SMB, never in Enterprise.
            let enterprise = try await client.call(.post, "/v1/accountabilities", token: a.smbManagerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "duty", "duty": "Enterprise の QBR 準備", "team_id": a.enterpriseTeam.lower]))
            #expect(enterprise.status == .forbidden)
            let assigned = try await client.call(.post, "/v1/accountabilities", token: a.smbManagerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "goal", "subject_id": tree.grr, "due_date": "2026-12-25",
                "note": "更新リスクの高い 5 社を優先"]))
            #expect(assigned.status == .created, "\(assigned.body)")
            #expect(assigned.body["state"] as? String == "pending")
            #expect((assigned.body["team_id"] as? String)?.lowercased() == a.smbTeam.lower, "the goal's scope")
            let id = try #require(assigned.body["id"] as? String)
            // The assignee's inbox has it, in Japanese, naming the goal.
            let inbox = try await client.call(.get, "/v1/me/notifications", token: a.csmToken)
            let notice = try #require(inbox.body.items.first { $0["kind"] as? String == "accountability.assigned" })
            #expect(notice["title"] as? String == "担当が割り当てられました: SMB GRR")
            // Lists: assigned to me, by me, unacknowledged for more than 0 days.
            try await check(await client.call(.get, "/v1/accountabilities?assignee_id=me", token: a.csmToken).body.ids == [id.lowercased()])
            try await check(await client.call(.get, "/v1/accountabilities?assigned_by=me", token: a.smbManagerToken).body.ids == [id.lowercased()])
            try await check(await client.call(.get, "/v1/accountabilities?unacknowledged_days=1", token: a.smbManagerToken).body.items.isEmpty,
                            "assigned just now")
            try await check(await client.call(.get, "/v1/accountabilities?team_id=\(a.smbTeam.lower)&state=pending", token: a.ownerToken).body.ids == [id.lowercased()])
            // Only the assignee answers; declining needs a reason and tells the assigner.
            try await check(await client.call(.post, "/v1/accountabilities/\(id)/acknowledge", token: a.smbManagerToken).status == .forbidden)
            let noReason = try await client.call(.post, "/v1/accountabilities/\(id)/decline", token: a.csmToken, json: "{}")
            #expect(noReason.body["field"] as? String == "reason")
            let declined = try await client.call(.post, "/v1/accountabilities/\(id)/decline", token: a.csmToken, json: body(["reason": "担当顧客が多すぎます"]))
            #expect(declined.body["state"] as? String == "declined")
            try await check(await client.call(.get, "/v1/me/notifications", token: a.smbManagerToken).body.items.contains {
                $0["kind"] as? String == "accountability.declined"
            })
            // Reassigning closes the old one (kept, linked) and opens a new one.
            let reassigned = try await client.call(.post, "/v1/accountabilities/\(id)/reassign", token: a.smbManagerToken,
                                                   json: body(["assignee_id": a.smbManager.lower]))
            #expect(reassigned.status == .created)
            let newID = try #require(reassigned.body["id"] as? String)
            #expect((reassigned.body["replaces_id"] as? String)?.lowercased() == id.lowercased())
            let old = try await client.call(.get, "/v1/accountabilities/\(id)", token: a.ownerToken)
            #expect(old.body["state"] as? String == "reassigned")
            #expect((old.body["replaced_by_id"] as? String)?.lowercased() == newID.lowercased())
            try await check(await client.call(.post, "/v1/accountabilities/\(id)/complete", token: a.ownerToken).status == .conflict)
            try await check(await client.call(.post, "/v1/accountabilities/\(newID)/acknowledge", token: a.smbManagerToken).body["state"] as? String == "acknowledged")
            try await check(await client.call(.post, "/v1/accountabilities/\(newID)/complete", token: a.smbManagerToken).body["state"] as? String == "completed")
            // Bad input.
            let unknown = try await client.call(.post, "/v1/accountabilities", token: a.ownerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "goal", "subject_id": UUID().uuidString]))
            #expect(unknown.body["field"] as? String == "subject_id")
            let customer = try await client.call(.post, "/v1/accountabilities", token: a.ownerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "customer", "subject_id": UUID().uuidString]))
            #expect(customer.status == .unprocessableContent)
            #expect(customer.body["field"] as? String == "subject_id", "an unknown customer is refused where it is named")
        }
    }

    @Test func dashboardsExportAndTransfer() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            try await check(await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/2026-10", token: a.csmToken,
                                              json: body(["actual": 91, "confidence": "off_track", "submit": true])).status == .ok)
            try await check(await client.call(.put, "/v1/goals/\(tree.nrr)/check-ins/2026-10", token: a.csmToken,
                                              json: body(["actual": 104, "confidence": "on_track"])).status == .ok)
            // Completion for October: the KGI, both KSFs (company, no team) and three KPIs (the SMB team).
            let completion = try await client.call(.get, "/v1/dashboards/check-in-completion?period=2026-10&company_id=\(a.smb.lower)", token: a.smbManagerToken)
            #expect(completion.status == .ok, "\(completion.body)")
            let total = try #require(completion.body["total"] as? [String: Any])
            #expect(total["expected"] as? Int == 6)
            #expect(total["submitted"] as? Int == 1)
            #expect(total["late"] as? Int == 1)
            let teamRow = try #require((completion.body["teams"] as? [[String: Any]])?.first { ($0["team_id"] as? String)?.lowercased() == a.smbTeam.lower })
            #expect(teamRow["expected"] as? Int == 3)
            #expect(abs((teamRow["completion_rate"] as? Double ?? 0) - 1.0 / 3.0) < 1e-9)
            let offTrack = try await client.call(.get, "/v1/dashboards/off-track?period=FY2026", token: a.ownerToken)
            #expect(offTrack.body.items.compactMap { ($0["goal"] as? [String: Any])?["title"] as? String } == ["SMB GRR"])
            let pending = try await client.call(.get, "/v1/dashboards/pending-reviews", token: a.ownerToken)
            #expect(pending.body.items.first?["pending"] as? Int == 1)
            try await check(await client.call(.get, "/v1/dashboards/pending-reviews", token: a.csmToken).status == .forbidden)

            // CSV for Excel: a BOM, CRLF, Japanese headers for a Japanese reader, the tree in order.
            let csv = try await client.execute(uri: "/v1/goals/export.csv?period=FY2026-H2&company_id=\(a.smb.lower)", method: .get,
                                               headers: [.authorization: "Bearer \(a.ownerToken)"]) { response in
                (response.headers[.contentType], Array(response.body.readableBytesView))
            }
            #expect(csv.0 == "text/csv; charset=utf-8")
            #expect(Array(csv.1.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: csv.1.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 7)
            #expect(lines[0].hasPrefix("階層,種別,目標,担当"))
            #expect(lines[0].contains("2026-10 実績"))
            #expect(lines[1].contains("下期売上"))
            #expect(lines.contains { $0.contains("SMB GRR") && $0.contains(",91,off_track,submitted") })
            let sjis = try await client.execute(uri: "/v1/goals/export.csv?period=FY2026-H2&encoding=cp932", method: .get,
                                                headers: [.authorization: "Bearer \(a.ownerToken)"]) { Data($0.body.readableBytesView) }
            #expect(String(data: sjis, encoding: .shiftJIS)?.contains("下期売上") == true)
            #expect(!sjis.starts(with: [0xEF, 0xBB, 0xBF]))

            // Transfer (人事異動): the CSM's KPIs, their open check-in, and accountabilities go to the manager.
            try await check(await client.call(.post, "/v1/accountabilities", token: a.ownerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "duty", "duty": "オンボーディング資料の更新", "team_id": a.smbTeam.lower])).status == .created)
            try await check(await client.call(.post, "/v1/transfers", token: a.csmToken, json: body([
                "from_member_id": a.csm.lower, "to_member_id": a.smbManager.lower])).status == .forbidden)
            let transfer = try await client.call(.post, "/v1/transfers", token: a.smbManagerToken, json: body([
                "from_member_id": a.csm.lower, "to_member_id": a.smbManager.lower, "note": "4月の人事異動"]))
            #expect(transfer.status == .created, "\(transfer.body)")
            #expect((transfer.body["goal_ids"] as? [String])?.count == 3)
            #expect((transfer.body["check_in_ids"] as? [String])?.count == 1, "NRR's open October check-in")
            #expect((transfer.body["accountability_ids"] as? [String])?.count == 1)
            let grr = try await client.call(.get, "/v1/goals/\(tree.grr)", token: a.ownerToken)
            #expect((grr.body["owner_id"] as? String)?.lowercased() == a.smbManager.lower)
            try await check(await client.call(.get, "/v1/accountabilities?assignee_id=\(a.csm.lower)&state=pending,acknowledged", token: a.ownerToken).body.items.isEmpty)
            try await check(await client.call(.get, "/v1/me/notifications", token: a.smbManagerToken).body.items.contains {
                $0["kind"] as? String == "work.transferred"
            })
            let history = try await client.call(.get, "/v1/transfers?member_id=\(a.csm.lower)", token: a.ownerToken)
            #expect(history.body.items.count == 1)
            let same = try await client.call(.post, "/v1/transfers", token: a.ownerToken, json: body([
                "from_member_id": a.csm.lower, "to_member_id": a.csm.lower]))
            #expect(same.body["field"] as? String == "to_member_id")
        }
    }
}
