import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Store
import Testing

/// KPIs bound to behaviour metrics (seed 000: the KGI is the health score, the KPIs are the behaviours that keep it
/// from falling) count program sessions held, touches and process steps completed in the check-in period — over a
/// team's customers for a team goal, over the org for an org goal, and what the member did for a personal goal.
/// Every expected figure is counted by hand from the rows written here, with rows just outside the period, outside
/// the team and by someone else beside them.
@Suite("Behaviour-bound KPIs")
struct BehaviourMetricTests {
    @Test("sessions held, touches and process steps done count per scope and period, and fill the opened check-in")
    func counts() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            // Two programs the org's CSM runs; the second customer then moves to Enterprise (its current place
            // decides the team goal's customers).
            let smbProgram = try await ProgramFixture.make(client, a, store, start: "2026-10-01", customerName: "北海商事")
            let movedProgram = try await ProgramFixture.make(client, a, store, start: "2026-10-01", customerName: "南海物産")
            func session(_ enrolment: String, held: String?, planned: String? = nil) async throws {
                var fields: [String: Any] = ["kind": "other"]
                if let held { fields["held_on"] = held; fields["duration_minutes"] = 30 }
                if let planned { fields["planned_on"] = planned }
                let made = try await client.call(.post, "/v1/enrolments/\(enrolment)/sessions", token: a.csmToken, json: body(fields))
                #expect(made.status == .created, "\(made.body)")
            }
            try await session(smbProgram.enrolment, held: "2026-10-25")
            try await session(smbProgram.enrolment, held: "2026-10-31")
            try await session(smbProgram.enrolment, held: "2026-11-01")  // the next month
            try await session(smbProgram.enrolment, held: nil, planned: "2026-10-28")  // planned, never held
            try await session(movedProgram.enrolment, held: "2026-10-26")
            try await store.tenant(a.orgID) { tx in
                try await tx.execute(
                    "UPDATE customer SET company_id = \(a.enterprise), team_id = \(a.enterpriseTeam) WHERE org_id = \(a.orgID) AND id = \(movedProgram.customer)")
            }

            // Touches. The first and last minutes of October are October in Tokyo, whatever UTC says.
            let mine = smbProgram.customer
            let colleague = try await a.addCustomer(store, name: "東洋工業", owner: a.csm)
            let enterprise = try await a.addCustomer(store, name: "大手製作所", company: a.enterprise, team: a.enterpriseTeam)
            func touch(_ customer: UUID, _ kind: String, _ at: String, token: String) async throws {
                let made = try await client.call(.post, "/v1/customers/\(customer.lower)/timeline", token: token, json: body([
                    "kind": kind, "title": "\(kind) \(at)", "occurred_at": at]))
                #expect(made.status == .created, "\(made.body)")
            }
            try await touch(mine, "meeting", "2026-09-30T15:30:00Z", token: a.csmToken)  // 10-01 00:30 JST
            try await touch(mine, "call", "2026-10-31T14:30:00Z", token: a.csmToken)  // 10-31 23:30 JST
            try await touch(mine, "note", "2026-10-10T01:00:00Z", token: a.csmToken)  // a note is not a touch
            try await touch(mine, "email", "2026-10-31T15:10:00Z", token: a.csmToken)  // 11-01 00:10 JST
            try await touch(colleague, "call", "2026-10-15T01:00:00Z", token: a.ownerToken)
            try await touch(enterprise, "call", "2026-10-16T01:00:00Z", token: a.ownerToken)

