import API
import Settings
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct GoalTests {
    @Test func treeWithSmartProgressAndRollUp() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let created = try await client.call(.get, "/v1/goals/\(tree.grr)/smart", token: a.csmToken)
            #expect(created.status == .ok)
            #expect(created.body["passes"] as? Bool == true, "\(created.body)")
            // Check in October for GRR (reached the target) and NRR (no progress) — progress rolls up.
            for (goal, actual) in [(tree.grr, 95.0), (tree.nrr, 100.0), (tree.nps, 15.0)] {
                let response = try await client.call(
                    .put, "/v1/goals/\(goal)/check-ins/2026-10", token: a.csmToken,
                    json: body(["actual": actual, "confidence": "on_track", "comment": "順調", "submit": true]))
                #expect(response.status == .ok, "\(response.body)")
                #expect(response.body["state"] as? String == "submitted")
            }
            let response = try await client.call(.get, "/v1/goals/tree?period=FY2026&company_id=\(a.smb.lower)", token: a.smbManagerToken)
            #expect(response.status == .ok)
            #expect(response.body["count"] as? Int == 6)
            let roots = try #require(response.body["roots"] as? [[String: Any]])
            #expect(roots.count == 1)
            let kgi = roots[0]
            #expect((kgi["goal"] as? [String: Any])?["title"] as? String == "下期売上")
            let progress = try #require(kgi["progress"] as? Double)
            // Retention: (1 + 0) / 2 = 0.5; advocacy: 0.25; KGI: 0.375.
            #expect(abs(progress - 0.375) < 1e-9)
            let children = try #require(kgi["children"] as? [[String: Any]])
            #expect(children.count == 2)
            let kpis = children.flatMap { ($0["children"] as? [[String: Any]]) ?? [] }
            #expect(kpis.count == 3)
            let grr = try #require(kpis.first { (($0["goal"] as? [String: Any])?["metric"] as? String) == "GRR" })
            #expect(grr["last_confidence"] as? String == "on_track")
            #expect((grr["check_in"] as? [String: Any])?["state"] as? String == "submitted")
            // An unknown period is refused with the field named.
            let bad = try await client.call(.get, "/v1/goals/tree?period=FY2026-H3", token: a.ownerToken)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body["field"] as? String == "period")
        }
    }

    /// The tree is written by a hand-rolled JSON writer for speed; each node's goal must read exactly as the goal's
    /// own endpoint writes it (Foundation's encoder), escapes included.
    @Test func treeNodesMatchTheGoalEndpoint() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let tricky = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "kpi", "title": "\"引用\" \\ back\nslash\ttab \u{01} 😀", "parent_id": tree.ksfAdvocacy, "team_id": a.smbTeam.lower,
                "period": "FY2026-Q3", "metric": "率", "unit": "%", "baseline": 0.125, "target": 1e-5, "direction": "down",
                "weight": 2.5, "owner_id": a.csm.lower]))
            #expect(tricky.status == .created)
            try await check(await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/2026-10", token: a.csmToken,
                                              json: body(["actual": 92.75, "confidence": "at_risk", "submit": true])).status == .ok)
            let response = try await client.call(.get, "/v1/goals/tree?period=FY2026-H2&company_id=\(a.smb.lower)", token: a.ownerToken)
            var nodes = (response.body["roots"] as? [[String: Any]]) ?? []
            var seen = 0
            while let node = nodes.popLast() {
                nodes += (node["children"] as? [[String: Any]]) ?? []
                let goal = try #require(node["goal"] as? [String: Any])
                let id = try #require(goal["id"] as? String)
                let alone = try await client.call(.get, "/v1/goals/\(id)", token: a.ownerToken).body
                #expect(NSDictionary(dictionary: goal).isEqual(to: alone), "\(goal) vs \(alone)")
                seen += 1
            }
            #expect(seen == 7)
        }
    }

    @Test func badInputNamesTheField() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            func expect(_ fields: [String: Any?], field: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let response = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body(fields))
                #expect(response.status == .unprocessableContent, "\(response.body)", sourceLocation: sourceLocation)
                #expect(response.body["field"] as? String == field, "\(response.body)", sourceLocation: sourceLocation)
            }
            let base: [String: Any?] = ["kind": "kpi", "title": "Churn", "team_id": a.smbTeam.lower, "period": "FY2026-H2",
                                        "metric": "解約数", "unit": "件", "target": 3, "baseline": 5, "direction": "down"]
            try await expect(base.merging(["unit": nil]) { $1 }, field: "unit")
            try await expect(base.merging(["period": "FY2026-H3"]) { $1 }, field: "period")
            try await expect(base.merging(["period": "2026/11"]) { $1 }, field: "period")
            try await expect(base.merging(["kind": "okr"]) { $1 }, field: "kind")
            // The fiscal calendar cannot move under existing goals.
            let moved = try await client.call(.patch, "/v1/org", token: a.ownerToken, json: body(["fiscal_year_start_month": 10]))
            #expect(moved.status == .conflict)
            #expect(moved.body["field"] as? String == "fiscal_year_start_month")
            // A parent from another tree: an Enterprise KSF cannot hold an SMB KPI.
            let entKSF = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "ksf", "title": "Enterprise 定着", "description": "x", "company_id": a.enterprise.lower, "period": "FY2026-H2"]))
            let entID = try #require(entKSF.body["id"] as? String)
            try await expect(base.merging(["parent_id": entID]) { $1 }, field: "parent_id")
            // A KPI under a KPI, and a KSF with a target.
            try await expect(base.merging(["parent_id": tree.grr]) { $1 }, field: "parent_id")
            try await expect(["kind": "ksf", "title": "x", "company_id": a.smb.lower, "period": "FY2026-H2", "target": 3, "unit": "件"], field: "target")
            // A period longer than the parent's.
            try await expect(base.merging(["parent_id": tree.ksfRetention, "period": "FY2026"]) { $1 }, field: "period")
            // A check-in for an archived goal.
            try await check(await client.call(.post, "/v1/goals/\(tree.nps)/archive", token: a.ownerToken).status == .ok)
            let late = try await client.call(.put, "/v1/goals/\(tree.nps)/check-ins/2026-10", token: a.csmToken, json: body(["actual": 12]))
            #expect(late.status == .unprocessableContent)
            #expect(late.body["field"] as? String == "goal_id")
            // A check-in period that has not started, or that is not the goal's.
            for period in ["2026-12", "2026-09", "2026-W40"] {
                let response = try await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/\(period)", token: a.csmToken, json: body(["actual": 91]))
                #expect(response.status == .unprocessableContent, "\(period)")
                #expect(response.body["field"] as? String == "period", "\(period)")
            }
        }
    }

    @Test func smartBlockModeRefusesAndWarnModeReports() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let vague: [String: Any?] = ["kind": "kpi", "title": "Onboarding", "parent_id": tree.ksfRetention, "team_id": a.smbTeam.lower,
                                         "period": "FY2026-H2", "metric": "完了率", "unit": "%", "target": 80]
            let warned = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body(vague))
            #expect(warned.status == .created)
            let smart = try #require(warned.body["smart"] as? [String: Any])
            #expect(smart["passes"] as? Bool == false)
            let letters = try #require(smart["letters"] as? [[String: Any]])
            let failing = Set(letters.filter { $0["verdict"] as? String == "fail" }.compactMap { $0["letter"] as? String })
            #expect(failing == ["achievable", "time_bound"], "no baseline, no due date")
            #expect(letters.first { $0["letter"] as? String == "time_bound" }?["reason"] as? String == "期限がありません", "the owner reads Japanese")
            let viewer = try await client.call(.patch, "/v1/org/goal-settings", token: a.viewerToken, json: body(["smart_mode": "block"]))
            #expect(viewer.status == .forbidden)
            try await check(await client.call(.patch, "/v1/org/goal-settings", token: a.ownerToken, json: body(["smart_mode": "block"])).status == .ok)
            let blocked = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body(vague))
            #expect(blocked.status == .unprocessableContent)
            #expect(blocked.body["code"] as? String == "smart_failed")
            let fields = Set(((blocked.body["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["target", "due_date"])
            let settings = try await client.call(.patch, "/v1/org/goal-settings", token: a.ownerToken, json: body(["check_in_due_business_day": 0]))
            #expect(settings.body["field"] as? String == "check_in_due_business_day")
        }
    }

    @Test func moveArchiveAndCopyIntoTheNextPeriod() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            // Move NPS under retention; a KSF cannot go under its own KPI.
            let moved = try await client.call(.post, "/v1/goals/\(tree.nps)/move", token: a.ownerToken, json: body(["parent_id": tree.ksfRetention]))
            #expect(moved.status == .ok)
            #expect((moved.body["parent_id"] as? String)?.lowercased() == tree.ksfRetention)
            let loop = try await client.call(.post, "/v1/goals/\(tree.kgi)/move", token: a.ownerToken, json: body(["parent_id": tree.grr]))
            #expect(loop.status == .unprocessableContent)
            #expect(loop.body["field"] as? String == "parent_id")
            // A reported actual becomes the next period's baseline when the tree is copied.
            try await check(await client.call(
                .put, "/v1/goals/\(tree.grr)/check-ins/2026-10", token: a.csmToken,
                json: body(["actual": 92.5, "confidence": "at_risk", "submit": true])).status == .ok)
            let copy = try await client.call(.post, "/v1/goals/\(tree.ksfRetention)/copy", token: a.ownerToken, json: "{}")
            #expect(copy.status == .created, "\(copy.body)")
            #expect(copy.body["copied"] as? Int == 4, "the KSF and its three KPIs")
            let root = try #require(copy.body["root"] as? [String: Any])
            #expect(root["period"] as? String == "FY2027-H1")
            #expect(root["parent_id"] == nil, "FY2026's KGI cannot hold an FY2027 goal")
            let copies = try await client.call(.get, "/v1/goals?period=FY2027&metric=GRR", token: a.ownerToken)
            let grrCopy = try #require(copies.body.items.first { $0["metric"] as? String == "GRR" })
            #expect(grrCopy["baseline"] as? Double == 92.5)
            #expect(grrCopy["due_date"] as? String == "2027-09-30")
            // Archiving the KSF takes its KPIs along.
            let archived = try await client.call(.post, "/v1/goals/\(tree.ksfRetention)/archive", token: a.ownerToken)
            #expect(Set((archived.body["archived"] as? [String])?.map { $0.lowercased() } ?? []) == [tree.ksfRetention, tree.grr, tree.nrr, tree.nps])
            let live = try await client.call(.get, "/v1/goals/tree?period=FY2026-H2&company_id=\(a.smb.lower)", token: a.ownerToken)
            #expect(live.body["count"] as? Int == 2, "the KGI and the other KSF")
            // A CSM edits their own KPI but not the manager's KGI.
            try await check(await client.call(.patch, "/v1/goals/\(tree.kgi)", token: a.csmToken, json: body(["title": "x"])).status == .forbidden)
        }
    }
}
