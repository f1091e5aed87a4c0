import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

@Suite("Revenue permissions")
struct RevenuePermissionTests {
    @Test("who reads and writes contracts, revenue and NPS: support never sees values; a CSM does not edit contracts")
    func matrix() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let support = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let ops = try await a.addMember(store, email: "ops@alpha.example", role: .ops, scope: .org, team: nil)
            let csm2 = try await a.addMember(store, email: "csm2@alpha.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            let entCSM = try await a.addMember(store, email: "ent@alpha.example", role: .csm, scope: .team(a.enterpriseTeam), team: a.enterpriseTeam)
            let own = try await a.addCustomer(store, name: "自分の顧客", owner: a.csm)
            let others = try await a.addCustomer(store, name: "他人の顧客", owner: csm2.id)
            let contract = try await RevenueFixture.contract(client, a.ownerToken, customer: own)

            // (token, reads contract values, writes contracts, records NPS on `own`, records NPS on `others`)
            let cases: [(String, String, HTTPResponse.Status, HTTPResponse.Status, HTTPResponse.Status, HTTPResponse.Status)] = [
                ("owner", a.ownerToken, .ok, .created, .created, .created),
                ("smb manager", a.smbManagerToken, .ok, .created, .created, .created),
                ("csm", a.csmToken, .ok, .forbidden, .created, .forbidden),
                ("ops", ops.token, .ok, .created, .created, .created),
                ("support", support.token, .forbidden, .forbidden, .forbidden, .forbidden),
                ("enterprise viewer", a.viewerToken, .notFound, .notFound, .notFound, .notFound),
                ("enterprise csm", entCSM.token, .notFound, .notFound, .notFound, .notFound),
            ]
            for (who, token, read, write, npsOwn, npsOther) in cases {
                let got = try await client.call(.get, "/v1/contracts/\(contract)", token: token)
                #expect(got.status == read, "\(who) reading a contract: \(got.status)")
                if read == .forbidden { #expect(got.body["missing_permission"] as? String == "contracts.read") }
                #expect(try await client.call(.get, "/v1/customers/\(own)/revenue", token: token).status == read, "\(who) revenue")
                let created = try await client.call(.post, "/v1/customers/\(own)/contracts", token: token, json: body([
                    "arr": ["amount_minor": 1000, "currency": "JPY"], "start_date": "2026-01-01", "end_date": "2026-12-31"]))
                #expect(created.status == write, "\(who) creating a contract: \(created.status)")
                let put = try await client.call(.put, "/v1/customers/\(own)/revenue/2026-01", token: token, json: body([
                    "amount_minor": 1000, "currency": "JPY"]))
                #expect(put.status == (write == .created ? .ok : write), "\(who) putting revenue: \(put.status)")
                let npsA = try await client.call(.post, "/v1/customers/\(own)/nps-responses", token: token, json: body(["score": 9]))
                #expect(npsA.status == npsOwn, "\(who) NPS on own: \(npsA.status)")
                let npsB = try await client.call(.post, "/v1/customers/\(others)/nps-responses", token: token, json: body(["score": 9]))
                #expect(npsB.status == npsOther, "\(who) NPS on another CSM's: \(npsB.status)")
            }
            // Support reads NPS answers (not a contract value) and the report has no values for them.
            #expect(try await client.call(.get, "/v1/customers/\(own)/nps-responses", token: support.token).status == .ok)
            let report = try await client.call(.get, "/v1/reports/retention?start=2026-01&end=2026-10", token: support.token)
            #expect((report.body["figures"] as? [[String: Any]])?.isEmpty == true)
            // A read-only token never writes.
            let readOnly = try await client.call(.post, "/v1/customers/\(own)/nps-responses", token: a.readOnlyOwnerToken, json: body(["score": 9]))
            #expect(readOnly.status == .forbidden)
            #expect(try await client.call(.get, "/v1/contracts/\(contract)", token: a.readOnlyOwnerToken).status == .ok)
        }
    }
}
