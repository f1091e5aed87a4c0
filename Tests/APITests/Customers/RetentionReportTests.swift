import API
import Database
import HTTPTypes
import Domain
import Foundation
import HummingbirdTesting
import Store
import Testing

@Suite("Retention reports")
struct RetentionReportTests {
    /// Four cohort customers of the SMB team (retained, contracted, churned, expanded) and a new one.
    static func book(_ client: any TestClientProtocol, _ a: TenantOrg, _ store: Store) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for name in ["retained", "contracted", "churned", "expanded", "new"] {
            ids[name] = try await a.addCustomer(store, name: name, owner: a.csm)
        }
        try await RevenueFixture.contract(client, a.ownerToken, customer: ids["retained"]!, start: "2025-01-01", end: "2026-12-31")
        func snapshot(_ name: String, _ month: String, _ amount: Int) async throws {
            let response = try await client.call(.put, "/v1/customers/\(ids[name]!)/revenue/\(month)", token: a.ownerToken, json: body([
                "amount_minor": amount, "currency": "JPY"]))
            #expect(response.status == .ok)
        }
        try await snapshot("contracted", "2025-10", 200_000)
        try await snapshot("contracted", "2026-10", 100_000)
        try await snapshot("churned", "2025-10", 100_000)
        try await snapshot("expanded", "2025-10", 100_000)
        try await snapshot("expanded", "2026-10", 150_000)
        try await snapshot("new", "2026-10", 500_000)
        return ids
    }

    @Test("GRR caps each customer at its start, NRR adds expansion, new customers stay out; the breakdown explains it")
    func worked() async throws {
        try await withTenants { client, a, _, services in
            let ids = try await Self.book(client, a, services.store)
            let report = try await client.call(
                .get, "/v1/reports/retention?start=2025-10&end=2026-10&breakdown=true", token: a.smbManagerToken)
            #expect(report.status == .ok, "\(report.body)")
            let overall = try #require(report.body["overall"] as? [String: Any])
            #expect(overall["grr"] as? Double == 60)
            #expect(overall["nrr"] as? Double == 70)
            #expect(overall["cohort_size"] as? Int == 4)
            #expect(overall["new_customers"] as? Int == 1)
            let lines = try #require(report.body["breakdown"] as? [[String: Any]])
            let movement = Dictionary(uniqueKeysWithValues: lines.map { ($0["customer_id"] as! String, $0["movement"] as! String) })
            #expect(movement[ids["retained"]!.lower] == "retained")
            #expect(movement[ids["contracted"]!.lower] == "contracted")
            #expect(movement[ids["churned"]!.lower] == "churned")
            #expect(movement[ids["expanded"]!.lower] == "expanded")
            // Contributions add up to the figure: GRR − 100 and NRR − 100.
            #expect(abs(lines.map { $0["grr_contribution"] as! Double }.reduce(0, +) - (-40)) < 0.001)
            #expect(abs(lines.map { $0["nrr_contribution"] as! Double }.reduce(0, +) - (-30)) < 0.001)
            // Biggest losses first (the churned and the contracted customer each lost 100,000).
            #expect(lines.prefix(2).allSatisfy { $0["nrr_contribution"] as? Double == -20 })
            #expect(lines.last?["customer_id"] as? String == ids["expanded"]!.lower)

            let byTeam = try await client.call(.get, "/v1/reports/retention?start=2025-10&end=2026-10&group_by=team", token: a.ownerToken)
            let groups = try #require(byTeam.body["groups"] as? [[String: Any]])
            #expect(groups.map { $0["key"] as? String } == [a.smbTeam.lower])
            let trend = try await client.call(.get, "/v1/reports/retention/trend?months=3&window=12", token: a.ownerToken)
            #expect((trend.body["points"] as? [[String: Any]])?.map { $0["month"] as? String } == ["2026-08", "2026-09", "2026-10"])
        }
    }

    @Test("per CSM a customer counts for its owner at the window's start; two currencies are never converted")
    func attributionAndCurrencies() async throws {
        try await withTenants { client, a, _, services in
            let ids = try await Self.book(client, a, services.store)
            let other = try await a.addMember(services.store, email: "csm2@alpha.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            // The churned customer moved to another CSM after the window started: it still counts for the first CSM.
            try await services.store.tenant(a.orgID) { tx in
                _ = try await tx.execute("""
                    UPDATE customer_owner_history SET to_date = '2026-05-31' WHERE org_id = \(a.orgID) AND customer_id = \(ids["churned"]!)
                    """)
                _ = try await tx.execute("""
                    INSERT INTO customer_owner_history (org_id, id, customer_id, owner_id, from_date)
                    VALUES (\(a.orgID), \(UUID.v7()), \(ids["churned"]!), \(other.id), '2026-06-01')
                    """)
                _ = try await tx.execute("UPDATE customer SET owner_id = \(other.id) WHERE org_id = \(a.orgID) AND id = \(ids["churned"]!)")
            }
            let byCSM = try await client.call(.get, "/v1/reports/retention?start=2025-10&end=2026-10&group_by=csm", token: a.ownerToken)
            let groups = try #require(byCSM.body["groups"] as? [[String: Any]])
            #expect(groups.map { $0["key"] as? String } == [a.csm.lower])
            let mine = try await client.call(.get, "/v1/reports/retention?start=2025-10&end=2026-10&owner_id=\(other.id.lower)", token: a.ownerToken)
            #expect((mine.body["figures"] as? [[String: Any]])?.isEmpty == true)

            let dollars = try await a.addCustomer(services.store, name: "US Inc.", company: a.enterprise, owner: a.owner)
            for month in ["2025-10", "2026-10"] {
                _ = try await client.call(.put, "/v1/customers/\(dollars)/revenue/\(month)", token: a.ownerToken, json: body([
                    "amount_minor": 1000, "currency": "USD"]))
            }
            let both = try await client.call(.get, "/v1/reports/retention?start=2025-10&end=2026-10", token: a.ownerToken)
            #expect(both.body["overall"] == nil)
            let figures = try #require(both.body["figures"] as? [[String: Any]])
            #expect(figures.map { $0["currency"] as? String } == ["JPY", "USD"])
            #expect(figures.map { $0["grr"] as? Double } == [60, 100])
            // The SMB manager does not see Enterprise's values: one currency for them.
            let smb = try await client.call(.get, "/v1/reports/retention?start=2025-10&end=2026-10", token: a.smbManagerToken)
            #expect((smb.body["figures"] as? [[String: Any]])?.count == 1)

            let bad = try await client.call(.get, "/v1/reports/retention?start=2026-10&end=2025-10", token: a.ownerToken)
            #expect(bad.status == .unprocessableContent)
            let group = try await client.call(.get, "/v1/reports/retention?group_by=galaxy", token: a.ownerToken)
            #expect(try revenueProblemField(group.body) == "group_by")
        }
    }
}
