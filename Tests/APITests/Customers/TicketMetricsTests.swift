import API
import Domain
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct TicketMetricsAPITests {
    @Test func reportPerPriorityPhaseAndProduct() async throws {
        try await withTenants { client, a, _, services in
            let world = try await SupportWorld.make(a, services.store)
            let outcome = try await a.addCustomer(services.store, name: "エンドウ物産", kana: "エンドウブッサン", phase: .outcome)
            let enterprise = try await a.addCustomer(services.store, name: "大手商事", company: a.enterprise, team: a.enterpriseTeam)
            func ticket(_ customer: UUID, _ fields: [String: Any?]) async throws -> String {
                let response = try await client.call(.post, "/v1/customers/\(customer.lower)/tickets", token: a.ownerToken, json: body(fields))
                #expect(response.status == .created, "\(fields) → \(response.body)")
                return try #require(response.body["id"] as? String)
            }
            // A: high, answered in 1 h, resolved in 4 h, CSAT 5.
            _ = try await ticket(world.own, ["title": "A", "priority": "high", "product": "Web", "opened_at": "2026-11-02T09:00:00+09:00",
                                             "first_response_at": "2026-11-02T10:00:00+09:00", "status": "resolved",
                                             "resolved_at": "2026-11-02T13:00:00+09:00", "csat": 5])
            // B: high, answered in 3 h, resolved, reopened, resolved again after 48 h, CSAT 3.
            let b = try await ticket(world.own, ["title": "B", "priority": "high", "opened_at": "2026-11-03T09:00:00+09:00",
                                                 "first_response_at": "2026-11-03T12:00:00+09:00", "status": "resolved",
                                                 "resolved_at": "2026-11-04T09:00:00+09:00", "csat": 3])
            try await check(await client.call(.patch, "/v1/tickets/\(b)", token: a.ownerToken, json: body(["status": "open"])).body["reopen_count"] as? Int == 1)
            try await check(await client.call(.patch, "/v1/tickets/\(b)", token: a.ownerToken,
                                              json: body(["resolved_at": "2026-11-05T09:00:00+09:00"])).body["status"] as? String == "resolved")
            // C: normal, opened in the window, unanswered. D: normal, opened before it, still open.
            _ = try await ticket(world.own, ["title": "C", "opened_at": "2026-11-10T09:00:00+09:00"])
            _ = try await ticket(world.other, ["title": "D", "opened_at": "2026-10-20T09:00:00+09:00"])
            // E: low, opened before the window, resolved in it, CSAT 4.
            _ = try await ticket(world.other, ["title": "E", "priority": "low", "opened_at": "2026-10-25T09:00:00+09:00", "status": "resolved",
                                               "resolved_at": "2026-11-01T09:00:00+09:00", "csat": 4])
            // H: a customer in the outcome phase; I: Enterprise, which SMB's support does not read.
            _ = try await ticket(outcome, ["title": "H", "opened_at": "2026-11-12T09:00:00+09:00", "first_response_at": "2026-11-12T11:00:00+09:00"])
            _ = try await ticket(enterprise, ["title": "I", "priority": "urgent", "opened_at": "2026-11-11T09:00:00+09:00"])

            let report = try await client.call(.get, "/v1/reports/tickets?from=2026-11-01&to=2026-11-24&group_by=priority", token: world.support.token)
            #expect(report.status == .ok, "\(report.body)")
            let groups = try #require(report.body["groups"] as? [[String: Any]])
            #expect(groups.compactMap { $0["key"] as? String } == ["high", "low", "normal"])
            let high = try #require(groups.first { $0["key"] as? String == "high" })
            #expect(high["opened"] as? Int == 2)
            #expect(high["resolved"] as? Int == 2)
            let first = try #require(high["first_response"] as? [String: Any])
            #expect(first["median_hours"] as? Double == 2)
            #expect(abs((first["p90_hours"] as? Double ?? 0) - 2.8) < 1e-9)
            let resolution = try #require(high["resolution"] as? [String: Any])
            let expected = try #require(TicketMetrics.spread(of: [4, 48]))
            #expect(abs((resolution["median_hours"] as? Double ?? 0) - expected.median) < 1e-9, "the SQL agrees with the domain")
            #expect(abs((resolution["p90_hours"] as? Double ?? 0) - expected.p90) < 1e-9)
            #expect(high["backlog"] as? Int == 0)
            #expect(high["csat_average"] as? Double == 4)
            #expect(high["csat_count"] as? Int == 2)
            #expect(high["reopen_rate"] as? Double == 0.5)
            let normal = try #require(groups.first { $0["key"] as? String == "normal" })
            #expect(normal["opened"] as? Int == 2, "C and H")
            #expect(normal["backlog"] as? Int == 3, "C, D and H are open at the end")
            let low = try #require(groups.first { $0["key"] as? String == "low" })
            #expect(low["opened"] as? Int == 0)
            #expect(low["resolved"] as? Int == 1)
            #expect(low["csat_average"] as? Double == 4)
            #expect(low["reopen_rate"] == nil)
            let total = try #require(report.body["total"] as? [String: Any])
            #expect(total["opened"] as? Int == 4)
            #expect(total["resolved"] as? Int == 3)
            #expect(total["backlog"] as? Int == 3)
            #expect(total["csat_count"] as? Int == 3)
            #expect(total["csat_average"] as? Double == 4)

            // The owner reads Enterprise too.
            let owner = try await client.call(.get, "/v1/reports/tickets?from=2026-11-01&to=2026-11-24", token: a.ownerToken)
            #expect((owner.body["total"] as? [String: Any])?["opened"] as? Int == 5)
            #expect(owner.body["group_by"] as? String == "priority")
            let smbOnly = try await client.call(.get, "/v1/reports/tickets?from=2026-11-01&to=2026-11-24&company_id=\(a.smb.lower)", token: a.ownerToken)
            #expect((smbOnly.body["total"] as? [String: Any])?["opened"] as? Int == 4)

            // The backlog is what was open at `to`: B, resolved on the 5th, was open at the end of the 3rd.
            let early = try await client.call(.get, "/v1/reports/tickets?from=2026-11-01&to=2026-11-03", token: world.support.token)
            let earlyHigh = try #require((early.body["groups"] as? [[String: Any]])?.first { $0["key"] as? String == "high" })
            #expect(earlyHigh["opened"] as? Int == 2)
            #expect(earlyHigh["resolved"] as? Int == 1)
            #expect(earlyHigh["backlog"] as? Int == 1)

            // By the lifecycle phase when the ticket opened, and by product (tickets without one grouped last).
            let phases = try await client.call(.get, "/v1/reports/tickets?from=2026-11-01&to=2026-11-24&group_by=phase", token: world.support.token)
            let byPhase = try #require(phases.body["groups"] as? [[String: Any]])
            #expect(byPhase.first { $0["key"] as? String == "onboarding" }?["opened"] as? Int == 3)
            #expect(byPhase.first { $0["key"] as? String == "outcome" }?["opened"] as? Int == 1)
            let products = try await client.call(.get, "/v1/reports/tickets?from=2026-11-01&to=2026-11-24&group_by=product", token: world.support.token)
            let byProduct = try #require(products.body["groups"] as? [[String: Any]])
            #expect(byProduct.count == 2)
            #expect(byProduct.first?["key"] as? String == "Web")
            #expect(byProduct.last?["key"] == nil)

            // Bad input.
            for (query, field) in [("group_by=team", "group_by"), ("from=2026-11-30&to=2026-11-01", "from"), ("to=2026-13-01", "to"),
                                   ("from=2020-01-01&to=2026-11-01", "from")] {
                let refused = try await client.call(.get, "/v1/reports/tickets?\(query)", token: a.ownerToken)
                #expect(refused.status == .unprocessableContent, "\(query)")
                #expect(refused.body["field"] as? String == field, "\(query): \(refused.body)")
            }
            // With nothing in the window the total is zeros.
            let empty = try await client.call(.get, "/v1/reports/tickets?from=2020-01-01&to=2020-01-31", token: a.ownerToken)
            #expect((empty.body["total"] as? [String: Any])?["opened"] as? Int == 0)
            #expect((empty.body["groups"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}
