import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Store
import Testing

/// What the check-up tests share: a questionnaire, a customer with a contact, and reading a mailed link's token.
enum CheckUpFixture {
    /// A questionnaire of a required 1–5 scale, an optional choice and an optional free text, created by the owner.
    static func template(_ client: any TestClientProtocol, _ org: TenantOrg) async throws -> (id: String, scale: String, choice: String, text: String) {
        let created = try await client.call(.post, "/v1/check-up-templates", token: org.ownerToken, json: """
            {"name":"月次定期検診","questions":[
              {"type":"scale","min":1,"max":5,"wording":{"ja":"満足度を教えてください","en":"How satisfied are you?"}},
              {"type":"choice","options":[{"ja":"毎日","en":"Daily"},{"ja":"毎週","en":"Weekly"}],"wording":{"ja":"利用頻度","en":"How often"},"required":false},
              {"type":"free_text","wording":{"ja":"ご意見","en":"Comments"},"required":false}]}
            """)
        #expect(created.status == .created, "\(created.body)")
        let questions = created.body["questions"] as? [[String: Any]] ?? []
        let ids = questions.compactMap { $0["id"] as? String }
        try #require(ids.count == 3)
        return (try #require(created.body["id"] as? String), ids[0], ids[1], ids[2])
    }

    /// A customer of SMB owned by the org's CSM, with a decision-making contact at `email`.
    static func customer(
        _ client: any TestClientProtocol, _ org: TenantOrg, _ store: Store, name: String, email: String, team: UUID? = nil, company: UUID? = nil
    ) async throws -> (customer: UUID, contact: String) {
        let customer = try await org.addCustomer(store, name: name, company: company, team: team, owner: org.csm)
        let contact = try await client.call(
            .post, "/v1/customers/\(customer.lower)/contacts", token: org.ownerToken,
            json: #"{"name":"山田 太郎","email":"\#(email)","decision_maker":true}"#)
        #expect(contact.status == .created, "\(contact.body)")
        return (customer, try #require(contact.body["id"] as? String))
    }

    /// The link tokens in the outbox's mail to `address`, oldest first (the outbox keeps the text of these mails).
    static func tokens(_ store: Store, _ org: TenantOrg, to address: String) async throws -> [String] {
        let texts = try await store.tenant(org.orgID) { tx in
            try await tx.query("SELECT text_body FROM mail_outbox WHERE to_address = \(address) ORDER BY created_at, id").decodeColumn(String.self)
        }
        return texts.compactMap { text in
            text.firstMatch(of: /\/c\/(bso_[A-Za-z0-9_-]+)/).map { String($0.output.1) }
        }
    }

    /// A form POST from the same origin, without a session: what the contact's browser sends.
    static func post(_ client: any TestClientProtocol, _ path: String, _ form: String) async throws -> (status: HTTPResponse.Status, html: String) {
        try await client.execute(
            uri: path, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"],
            body: ByteBuffer(string: form)
        ) { ($0.status, String(buffer: $0.body)) }
    }

    static func get(_ client: any TestClientProtocol, _ path: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, html: String) {
        try await client.execute(uri: path, method: .get) { ($0.status, $0.headers, String(buffer: $0.body)) }
    }
}
