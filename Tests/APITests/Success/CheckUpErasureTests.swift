import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import TestSupport
import Testing
import Web

/// Erasing a contact on request (個人情報保護法) takes what they wrote in a check-up with it: their free-text answers
/// go, their scale and choice answers stay (nothing of the person), so the response rate and the score keep their
/// history.
@Suite struct CheckUpErasureTests {
    @Test func erasureRemovesTheContactsOwnWords() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, services in
            let store = services.store
            let template = try await CheckUpFixture.template(client, a)
            let mine = try await CheckUpFixture.customer(client, a, store, name: "あおぞら商事", email: "yamada@aozora.example")
            let sent = try await client.call(.post, "/v1/check-ups/send-now", token: a.csmToken, json: #"{"customer_id":"\#(mine.customer.lower)"}"#)
            #expect(sent.status == .created, "\(sent.body)")
            let token = try #require(try await CheckUpFixture.tokens(store, a, to: "yamada@aozora.example").first)
            let words = "担当の山田です。090-1234-5678 までご連絡ください"
            let form = "q_\(template.scale)=4&q_\(template.text)=" + words.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await CheckUpFixture.post(client, "/c/\(token)", form).status == .ok)
            let id = try #require(sent.body["id"] as? String)
            let before = try await client.call(.get, "/v1/check-ups/\(id)", token: a.csmToken)
            #expect((before.body["answers"] as? [[String: Any]])?.count == 2)

            let erased = try await client.call(.post, "/v1/contacts/\(mine.contact)/erase", token: a.ownerToken, json: "{}")
            #expect(erased.status == .ok, "\(erased.body)")
            let after = try await client.call(.get, "/v1/check-ups/\(id)", token: a.csmToken)
            let answers = after.body["answers"] as? [[String: Any]] ?? []
            #expect(answers.count == 1 && answers.first?["question_id"] as? String == template.scale, "\(after.body)")
            #expect(after.body["score"] as? Double == 75 && after.body["status"] as? String == "answered")
            let stored = try await store.tenant(a.orgID) { tx in
                try await tx.query("SELECT answers::text FROM survey_send WHERE id = \(UUID(uuidString: id)!)").decodeColumn(String.self)
            }
            #expect(!(stored.first ?? "").contains("山田") && !(stored.first ?? "").contains("090"))
        }
    }
}
