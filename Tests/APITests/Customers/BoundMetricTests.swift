import API
import Database
import HTTPTypes
import Domain
import Foundation
import HummingbirdTesting
import Store
import Testing

@Suite("Bound KPIs")
struct BoundMetricTests {
    @Test("a KPI bound to NPS fills its check-in's actual when it opens and on demand; only KPIs are bound")
    func nps() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "KPI顧客", owner: a.csm)
            for score in [10, 10, 5] {
                _ = try await client.call(.post, "/v1/customers/\(customer)/nps-responses", token: a.csmToken, json: body([
                    "score": score, "responded_on": "2026-10-15"]))
            }
            let goal = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "kpi", "title": "NPS 30以上", "period": "FY2026", "team_id": a.smbTeam.lower, "owner_id": a.csm.lower,
                "metric": "NPS", "unit": "pt", "target": 30, "bound_metric": "nps"]))
            #expect(goal.status == .created, "\(goal.body)")
            #expect(goal.body["bound_metric"] as? String == "nps")
            let id = try #require(goal.body["id"] as? String)

            let opened = try await client.call(.put, "/v1/goals/\(id)/check-ins/2026-10", token: a.csmToken, json: body(["comment": "順調"]))
            #expect(opened.status == .ok, "\(opened.body)")
            #expect(opened.body["actual"] as? Double == 33.3)

            _ = try await client.call(.post, "/v1/customers/\(customer)/nps-responses", token: a.csmToken, json: body([
                "score": 9, "responded_on": "2026-10-20"]))
            let value = try await client.call(.post, "/v1/goals/\(id)/bound-value?period=2026-10", token: a.csmToken)
            #expect(value.status == .ok, "\(value.body)")
            #expect(value.body["value"] as? Double == 50)
            #expect(value.body["written"] as? Bool == true)
            let checkIns = try await client.call(.get, "/v1/goals/\(id)/check-ins", token: a.csmToken)
            #expect(checkIns.body.items.first?["actual"] as? Double == 50)

            let empty = try await client.call(.post, "/v1/goals/\(id)/bound-value?period=2026-08", token: a.csmToken)
            #expect(empty.body["value"] == nil)
            #expect(empty.body["written"] as? Bool == false)
            let badPeriod = try await client.call(.post, "/v1/goals/\(id)/bound-value?period=someday", token: a.csmToken)
            #expect(try revenueProblemField(badPeriod.body) == "period")
            #expect(try await client.call(.post, "/v1/goals/\(id)/bound-value", token: a.viewerToken).status == .notFound)

            let ksf = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "ksf", "title": "関係構築", "period": "FY2026", "team_id": a.smbTeam.lower, "bound_metric": "grr"]))
            #expect(ksf.status == .unprocessableContent)
            #expect(try revenueProblemField(ksf.body) == "bound_metric")
            let unbound = try await client.call(.patch, "/v1/goals/\(id)", token: a.ownerToken, json: body(["bound_metric": nil]))
            #expect(unbound.status == .ok)
            #expect(unbound.body["bound_metric"] == nil)
        }
    }

    @Test("a GRR-bound KPI measures the period's first month to its last over the goal's team")
    func grr() async throws {
        try await withTenants { client, a, _, services in
            let kept = try await a.addCustomer(services.store, name: "継続", owner: a.csm)
            let lost = try await a.addCustomer(services.store, name: "解約", owner: a.csm)
            try await RevenueFixture.contract(client, a.ownerToken, customer: kept, start: "2026-01-01", end: "2027-12-31")
            try await RevenueFixture.contract(client, a.ownerToken, customer: lost, start: "2026-01-01", end: "2026-08-31")
            let goal = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "kpi", "title": "GRR 90%", "period": "FY2026-H1", "team_id": a.smbTeam.lower, "owner_id": a.csm.lower,
                "metric": "GRR", "unit": "%", "target": 90, "cadence": "quarterly", "bound_metric": "grr"]))
            let id = try #require(goal.body["id"] as? String, "\(goal.body)")
            // FY2026-Q2 is July–September: the lost customer paid in July, not in September.
            let value = try await client.call(.post, "/v1/goals/\(id)/bound-value?period=FY2026-Q2", token: a.ownerToken)
            #expect(value.status == .ok, "\(value.body)")
            #expect(value.body["value"] as? Double == 50)
        }
    }
}
