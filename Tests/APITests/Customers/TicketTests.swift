import API
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct TicketTests {
    @Test func openEditResolveReopen() async throws {
        try await withTenants { client, a, _, services in
            let world = try await SupportWorld.make(a, services.store)
            // The customer was in onboarding from 2025-04 and outcome from 2026-01; it is embedded since 2026-06.
            _ = try await services.store.tenant(a.orgID) { tx in
                try await tx.execute(
                    """
                    UPDATE customer SET phase = 'embedded', phase_since = '2026-06-01' WHERE org_id = \(tx.org) AND id = \(world.own);
                    """)
                try await tx.execute(
                    """
                    INSERT INTO customer_phase_history (org_id, id, customer_id, phase, from_date)
                    VALUES (\(tx.org), \(UUID.v7()), \(world.own), 'outcome', '2026-01-01'),
                           (\(tx.org), \(UUID.v7()), \(world.own), 'embedded', '2026-06-01')
                    """)
            }
            let path = "/v1/customers/\(world.own.lower)/tickets"
            let old = try await client.call(.post, path, token: world.support.token, json: body([
                "title": "ログインできない", "priority": "high", "product": "Banso Cloud", "opened_at": "2025-10-01T10:00:00+09:00",
                "first_response_at": "2025-10-01T11:30:00+09:00", "source": "zendesk", "external_id": "ZD-1"]))
            #expect(old.status == .created, "\(old.body)")
            #expect(old.body["phase_at_open"] as? String == "onboarding", "the phase on the day it opened")
            #expect(old.headers[.eTag] == "\"v1\"")
            let spring = try await client.call(.post, path, token: world.support.token, json: body([
                "title": "CSV の文字化け", "opened_at": "2026-03-01T10:00:00+09:00"]))
            #expect(spring.body["phase_at_open"] as? String == "outcome")
            let now = try await client.call(.post, path, token: a.csmToken, json: body(["title": "請求書の宛名変更"]))
            #expect(now.body["phase_at_open"] as? String == "embedded")
            #expect(now.body["status"] as? String == "open")
            #expect(now.body["priority"] as? String == "normal")
            #expect(now.body["source"] as? String == "banso")
            let id = try #require(now.body["id"] as? String)

            // The same source and external id again is a conflict; an import would upsert instead.
            let duplicate = try await client.call(.post, path, token: world.support.token, json: body([
                "title": "again", "source": "zendesk", "external_id": "ZD-1"]))
            #expect(duplicate.status == .conflict)
            #expect(duplicate.body["field"] as? String == "external_id")

            // Opening it is on the timeline.
            let timeline = try await client.call(.get, "/v1/customers/\(world.own.lower)/timeline?kind=ticket_event", token: a.csmToken)
            #expect(timeline.body.items.contains { $0["title"] as? String == "チケット受付: 請求書の宛名変更" })

            // A stale If-Match is refused; resolving stamps resolved_at and writes the timeline.
            let stale = try await client.call(.patch, "/v1/tickets/\(id)", token: world.support.token, json: body(["status": "resolved"]),
                                              headers: [.ifMatch: "\"v9\""])
            #expect(stale.status == .preconditionFailed)
            let resolved = try await client.call(.patch, "/v1/tickets/\(id)", token: world.support.token,
                                                 json: body(["status": "resolved", "csat": 4, "first_response_at": "2026-11-24T12:10:00+09:00"]),
                                                 headers: [.ifMatch: "\"v1\""])
            #expect(resolved.status == .ok, "\(resolved.body)")
            #expect(resolved.body["resolved_at"] != nil)
            #expect(resolved.body["csat"] as? Int == 4)
            #expect(resolved.headers[.eTag] == "\"v2\"")
            // Closing keeps the time; reopening counts and clears it.
            let closed = try await client.call(.patch, "/v1/tickets/\(id)", token: world.support.token, json: body(["status": "closed"]))
            #expect(closed.body["resolved_at"] as? String == resolved.body["resolved_at"] as? String)
            let reopened = try await client.call(.patch, "/v1/tickets/\(id)", token: world.support.token, json: body(["status": "open"]))
            #expect(reopened.body["reopen_count"] as? Int == 1)
            #expect(reopened.body["resolved_at"] == nil)
            let events = try await client.call(.get, "/v1/customers/\(world.own.lower)/timeline?kind=ticket_event&q=請求書", token: a.csmToken)
            #expect(Set(events.body.items.compactMap { $0["title"] as? String }) ==
                    ["チケット受付: 請求書の宛名変更", "チケット解決: 請求書の宛名変更", "チケット再オープン: 請求書の宛名変更"])
            // Setting a resolved time on an open ticket resolves it.
            let byTime = try await client.call(.patch, "/v1/tickets/\(id)", token: world.support.token,
                                               json: body(["resolved_at": "2026-11-24T12:30:00+09:00"]))
            #expect(byTime.body["status"] as? String == "resolved")
            #expect(byTime.body["reopen_count"] as? Int == 1)

            // Bad input: 422 naming the field, nothing written.
            for (fields, field) in [
                (["title": "x", "csat": 6] as [String: Any?], "csat"),
                (["title": "   "], "title"),
                (["title": "x", "opened_at": "2026-11-24T10:00:00+09:00", "first_response_at": "2026-11-24T09:00:00+09:00"], "first_response_at"),
                (["title": "x", "status": "open", "resolved_at": "2026-11-24T10:00:00+09:00", "opened_at": "2026-11-24T09:00:00+09:00"], "resolved_at"),
                (["title": "x", "opened_at": "2027-01-01T00:00:00+09:00"], "opened_at"),
                (["title": "x", "source": "Zendesk!"], "source"),
            ] {
                let refused = try await client.call(.post, path, token: world.support.token, json: body(fields))
                #expect(refused.status == .unprocessableContent, "\(fields) → \(refused.status)")
                #expect(refused.body["field"] as? String == field, "\(fields) → \(refused.body)")
            }
            let badPriority = try await client.call(.post, path, token: world.support.token, json: body(["title": "x", "priority": "p1"]))
            #expect(badPriority.status.code / 100 == 4)
            let clearResolved = try await client.call(.patch, "/v1/tickets/\(id)", token: world.support.token, json: body(["resolved_at": nil]))
            #expect(clearResolved.body["field"] as? String == "resolved_at")
            let count = try await client.call(.get, "/v1/tickets?customer_id=\(world.own.lower)", token: a.ownerToken)
            #expect(count.body.items.count == 3)

            // Idempotency-Key: a retry answers the first ticket and creates nothing.
            let first = try await client.call(.post, path, token: world.support.token, json: body(["title": "二重送信"]),
                                              headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            let retry = try await client.call(.post, path, token: world.support.token, json: body(["title": "二重送信"]),
                                              headers: [HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(first.body["id"] as? String == retry.body["id"] as? String)
        }
    }

    @Test func listsFilterAndPage() async throws {
        try await withTenants { client, a, _, services in
            let world = try await SupportWorld.make(a, services.store)
            let enterprise = try await a.addCustomer(services.store, name: "大手商事", company: a.enterprise, team: a.enterpriseTeam)
            func open(_ customer: UUID, _ title: String, _ priority: String, _ status: String = "open", product: String? = nil) async throws -> String {
                let response = try await client.call(.post, "/v1/customers/\(customer.lower)/tickets", token: a.ownerToken, json: body([
                    "title": title, "priority": priority, "status": status, "product": product]))
                #expect(response.status == .created, "\(response.body)")
                return try #require(response.body["id"] as? String).lowercased()
            }
            let t1 = try await open(world.own, "障害: 画面が開かない", "urgent", product: "Web")
            let t2 = try await open(world.own, "質問: 権限設定", "low", "pending", product: "Web")
            let t3 = try await open(world.other, "請求の質問", "normal", "resolved", product: "Billing")
            let t4 = try await open(enterprise, "SSO 設定", "high")

            try await check(await client.call(.get, "/v1/tickets", token: a.ownerToken).body.ids == [t1, t2, t3, t4])
            try await check(await client.call(.get, "/v1/tickets?status=open&status=pending", token: a.ownerToken).body.ids == [t1, t2, t4])
            try await check(await client.call(.get, "/v1/tickets?priority=urgent,high", token: a.ownerToken).body.ids == [t1, t4])
            try await check(await client.call(.get, "/v1/tickets?open=false", token: a.ownerToken).body.ids == [t3])
            try await check(await client.call(.get, "/v1/tickets?product=Web", token: a.ownerToken).body.ids == [t1, t2])
            try await check(await client.call(.get, "/v1/tickets?company_id=\(a.enterprise.lower)", token: a.ownerToken).body.ids == [t4])
            try await check(await client.call(.get, "/v1/tickets?team_id=\(a.smbTeam.lower)", token: a.ownerToken).body.ids == [t1, t2, t3])
            try await check(await client.call(.get, "/v1/customers/\(world.other.lower)/tickets", token: a.csmToken).body.ids == [t3])
            // Support over SMB sees SMB's tickets only; each item names its customer.
            let support = try await client.call(.get, "/v1/tickets", token: world.support.token)
            #expect(support.body.ids == [t1, t2, t3])
            #expect(support.body.items.first { ($0["id"] as? String)?.lowercased() == t3 }?["customer_name"] as? String == "イトウ商事")
            // Newest opened first, a page at a time, cut from visible rows only.
            let page1 = try await client.call(.get, "/v1/tickets?limit=2", token: world.support.token)
            #expect(page1.body.items.count == 2)
            let cursor = try #require(page1.body["next_cursor"] as? String)
            let page2 = try await client.call(.get, "/v1/tickets?limit=2&cursor=\(cursor)", token: world.support.token)
            #expect(page2.body.items.count == 1)
            #expect(page2.body["next_cursor"] == nil)
            #expect(page1.body.ids.union(page2.body.ids) == [t1, t2, t3])
            // Bad filters are 422s naming the parameter.
            for (query, field) in [("status=done", "status"), ("priority=p1", "priority"), ("open=yes", "open"), ("customer_id=x", "customer_id"),
                                   ("limit=0", "limit")] {
                let refused = try await client.call(.get, "/v1/tickets?\(query)", token: a.ownerToken)
                #expect(refused.status == .unprocessableContent, "\(query)")
                #expect(refused.body["field"] as? String == field, "\(query): \(refused.body)")
            }
        }
    }

    @Test func expansionSignalHandsOff() async throws {
        try await withTenants { client, a, _, services in
            let world = try await SupportWorld.make(a, services.store)
            let ticket = try await client.call(.post, "/v1/customers/\(world.own.lower)/tickets", token: world.support.token, json: body([
                "title": "ライセンス追加の相談"]))
            let id = try #require(ticket.body["id"] as? String)
            // No sales owner on this customer: 422 naming hand_to.
            let noSales = try await client.call(.post, "/v1/tickets/\(id)/expansion-signal", token: world.support.token,
                                                json: body(["note": "50 席追加したい", "hand_to": "sales"]))
            #expect(noSales.status == .unprocessableContent)
            #expect(noSales.body["field"] as? String == "hand_to")
            let blank = try await client.call(.post, "/v1/tickets/\(id)/expansion-signal", token: world.support.token,
                                              json: body(["note": "  ", "hand_to": "csm"]))
            #expect(blank.body["field"] as? String == "note")
            // Support hands it to the owning CSM: the ticket is flagged, the CSM is accountable and hears of it.
            let raised = try await client.call(.post, "/v1/tickets/\(id)/expansion-signal", token: world.support.token,
                                               json: body(["note": "来月から 50 席追加したいとのこと", "hand_to": "csm", "due_date": "2026-12-04"]),
                                               headers: [HTTPField.Name("Idempotency-Key")!: "signal-1"])
            #expect(raised.status == .created, "\(raised.body)")
            // A retry with its key gets the same answer, not a conflict nor a second hand-off.
            let retried = try await client.call(.post, "/v1/tickets/\(id)/expansion-signal", token: world.support.token,
                                                json: body(["note": "来月から 50 席追加したいとのこと", "hand_to": "csm", "due_date": "2026-12-04"]),
                                                headers: [HTTPField.Name("Idempotency-Key")!: "signal-1"])
            #expect(retried.status == .created)
            #expect(((retried.body["handoff"] as? [String: Any])?["id"] as? String) == ((raised.body["handoff"] as? [String: Any])?["id"] as? String))
            let flagged = try #require(raised.body["ticket"] as? [String: Any])
            #expect(flagged["expansion_signal"] as? Bool == true)
            #expect(flagged["expansion_note"] as? String == "来月から 50 席追加したいとのこと")
            let handoff = try #require(raised.body["handoff"] as? [String: Any])
            #expect((handoff["assignee_id"] as? String)?.lowercased() == a.csm.lower)
            #expect((handoff["assigned_by_id"] as? String ?? handoff["assigned_by"] as? String)?.lowercased() == world.support.id.lower)
            #expect(handoff["subject_type"] as? String == "customer")
            #expect((handoff["subject_id"] as? String)?.lowercased() == world.own.lower)
            #expect((flagged["handoff_id"] as? String)?.lowercased() == (handoff["id"] as? String)?.lowercased())
            let inbox = try await client.call(.get, "/v1/me/notifications", token: a.csmToken)
            #expect(inbox.body.items.contains { $0["kind"] as? String == "accountability.assigned" && ($0["title"] as? String)?.contains("株式会社アサヒ") == true })
            try await check(await client.call(.get, "/v1/accountabilities?assignee_id=me&subject_type=customer", token: a.csmToken).body.items.count == 1)
            // While the hand-off is open, a second signal is a conflict.
            let again = try await client.call(.post, "/v1/tickets/\(id)/expansion-signal", token: world.support.token,
                                              json: body(["note": "さらに追加", "hand_to": "csm"]))
            #expect(again.status == .conflict)
            // It is on the timeline and in the list's filter.
            let timeline = try await client.call(.get, "/v1/customers/\(world.own.lower)/timeline?q=拡張シグナル", token: a.csmToken)
            #expect(timeline.body.items.count == 1)
            try await check(await client.call(.get, "/v1/tickets?expansion_signal=true", token: a.ownerToken).body.ids == [id.lowercased()])
            // The other customer has a sales owner: hand it to sales.
            let other = try await client.call(.post, "/v1/customers/\(world.other.lower)/tickets", token: world.support.token, json: body([
                "title": "上位プランについて"]))
            let toSales = try await client.call(.post, "/v1/tickets/\(try #require(other.body["id"] as? String))/expansion-signal",
                                                token: world.support.token, json: body(["note": "上位プランを検討中", "hand_to": "sales"]))
            #expect(((toSales.body["handoff"] as? [String: Any])?["assignee_id"] as? String)?.lowercased() == world.sales.id.lower)
            // Audited.
            let audited = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*) FROM audit_event WHERE org_id = \(tx.org) AND action = 'ticket.expansion_signal'")[0]
                    .decode(Int.self, at: 0)
            }
            #expect(audited == 2)
        }
    }
}