            // Process steps: two on the CSM's customer (October, then November), one on the other SMB customer by
            // the owner.
            let position = try await ProcessFixture.position(client, a, "CSM")
            let process = try await ProcessFixture.published(client, a, name: "行動指標プロセス", steps: ProcessFixture.twoSteps(position))
            func place(_ customer: UUID) async throws -> String {
                let url = "/v1/customers/\(customer.lower)/process"
                let placed = try await client.call(
                    .put, url, token: a.ownerToken, json: #"{"version_id":"\#(process.version)","placed_on":"2026-10-01"}"#)
                #expect(placed.status == .ok, "\(placed.body)")
                return url
            }
            func complete(_ url: String, step: Int, on day: String, token: String) async throws {
                let done = try await client.call(
                    .post, "\(url)/steps/\(process.steps[step])/complete", token: token, json: #"{"completed_on":"\#(day)"}"#)
                #expect(done.status == .ok, "\(done.body)")
            }
            let minePlacement = try await place(mine)
            try await complete(minePlacement, step: 0, on: "2026-10-11", token: a.csmToken)
            try await complete(minePlacement, step: 1, on: "2026-11-02", token: a.csmToken)
            try await complete(try await place(colleague), step: 0, on: "2026-10-20", token: a.ownerToken)

            func kpi(_ metric: String, _ scope: [String: Any]) async throws -> String {
                // No measure name or unit typed: the bound metric's own, in the org's language.
                var fields: [String: Any] = [
                    "kind": "kpi", "title": "\(metric) \(scope.keys.sorted())", "period": "FY2026-H2", "target": 10, "bound_metric": metric]
                fields.merge(scope) { _, new in new }
                let made = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body(fields))
                #expect(made.status == .created, "\(made.body)")
                #expect(made.body["unit"] as? String == (metric == "program_sessions_held" ? "回" : "件"))
                #expect((made.body["metric"] as? String)?.isEmpty == false)
                return try #require(made.body["id"] as? String)
            }
            func value(_ goal: String, _ period: String = "2026-10") async throws -> Double? {
                let answer = try await client.call(.post, "/v1/goals/\(goal)/bound-value?period=\(period)", token: a.ownerToken)
                #expect(answer.status == .ok, "\(answer.body)")
                #expect(answer.body["unit"] as? String == "count")
                return answer.body["value"] as? Double
            }
            let team: [String: Any] = ["team_id": a.smbTeam.lower, "owner_id": a.smbManager.lower]
            let member: [String: Any] = ["scope": "member", "team_id": a.smbTeam.lower, "owner_id": a.csm.lower]
            let org: [String: Any] = [:]
            let expected: [(String, [String: Any], Double)] = [
                // The SMB team's customers: the two October sessions of the SMB program (not November's, not the
                // planned one, not the program whose customer is now Enterprise's).
                ("program_sessions_held", team, 2), ("program_sessions_held", member, 3), ("program_sessions_held", org, 3),
                // A held session is a touch too (it stands on the timeline as the program CSM's meeting). The SMB
                // customers: the meeting, the call and the two October sessions on the CSM's customer, the owner's
                // call on the other; not the note, not November's e-mail or session, not the Enterprise customers.
                // The CSM herself: the meeting, the call and three sessions (the moved customer's included). The org:
                // all of October's seven.
                ("touches", team, 5), ("touches", member, 5), ("touches", org, 7),
                // October's steps: the CSM's on her customer, the owner's on the other.
                ("process_steps_done", team, 2), ("process_steps_done", member, 1), ("process_steps_done", org, 2),
            ]
            for (metric, scope, count) in expected {
                let goal = try await kpi(metric, scope)
                #expect(try await value(goal) == count, "\(metric) \(scope.keys.sorted())")
                // A month nobody did anything is zero, not "nothing to measure".
                #expect(try await value(goal, "2026-08") == 0, "\(metric) \(scope.keys.sorted())")
            }

            // Opening the check-in fills the actual with the count.
            let touches = try await kpi("touches", member)
            let opened = try await client.call(.put, "/v1/goals/\(touches)/check-ins/2026-10", token: a.csmToken, json: body(["comment": "訪問強化"]))
            #expect(opened.status == .ok, "\(opened.body)")
            #expect(opened.body["actual"] as? Double == 5)
            // One more touch that month, recomputed into the open check-in.
            try await touch(mine, "presentation", "2026-10-20T05:00:00Z", token: a.csmToken)
            let again = try await client.call(.post, "/v1/goals/\(touches)/bound-value?period=2026-10", token: a.csmToken)
            #expect(again.body["value"] as? Double == 6 && again.body["written"] as? Bool == true, "\(again.body)")

            // The OpenAPI document offers the behaviours.
            let spec = try await client.execute(uri: "/openapi.json", method: .get) { String(buffer: $0.body) }
            #expect(spec.contains("\"program_sessions_held\"") && spec.contains("\"process_steps_done\""))
        }
    }

    @Test("a KGI or KSF is not bound to a behaviour, and an unknown metric is refused at its field")
    func refusals() async throws {
        try await withTenants { client, a, _, _ in
            let ksf = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "ksf", "title": "接点を増やす", "period": "FY2026", "team_id": a.smbTeam.lower, "bound_metric": "touches"]))
            #expect(ksf.status == .unprocessableContent)
            #expect(ksf.body["field"] as? String == "bound_metric", "\(ksf.body)")
            let unknown = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "kpi", "title": "謎の指標", "period": "FY2026", "team_id": a.smbTeam.lower, "bound_metric": "logins"]))
            #expect(unknown.status == .unprocessableContent || unknown.status == .badRequest)
            #expect(unknown.body["field"] as? String == "bound_metric", "\(unknown.body)")
        }
    }
}
