import API
import Database
import HTTPTypes
import Domain
import Foundation
import HummingbirdTesting
import Store
import Testing

@Suite("Upcoming renewals")
struct RenewalListTests {
    @Test("contracts whose notice deadline falls in the window, soonest first, with health, tickets and NPS; support sees no ARR")
    func upcoming() async throws {
        try await withTenants { client, a, _, services in
            // Today is 2026-11-24.
            let soon = try await a.addCustomer(services.store, name: "すぐ更新", owner: a.csm)
            let later = try await a.addCustomer(services.store, name: "あとで更新", owner: a.csm)
            let far = try await a.addCustomer(services.store, name: "まだ先", owner: a.csm)
            // Auto-renewing, ends 2027-03-31 with 3 months' notice: deadline 2026-12-31 (37 days).
            try await RevenueFixture.contract(client, a.ownerToken, customer: later, start: "2026-04-01", end: "2027-03-31",
                                              autoRenews: true, noticeMonths: 3)
            // Not auto-renewing, ends 2026-12-15: the end date is the deadline (21 days).
            try await RevenueFixture.contract(client, a.ownerToken, customer: soon, start: "2026-01-01", end: "2026-12-15")
            // Ends 2027-11-30: outside 120 days.
            try await RevenueFixture.contract(client, a.ownerToken, customer: far, start: "2026-12-01", end: "2027-11-30")
            try await services.store.tenant(a.orgID) { tx in
                _ = try await tx.execute("""
                    INSERT INTO ticket (org_id, id, customer_id, title, priority, opened_at, phase_at_open)
                    VALUES (\(a.orgID), \(UUID.v7()), \(soon), '障害', 'urgent', '2026-11-01T00:00:00Z', 'onboarding'),
                           (\(a.orgID), \(UUID.v7()), \(soon), '質問', 'low', '2026-11-01T00:00:00Z', 'onboarding')
                    """)
            }
            _ = try await client.call(.post, "/v1/customers/\(soon)/nps-responses", token: a.csmToken, json: body([
                "score": 4, "responded_on": "2026-11-01"]))

            let list = try await client.call(.get, "/v1/renewals?within_days=120", token: a.csmToken)
            #expect(list.status == .ok, "\(list.body)")
            let items = list.body.items
            #expect(items.map { ($0["customer"] as? [String: Any])?["name"] as? String } == ["すぐ更新", "あとで更新"])
            #expect(items.map { $0["notice_deadline"] as? String } == ["2026-12-15", "2026-12-31"])
            #expect(items.map { $0["days_left"] as? Int } == [21, 37])
            #expect(items.first?["open_critical_tickets"] as? Int == 1)
            #expect(items.first?["latest_nps"] as? Int == 4)
            #expect((items.first?["arr"] as? [String: Any])?["amount_minor"] as? Int == 1_200_000)

            let support = try await a.addMember(services.store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let seen = try await client.call(.get, "/v1/renewals", token: support.token)
            #expect(seen.body.items.count == 2)
            #expect(seen.body.items.allSatisfy { $0["arr"] == nil })
            let viewer = try await client.call(.get, "/v1/renewals", token: a.viewerToken)
            #expect(viewer.body.items.isEmpty)
            let bad = try await client.call(.get, "/v1/renewals?within_days=0", token: a.ownerToken)
            #expect(try revenueProblemField(bad.body) == "within_days")
        }
    }
}
