import API
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct ProblemTests {
    @Test func eightDLifecycleWithTicketsAndCustomers() async throws {
        try await withTenants { client, a, _, services in
            let world = try await SupportWorld.make(a, services.store)
            let third = try await a.addCustomer(services.store, name: "ウエノ工業", kana: "ウエノコウギョウ")
            let enterprise = try await a.addCustomer(services.store, name: "大手商事", company: a.enterprise, team: a.enterpriseTeam)
            func ticket(_ customer: UUID, _ title: String, status: String = "open") async throws -> String {
                let response = try await client.call(.post, "/v1/customers/\(customer.lower)/tickets", token: world.support.token,
                                                     json: body(["title": title, "status": status]))
                return try #require(response.body["id"] as? String).lowercased()
            }
            let t1 = try await ticket(world.own, "CSV 取込で文字化け")
            let t2 = try await ticket(world.other, "CSV の ㈱ が化ける", status: "resolved")

            let created = try await client.call(.post, "/v1/problems", token: world.support.token, json: body([
                "title": "CP932 の CSV が文字化けする", "description": "Excel で保存した CSV の取込で ㈱ や ① が化ける",
                "company_id": a.smb.lower]))
            #expect(created.status == .created, "\(created.body)")
            #expect(created.body["status"] as? String == "open")
            #expect((created.body["owner_id"] as? String)?.lowercased() == world.support.id.lower, "the author owns it by default")
            let id = try #require(created.body["id"] as? String)

            // Link tickets; the record answers them, the customers they touch and the open count.
            let linked = try await client.call(.post, "/v1/problems/\(id)/tickets", token: world.support.token, json: body(["ticket_id": t1]))
            #expect(linked.status == .ok, "\(linked.body)")
            let both = try await client.call(.post, "/v1/problems/\(id)/tickets", token: world.support.token, json: body(["ticket_id": t2]))
            #expect(both.body["ticket_count"] as? Int == 2)
            #expect(both.body["open_ticket_count"] as? Int == 1)
            #expect(Set((both.body["tickets"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String)?.lowercased() }) == [t1, t2])
            // Another customer is affected without a ticket of its own: added by hand.
            let added = try await client.call(.post, "/v1/problems/\(id)/customers/\(third.lower)", token: world.support.token)
            #expect(added.status == .ok)
            #expect(added.body["customer_count"] as? Int == 3)
            let customers = try #require(added.body["customers"] as? [[String: Any]])
            #expect(customers.compactMap { $0["name"] as? String } == ["株式会社アサヒ", "イトウ商事", "ウエノ工業"], "五十音順")
            #expect(customers.last?["explicit"] as? Bool == true && customers.last?["via_tickets"] as? Bool == false)
            // The ticket list filters by problem; the ticket says which problem it belongs to.
            try await check(await client.call(.get, "/v1/tickets?problem_id=\(id)", token: a.ownerToken).body.ids == [t1, t2])
            try await check(await (client.call(.get, "/v1/tickets/\(t1)", token: a.ownerToken).body["problem_id"] as? String)?.lowercased() == id.lowercased())
            try await check(await client.call(.get, "/v1/problems?customer_id=\(third.lower)", token: a.ownerToken).body.ids == [id.lowercased()])

            // Another company's ticket or customer does not belong to an SMB problem.
            let entTicket = try await client.call(.post, "/v1/customers/\(enterprise.lower)/tickets", token: a.ownerToken, json: body(["title": "x"]))
            let wrongCompany = try await client.call(.post, "/v1/problems/\(id)/tickets", token: a.ownerToken,
                                                     json: body(["ticket_id": entTicket.body["id"] as? String]))
            #expect(wrongCompany.body["field"] as? String == "ticket_id")
            let unknown = try await client.call(.post, "/v1/problems/\(id)/tickets", token: world.support.token, json: body(["ticket_id": UUID().uuidString]))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.body["field"] as? String == "ticket_id")

            // The status goes in order, each step needing what it stands for; closing needs root cause and preventive action.
            let notContained = try await client.call(.patch, "/v1/problems/\(id)", token: world.support.token, json: body(["status": "contained"]))
            #expect(notContained.body["field"] as? String == "containment")
            let contained = try await client.call(.patch, "/v1/problems/\(id)", token: world.support.token, json: body([
                "status": "contained", "containment": "UTF-8 で保存し直す手順を案内"]), headers: [.ifMatch: "\"v4\""])
            #expect(contained.status == .ok, "\(contained.body)")
            #expect(contained.body["status_order"] as? Int == 1)
            let stale = try await client.call(.patch, "/v1/problems/\(id)", token: world.support.token, json: body(["title": "x"]),
                                              headers: [.ifMatch: "\"v3\""])
            #expect(stale.status == .preconditionFailed)
            let noPrevention = try await client.call(.patch, "/v1/problems/\(id)", token: world.support.token, json: body([
                "status": "closed", "root_cause": "取込が UTF-8 しか読まなかった"]))
            #expect(noPrevention.body["field"] as? String == "preventive_action")
            let closed = try await client.call(.patch, "/v1/problems/\(id)", token: world.support.token, json: body([
                "status": "closed", "root_cause": "取込が UTF-8 しか読まなかった", "corrective_action": "CP932 を iconv で変換",
                "preventive_action": "文字コードの自動判定とテスト"]))
            #expect(closed.status == .ok, "\(closed.body)")
            #expect(closed.body["closed_at"] != nil)
            // A closed problem takes no new tickets; reopening clears closed_at.
            let t3 = try await ticket(world.own, "まだ化ける")
            let late = try await client.call(.post, "/v1/problems/\(id)/tickets", token: world.support.token, json: body(["ticket_id": t3]))
            #expect(late.status == .conflict)
            let reopened = try await client.call(.patch, "/v1/problems/\(id)", token: world.support.token, json: body(["status": "open"]))
            #expect(reopened.body["closed_at"] == nil)
            // A ticket belongs to one problem.
            let second = try await client.call(.post, "/v1/problems", token: world.support.token, json: body(["title": "別の問題", "company_id": a.smb.lower]))
            let second_id = try #require(second.body["id"] as? String)
            let taken = try await client.call(.post, "/v1/problems/\(second_id)/tickets", token: world.support.token, json: body(["ticket_id": t1]))
            #expect(taken.status == .conflict)

            // Unlinking and removing.
            let unlinked = try await client.call(.delete, "/v1/problems/\(id)/tickets/\(t1)", token: world.support.token)
            #expect(unlinked.body["ticket_count"] as? Int == 1)
            try await check(await client.call(.delete, "/v1/problems/\(id)/tickets/\(t1)", token: world.support.token).status == .notFound)
            let removed = try await client.call(.delete, "/v1/problems/\(id)/customers/\(third.lower)", token: world.support.token)
            #expect(removed.body["customer_count"] as? Int == 1)
            try await check(await client.call(.delete, "/v1/problems/\(id)/customers/\(third.lower)", token: world.support.token).status == .notFound)

            // Lists: by status, with counts.
            let open = try await client.call(.get, "/v1/problems?status=open", token: a.csmToken)
            #expect(open.body.ids == [id.lowercased(), second_id.lowercased()])
            #expect(open.body.items.first { ($0["id"] as? String)?.lowercased() == id.lowercased() }?["ticket_count"] as? Int == 1)
            let bad = try await client.call(.get, "/v1/problems?status=solved", token: a.csmToken)
            #expect(bad.body["field"] as? String == "status")
            let badOwner = try await client.call(.post, "/v1/problems", token: a.ownerToken, json: body(["title": "x", "owner_id": UUID().uuidString]))
            #expect(badOwner.body["field"] as? String == "owner_id")
            let badCompany = try await client.call(.post, "/v1/problems", token: a.ownerToken, json: body(["title": "x", "company_id": UUID().uuidString]))
            #expect(badCompany.body["field"] as? String == "company_id")
            // The Enterprise viewer does not see SMB's problems.
            try await check(await client.call(.get, "/v1/problems/\(id)", token: a.viewerToken).status == .notFound)
            try await check(await client.call(.get, "/v1/problems", token: a.viewerToken).body.items.isEmpty)
        }
    }
}
