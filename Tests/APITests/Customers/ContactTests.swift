import API
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct ContactTests {
    @Test func contactsAreEditedAndErased() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "朝日物産", owner: a.csm)
            let created = try await client.call(.post, "/v1/customers/\(customer)/contacts", token: a.csmToken, json: body([
                "name": "山田 太郎", "email": "taro@asahi.example.co.jp", "phone": "03-1234-5678", "role": "情報システム部長",
                "decision_maker": true]))
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.body["id"] as? String)
            let badEmail = try await client.call(.patch, "/v1/contacts/\(id)", token: a.csmToken, json: body(["email": "taro@"]))
            #expect(badEmail.status == .unprocessableContent)
            #expect(badEmail.body["field"] as? String == "email")
            let stale = try await client.call(.patch, "/v1/contacts/\(id)", token: a.csmToken, json: body(["role": "部長"]),
                                              headers: [.ifMatch: "\"v7\""])
            #expect(stale.status == .preconditionFailed)
            let edited = try await client.call(.patch, "/v1/contacts/\(id)", token: a.csmToken, json: body(["phone": nil]),
                                               headers: [.ifMatch: "\"v1\""])
            #expect(edited.body["phone"] == nil)
            #expect(edited.headers[.eTag] == "\"v2\"")
            try await check(await client.call(.get, "/v1/customers/\(customer)/contacts", token: a.viewerToken).status == .notFound,
                            "the Enterprise viewer does not read SMB's customers")

            // An NPS answer by the contact loses respondent and comment with the erasure; the score stays.
            let contactID = try #require(UUID(uuidString: id))
            try await services.store.tenant(a.orgID) { tx in
                _ = try await tx.execute(
                    """
                    INSERT INTO nps_response (org_id, id, customer_id, contact_id, score, comment, respondent, responded_on)
                    VALUES (\(tx.org), \(UUID.v7()), \(customer), \(contactID), 6, '山田です。サポートが遅い', '山田 太郎', '2026-03-01')
                    """)
            }
            let erased = try await client.call(.post, "/v1/contacts/\(id)/erase", token: a.csmToken)
            #expect(erased.status == .ok, "\(erased.body)")
            #expect(erased.body["name"] as? String == "削除済みの連絡先")
            #expect(erased.body["email"] == nil && erased.body["phone"] == nil && erased.body["role"] == nil)
            #expect(erased.body["erased"] as? Bool == true)
            let nps = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT score, respondent, comment FROM nps_response WHERE org_id = \(tx.org) AND contact_id = \(contactID)")
                    .map { try $0.decode((Int16, String?, String?).self) }
            }
            #expect(nps.count == 1 && nps[0].0 == 6 && nps[0].1 == nil && nps[0].2 == nil)
            // Nothing of the person is left in the audit log.
            let audit = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT coalesce(before::text, '') || coalesce(after::text, '') FROM audit_event WHERE org_id = \(tx.org) AND resource_id = \(contactID)")
                    .map { try $0.decode(String.self, at: 0) }
            }
            #expect(audit.count == 3)
            #expect(!audit.joined().contains("山田") && !audit.joined().contains("taro@"))
            try await check(await client.call(.post, "/v1/contacts/\(id)/erase", token: a.csmToken).status == .conflict)
            try await check(await client.call(.patch, "/v1/contacts/\(id)", token: a.csmToken, json: body(["name": "x"])).status == .conflict)
        }
    }
}
