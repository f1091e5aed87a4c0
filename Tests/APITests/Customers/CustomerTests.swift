import API
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct CustomerTests {
    @Test func createReadEditWithOwnerAndPhaseHistory() async throws {
        try await withTenants { client, a, _, services in
            let (csm2, _) = try await a.addMember(services.store, email: "csm2@smb.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            try await check(await client.call(.post, "/v1/customer-fields", token: a.ownerToken, json: body([
                "key": "plan", "label_ja": "プラン", "label_en": "Plan", "type": "choice", "choices": ["Basic", "Pro"]])).status == .created)
            var headers = HTTPFields()
            headers[HTTPField.Name("Idempotency-Key")!] = "create-asahi"
            let fields: [String: Any?] = [
                "name": "朝日物産株式会社", "name_kana": "あさひぶっさん", "name_en": "Asahi Bussan", "company_id": a.smb.lower,
                "team_id": a.smbTeam.lower, "owner_id": a.csm.lower, "segment": "SMB", "risk_reasons": ["unclear_use"],
                "custom": ["plan": "Pro"], "tags": [" 更新注意 ", "更新注意", "VIP"], "external_id": "crm-1"]
            let created = try await client.call(.post, "/v1/customers", token: a.smbManagerToken, json: body(fields), headers: headers)
            #expect(created.status == .created, "\(created.body)")
            #expect(created.body["name_kana"] as? String == "アサヒブッサン")
            #expect(created.body["tags"] as? [String] == ["更新注意", "VIP"])
            #expect(created.body["phase"] as? String == "onboarding")
            #expect((created.body["custom"] as? [String: Any])?["plan"] as? String == "Pro")
            #expect(created.headers[.eTag] == "\"v1\"")
            let id = try #require(created.body["id"] as? String)
            let replay = try await client.call(.post, "/v1/customers", token: a.smbManagerToken, json: body(fields), headers: headers)
            #expect(replay.body["id"] as? String == id, "an Idempotency-Key replay creates nothing")

            // Bad input names its field.
            for (change, field) in [
                (["custom": ["plan": "Gold"]], "custom.plan"), (["custom": ["nope": 1]], "custom.nope"),
                (["risk_reasons": ["few_users"]], "risk_reasons"), (["team_id": a.enterpriseTeam.lower], "team_id"),
                (["external_id": "crm-1", "name": "別会社"], "external_id"), (["name": " "], "name"),
            ] as [([String: Any], String)] {
                var input = fields
                input["external_id"] = nil
                input.merge(change.mapValues { $0 as Any? }) { $1 }
                let refused = try await client.call(.post, "/v1/customers", token: a.smbManagerToken, json: body(input))
                #expect(refused.body["field"] as? String == field, "\(change) → \(refused.status) \(refused.body)")
            }

            // Edit with If-Match; a stale one is 412; an owner change is history and timeline.
            let stale = try await client.call(.patch, "/v1/customers/\(id)", token: a.smbManagerToken,
                                              json: body(["segment": "Mid"]), headers: [.ifMatch: "\"v9\""])
            #expect(stale.status == .preconditionFailed)
            let edited = try await client.call(.patch, "/v1/customers/\(id)", token: a.smbManagerToken,
                                               json: body(["owner_id": csm2.lower, "name_en": nil]), headers: [.ifMatch: "\"v1\""])
            #expect(edited.status == .ok, "\(edited.body)")
            #expect(edited.body["owner_id"] as? String == csm2.lower)
            #expect(edited.body["name_en"] == nil)
            // A CSM edits their own customer, not another's, and never hands it away.
            try await check(await client.call(.patch, "/v1/customers/\(id)", token: a.csmToken, json: body(["segment": "x"])).status == .forbidden)

            // Phase: churned needs a reason; history and timeline keep it.
            let noReason = try await client.call(.post, "/v1/customers/\(id)/phase", token: a.smbManagerToken, json: body(["phase": "churned"]))
            #expect(noReason.body["field"] as? String == "churn_reason")
            let moved = try await client.call(.post, "/v1/customers/\(id)/phase", token: a.smbManagerToken,
                                              json: body(["phase": "outcome", "risk_reasons": ["poor_return"]]))
            #expect(moved.body["phase"] as? String == "outcome", "\(moved.body)")
            #expect(moved.body["risk_reasons"] as? [String] == ["poor_return"])
            let history = try await client.call(.get, "/v1/customers/\(id)/history", token: a.csmToken)
            let owners = try #require(history.body["owners"] as? [[String: Any]])
            #expect(owners.count == 2 || owners.count == 1, "a same-day change corrects the open period")
            #expect(owners.first?["owner_id"] as? String == csm2.lower)
            #expect(owners.first?["owner_name"] as? String == "csm csm2@smb.example")
            let phases = try #require(history.body["phases"] as? [[String: Any]])
            #expect(phases.first?["phase"] as? String == "outcome")
            let kinds = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT kind FROM timeline_entry WHERE org_id = \(tx.org) AND customer_id = \(UUID(uuidString: id)!) ORDER BY kind")
                    .map { try $0.decode(String.self, at: 0) }
            }
            #expect(kinds == ["owner_change", "phase_change"])
            try await check(await client.call(.get, "/v1/audit?resource_id=\(id)", token: a.ownerToken).body.items.count >= 3)

            // Archive leaves the default list; restore brings it back.
            try await check(await client.call(.post, "/v1/customers/\(id)/archive", token: a.csmToken).status == .forbidden)
            try await check(await client.call(.post, "/v1/customers/\(id)/archive", token: a.smbManagerToken).status == .ok)
            try await check(await client.call(.get, "/v1/customers", token: a.ownerToken).body.ids.isEmpty)
            try await check(await client.call(.get, "/v1/customers?archived=true", token: a.ownerToken).body.ids == [id.lowercased()])
            try await check(await client.call(.post, "/v1/customers/\(id)/restore", token: a.smbManagerToken).status == .ok)
            try await check(await client.call(.get, "/v1/customers", token: a.ownerToken).body.ids == [id.lowercased()])
        }
    }

    @Test func listFiltersSortsByKanaAndPages() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let ito = try await a.addCustomer(store, name: "伊藤商事", kana: "いとうしょうじ", owner: a.csm)
            let asahi = try await a.addCustomer(store, name: "朝日物産", kana: "ｱｻﾋﾌﾞｯｻﾝ")
            let ueda = try await a.addCustomer(store, name: "上田製作所", kana: "ウエダセイサクショ", company: a.enterprise, phase: .outcome)
            let acme = try await a.addCustomer(store, name: "Acme Corp", company: a.enterprise)
            try await store.tenant(a.orgID) { tx in
                _ = try await tx.execute("UPDATE customer SET health_grade = 'C', health_total = 55, tags = '{更新注意}' WHERE org_id = \(tx.org) AND id = \(ito)")
                _ = try await tx.execute("UPDATE customer SET health_grade = 'D', health_total = 20 WHERE org_id = \(tx.org) AND id = \(ueda)")
                _ = try await tx.execute("UPDATE customer SET health_grade = 'A', health_total = 90 WHERE org_id = \(tx.org) AND id = \(asahi)")
                _ = try await tx.execute(
                    """
                    INSERT INTO contract (org_id, id, customer_id, arr_minor, currency, start_date, end_date, auto_renews, notice_months)
                    VALUES (\(tx.org), \(UUID.v7()), \(acme), 1200000, 'JPY', banso_now()::date - 300, banso_now()::date + 70, true, 2)
                    """)
            }
            func ids(_ query: String, _ token: String? = nil) async throws -> [String] {
                let response = try await client.call(.get, "/v1/customers\(query)", token: token ?? a.ownerToken)
                #expect(response.status == .ok, "\(query) \(response.body)")
                return response.body.items.compactMap { ($0["id"] as? String)?.lowercased() }
            }
            try await check(await ids("") == [acme, asahi, ito, ueda].map(\.lower), "ACME, then アサヒ, イトウ, ウエダ")
            try await check(await ids("?sort=grade") == [ueda, ito, asahi, acme].map(\.lower), "D first, ungraded last")
            try await check(await ids("?sort=health") == [ueda, ito, asahi, acme].map(\.lower))
            try await check(await ids("?company_id=\(a.enterprise.lower)&grade=D") == [ueda.lower])
            try await check(await ids("?grade=none") == [acme.lower])
            try await check(await ids("?phase=outcome") == [ueda.lower])
            try await check(await ids("?owner_id=me", a.csmToken) == [ito.lower])
            try await check(await ids("?tag=更新注意".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!) == [ito.lower])
            try await check(await ids("?q=" + "あさひ".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!) == [asahi.lower])
            try await check(await ids("?q=ACME") == [acme.lower])
            try await check(await ids("?renewal_within_days=30") == [acme.lower], "the notice deadline falls 2 months before the end")
            try await check(await ids("?renewal_within_days=5").isEmpty)
            // Keyset pages in kana order, a page at a time.
            let first = try await client.call(.get, "/v1/customers?limit=2", token: a.ownerToken)
            #expect(first.body.items.compactMap { $0["id"] as? String } == [acme, asahi].map(\.lower))
            let cursor = try #require(first.body["next_cursor"] as? String)
            try await check(await ids("?limit=2&cursor=\(cursor)") == [ito, ueda].map(\.lower))
            // The SMB CSM sees SMB's customers only; tags in use with counts.
            try await check(await Set(ids("", a.csmToken)) == Set([ito, asahi].map(\.lower)))
            let tags = try await client.call(.get, "/v1/customer-tags", token: a.csmToken)
            #expect(tags.body.items.first?["tag"] as? String == "更新注意")
            #expect(tags.body.items.first?["count"] as? Int == 1)
            // Bad filters name the parameter.
            let bad = try await client.call(.get, "/v1/customers?grade=E", token: a.ownerToken)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body["field"] as? String == "grade")
        }
    }

    @Test func mergeMovesEverythingAndKeepsTheDuplicate() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let survivor = try await a.addCustomer(store, name: "朝日物産", kana: "アサヒブッサン", owner: a.csm)
            let duplicate = try await a.addCustomer(store, name: "朝日物産（旧）", owner: a.csm, externalID: "crm-old")
            try await store.tenant(a.orgID) { tx in
                _ = try await tx.execute("UPDATE customer SET tags = '{重複}' WHERE org_id = \(tx.org) AND id = \(duplicate)")
                _ = try await tx.execute("INSERT INTO contact (org_id, id, customer_id, name) VALUES (\(tx.org), \(UUID.v7()), \(duplicate), '山田')")
                for (customer, month, amount) in [(survivor, "2026-01-01", 100), (duplicate, "2026-01-01", 999), (duplicate, "2026-02-01", 200)] {
                    _ = try await tx.execute(
                        """
                        INSERT INTO revenue_snapshot (org_id, customer_id, month, currency, amount_minor)
                        VALUES (\(tx.org), \(customer), \(month)::date, 'JPY', \(Int64(amount)))
                        """)
                }
            }
            try await check(await client.call(.post, "/v1/customers/\(survivor)/merge", token: a.csmToken,
                                              json: body(["duplicate_id": duplicate.lower])).status == .forbidden)
            try await check(await client.call(.post, "/v1/customers/\(survivor)/merge", token: a.smbManagerToken,
                                              json: body(["duplicate_id": survivor.lower])).body["field"] as? String == "duplicate_id")
            let merged = try await client.call(.post, "/v1/customers/\(survivor)/merge", token: a.smbManagerToken,
                                               json: body(["duplicate_id": duplicate.lower]))
            #expect(merged.status == .ok, "\(merged.body)")
            let moved = try #require(merged.body["moved"] as? [String: Any])
            #expect(moved["contacts"] as? Int == 1)
            #expect(moved["revenue_snapshots"] as? Int == 1)
            #expect(merged.body["conflicting_revenue_months"] as? [String] == ["2026-01"])
            #expect((merged.body["survivor"] as? [String: Any])?["tags"] as? [String] == ["重複"])
            let gone = try await client.call(.get, "/v1/customers/\(duplicate)", token: a.ownerToken)
            #expect(gone.body["merged_into"] as? String == survivor.lower)
            #expect(gone.body["archived"] as? Bool == true)
            #expect(gone.body["external_id"] as? String == "crm-old", "a re-import finds the duplicate and follows merged_into")
            try await check(await client.call(.get, "/v1/customers/\(survivor)/contacts", token: a.ownerToken).body.items.count == 1)
            try await check(await client.call(.post, "/v1/customers/\(duplicate)/restore", token: a.ownerToken).status == .conflict)
            try await check(await client.call(.post, "/v1/customers/\(survivor)/merge", token: a.ownerToken,
                                              json: body(["duplicate_id": duplicate.lower])).status == .conflict)
        }
    }

    @Test func accountabilitiesPointAtCustomers() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "朝日物産", owner: a.csm)
            let assigned = try await client.call(.post, "/v1/accountabilities", token: a.smbManagerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "customer", "subject_id": customer.lower]))
            #expect(assigned.status == .created, "\(assigned.body)")
            #expect((assigned.body["team_id"] as? String)?.lowercased() == a.smbTeam.lower, "the customer's scope")
            let inbox = try await client.call(.get, "/v1/me/notifications", token: a.csmToken)
            #expect(inbox.body.items.contains { ($0["title"] as? String)?.contains("朝日物産") == true })
            let unknown = try await client.call(.post, "/v1/accountabilities", token: a.smbManagerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "customer", "subject_id": UUID().uuidString]))
            #expect(unknown.body["field"] as? String == "subject_id")
            // Enterprise's manager cannot read the SMB customer: the answer is the unknown one's, word for word.
            let (entManager, entToken) = try await a.addMember(
                services.store, email: "mgr@ent.example", role: .manager, scope: .company(a.enterprise), team: a.enterpriseTeam)
            let outside = try await client.call(.post, "/v1/accountabilities", token: entToken, json: body([
                "assignee_id": entManager.lower, "subject_type": "customer", "subject_id": customer.lower]))
            #expect(outside.status == unknown.status && outside.body["field"] as? String == "subject_id")
            #expect(outside.body["detail"] as? String == unknown.body["detail"] as? String)
        }
    }

    @Test func transfersMoveCustomersWithHistory() async throws {
        try await withTenants { client, a, _, services in
            let (csm2, _) = try await a.addMember(services.store, email: "csm2@smb.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            let one = try await a.addCustomer(services.store, name: "朝日物産", owner: a.csm)
            let two = try await a.addCustomer(services.store, name: "伊藤商事", owner: a.csm)
            let transfer = try await client.call(.post, "/v1/transfers", token: a.smbManagerToken, json: body([
                "from_member_id": a.csm.lower, "to_member_id": csm2.lower]))
            #expect(transfer.status == .created, "\(transfer.body)")
            let transferID = try #require(transfer.body["id"] as? String)
            for id in [one, two] {
                try await check(await client.call(.get, "/v1/customers/\(id)", token: a.ownerToken).body["owner_id"] as? String == csm2.lower)
                let owners = try #require(try await client.call(.get, "/v1/customers/\(id)/history", token: a.ownerToken).body["owners"] as? [[String: Any]])
                #expect(owners.count == 2)
                #expect(owners.first?["transfer_id"] as? String == transferID.lowercased())
                #expect(owners.last?["to_date"] != nil, "the leaver's period is closed")
            }
            let recorded = try await services.store.tenant(a.orgID) { tx in
                try await WorkTransferRepository.get(tx, id: UUID(uuidString: transferID)!)?.customerIDs
            }
            #expect(Set(recorded ?? []) == [one, two])
        }
    }

    @Test func savedViewsAndCustomFields() async throws {
        try await withTenants { client, a, _, _ in
            let view = try await client.call(.post, "/v1/me/saved-views", token: a.csmToken, json: body([
                "page": "customers", "name": "私のC・D", "query": "?owner_id=me&grade=C&grade=D&sort=grade"]))
            #expect(view.status == .created, "\(view.body)")
            #expect(view.body["query"] as? String == "owner_id=me&grade=C&grade=D&sort=grade")
            let bad = try await client.call(.post, "/v1/me/saved-views", token: a.csmToken, json: body([
                "page": "customers", "name": "x", "query": "grade=E"]))
            #expect(bad.body["field"] as? String == "query.grade")
            let unknown = try await client.call(.post, "/v1/me/saved-views", token: a.csmToken, json: body([
                "page": "customers", "name": "x", "query": "colour=red"]))
            #expect(unknown.body["field"] as? String == "query")
            let id = try #require(view.body["id"] as? String)
            try await check(await client.call(.get, "/v1/me/saved-views", token: a.smbManagerToken).body.items.isEmpty, "views are one's own")
            try await check(await client.call(.delete, "/v1/me/saved-views/\(id)", token: a.smbManagerToken).status == .notFound)
            try await check(await client.call(.delete, "/v1/me/saved-views/\(id)", token: a.csmToken).status == .noContent)

            // Custom fields: org-wide managers only; the type is fixed once values exist.
            try await check(await client.call(.post, "/v1/customer-fields", token: a.smbManagerToken, json: body([
                "key": "plan", "label_ja": "プラン", "label_en": "Plan", "type": "text"])).status == .forbidden)
            let field = try await client.call(.post, "/v1/customer-fields", token: a.ownerToken, json: body([
                "key": "plan", "label_ja": "プラン", "label_en": "Plan", "type": "text"]))
            #expect(field.status == .created)
            let fieldID = try #require(field.body["id"] as? String)
            try await check(await client.call(.post, "/v1/customer-fields", token: a.ownerToken, json: body([
                "key": "plan", "label_ja": "x", "label_en": "x", "type": "text"])).status == .conflict)
            try await check(await client.call(.post, "/v1/customers", token: a.ownerToken, json: body([
                "name": "朝日物産", "company_id": a.smb.lower, "custom": ["plan": "Pro"]])).status == .created)
            let retype = try await client.call(.patch, "/v1/customer-fields/\(fieldID)", token: a.ownerToken, json: body(["type": "number"]))
            #expect(retype.status == .conflict)
            #expect(retype.body["field"] as? String == "type")
            let relabel = try await client.call(.patch, "/v1/customer-fields/\(fieldID)", token: a.ownerToken,
                                                json: body(["label_ja": "契約プラン", "archived": true]), headers: [.ifMatch: "\"v1\""])
            #expect(relabel.body["archived"] as? Bool == true, "\(relabel.body)")
            try await check(await client.call(.get, "/v1/customer-fields", token: a.viewerToken).body.items.count == 1)
        }
    }
}
