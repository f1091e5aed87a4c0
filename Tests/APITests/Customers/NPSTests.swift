import API
import Database
import HTTPTypes
import Domain
import Foundation
import HummingbirdTesting
import Store
import Testing

@Suite("NPS responses")
struct NPSTests {
    @Test("responses tally into NPS per group; nobody answering is null, not 0; each response is on the timeline")
    func report() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "NPS株式会社", owner: a.csm)
            let quiet = try await a.addCustomer(services.store, name: "無回答", company: a.enterprise, owner: a.owner)
            for (score, day) in [(10, "2026-10-01"), (9, "2026-10-02"), (7, "2026-10-03"), (3, "2026-11-01")] {
                let created = try await client.call(.post, "/v1/customers/\(customer)/nps-responses", token: a.csmToken, json: body([
                    "score": score, "comment": "解約を検討中", "responded_on": day, "channel": "survey"]))
                #expect(created.status == .created, "\(created.body)")
            }
            let list = try await client.call(.get, "/v1/customers/\(customer)/nps-responses", token: a.viewerToken)
            #expect(list.status == .notFound)  // the viewer reads Enterprise only
            let mine = try await client.call(.get, "/v1/customers/\(customer)/nps-responses", token: a.smbManagerToken)
            #expect(mine.body.items.count == 4)
            #expect(mine.body.items.first?["responded_on"] as? String == "2026-11-01")

            let org = try await client.call(.get, "/v1/reports/nps?from=2026-10-01&to=2026-11-30", token: a.ownerToken)
            let group = try #require((org.body["groups"] as? [[String: Any]])?.first)
            #expect(group["promoters"] as? Int == 2)
            #expect(group["passives"] as? Int == 1)
            #expect(group["detractors"] as? Int == 1)
            #expect(group["nps"] as? Double == 25)
            let monthly = try await client.call(.get, "/v1/reports/nps?from=2026-10-01&to=2026-11-30&group_by=month", token: a.ownerToken)
            #expect((monthly.body["groups"] as? [[String: Any]])?.map { $0["key"] as? String } == ["2026-10", "2026-11"])
            let none = try await client.call(
                .get, "/v1/reports/nps?from=2026-10-01&to=2026-11-30&company_id=\(a.enterprise.lower)", token: a.ownerToken)
            let empty = try #require((none.body["groups"] as? [[String: Any]])?.first)
            #expect(empty["responses"] as? Int == 0)
            #expect(empty["nps"] == nil)
            _ = quiet

            let timeline = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*) FROM timeline_entry WHERE org_id = \(a.orgID) AND customer_id = \(customer) AND kind = 'nps'")[0]
                    .decode(Int.self)
            }
            #expect(timeline == 4)
        }
    }

    @Test("bad answers name their field; a contact of another customer is refused; deleting takes customers.manage")
    func rules() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "ルール", owner: a.csm)
            let other = try await a.addCustomer(services.store, name: "別の顧客", owner: a.csm)
            let contact = UUID.v7()
            try await services.store.tenant(a.orgID) { tx in
                _ = try await tx.execute("INSERT INTO contact (org_id, id, customer_id, name) VALUES (\(a.orgID), \(contact), \(other), '山田')")
            }
            let high = try await client.call(.post, "/v1/customers/\(customer)/nps-responses", token: a.csmToken, json: body(["score": 11]))
            #expect(high.status == .unprocessableContent)
            #expect(try revenueProblemField(high.body) == "score")
            let wrong = try await client.call(.post, "/v1/customers/\(customer)/nps-responses", token: a.csmToken, json: body([
                "score": 8, "contact_id": contact.lower]))
            #expect(try revenueProblemField(wrong.body) == "contact_id")
            let future = try await client.call(.post, "/v1/customers/\(customer)/nps-responses", token: a.csmToken, json: body([
                "score": 8, "responded_on": "2030-01-01"]))
            #expect(try revenueProblemField(future.body) == "responded_on")
            let created = try await client.call(.post, "/v1/customers/\(customer)/nps-responses", token: a.csmToken, json: body(["score": 8]))
            let id = try #require(created.body["id"] as? String)
            #expect(created.body["category"] as? String == "passive")
            #expect(try await client.call(.delete, "/v1/nps-responses/\(id)", token: a.csmToken).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/nps-responses/\(id)", token: a.smbManagerToken).status == .noContent)
            #expect(try await client.call(.delete, "/v1/nps-responses/\(id)", token: a.smbManagerToken).status == .notFound)
        }
    }
}
