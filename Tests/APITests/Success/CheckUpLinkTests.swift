import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Mail
import NIOCore
import Scheduler
import Settings
import Store
import TestSupport
import Testing
import Web

/// The check-up link (issue 15): mailed through the outbox and a real SMTP server with its unsubscribe link; it
/// opens without sign-in only its own questionnaire, shows nothing of other customers, takes answers once, and
/// closes when it expires.
@Suite struct CheckUpLinkTests {
    @Test func theLinkIsMailedOpensOnlyItsQuestionnaireAndIsSingleUse() async throws {
        try await SMTPSink.with { sink in
            try await withTenants(configure: { $0.allowPrivateEgress = true }, extensions: [WebPages.register]) { client, a, b, services in
                let store = services.store
                let template = try await CheckUpFixture.template(client, a)
                let mine = try await CheckUpFixture.customer(client, a, store, name: "あおぞら商事", email: "yamada@aozora.example")
                _ = try await CheckUpFixture.customer(client, a, store, name: "ひまわり物産", email: "sato@himawari.example")
                let sent = try await client.call(.post, "/v1/check-ups/send-now", token: a.csmToken, json: #"{"customer_id":"\#(mine.customer.lower)"}"#)
                #expect(sent.status == .created, "\(sent.body)")
                #expect(sent.body["status"] as? String == "open" && sent.body["contact_id"] as? String == mine.contact)
                #expect(sent.body["template_id"] as? String == template.id)

                // The mail goes out through SMTP with both links, in the org's language, naming its sender.
                let settings = MailSettings(
                    from: try MailAddress("noreply@banso.example", displayName: "Banso"), publicURL: services.configuration.publicURL,
                    transport: try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none)),
                    relays: MailRelays(egress: .allowingPrivate, secrets: TestSecrets.box))
                let worker = JobWorker(store: store, database: services.database, queues: [QueueConfiguration(name: "mail", concurrency: 1)],
                                       handlers: MailDelivery.handlers(settings))
                try await worker.runOnce()
                let mail = try #require(try sink.deliveries().first)
                #expect(mail.rcptTos == ["yamada@aozora.example"])
                let text = mail.message.text ?? ""
                let token = try #require(text.firstMatch(of: /http:\/\/localhost:8080\/c\/(bso_[A-Za-z0-9_-]+)/).map { String($0.output.1) })
                #expect(text.contains("http://localhost:8080/u/\(token)"), "the unsubscribe link")
                #expect(String(decoding: mail.raw, as: UTF8.self).contains("List-Unsubscribe: <http://localhost:8080/u/\(token)>"),
                        "mail clients offer their own unsubscribe button")
                #expect(text.contains("Alpha") && text.contains("配信を希望されない"), "sender named, opting out offered")
                #expect(mail.message.subject?.contains("定期検診") == true)
                // Sent, the outbox forgets the body: a working answer link is kept nowhere at rest.
                let kept = try await store.tenant(a.orgID) { tx in
                    try await tx.query(
                        "SELECT kind, text_body IS NULL AND list_unsubscribe IS NULL, state FROM mail_outbox WHERE to_address = 'yamada@aozora.example'"
                    ).decode((String, Bool, String).self)
                }
                #expect(kept.count == 1 && kept[0] == ("survey", true, "sent"), "\(kept)")

                // Without sign-in, the page shows this questionnaire for this customer only.
                let page = try await CheckUpFixture.get(client, "/c/\(token)")
                #expect(page.status == .ok)
                #expect(page.html.contains("満足度を教えてください") && page.html.contains("あおぞら商事"))
                #expect(!page.html.contains("ひまわり物産") && !page.html.contains("csm@smb.example") && !page.html.contains("yamada@aozora.example"))
                #expect(page.html.contains(#"<meta name="robots" content="noindex, nofollow">"#))
                #expect(page.html.contains("<fieldset") && page.html.contains("<legend>"))
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.headers[HTTPField.Name("X-Robots-Tag")!]?.contains("noindex") == true)
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(try await CheckUpFixture.get(client, "/c/\(token)?lang=en").html.contains("How satisfied are you?"))
                // Another org's customer is not reachable through it either way: the page knows only its own send.
                #expect(!page.html.contains("Beta"))
                _ = b

                // A missing required answer is refused at the question; nothing is stored.
                let missing = try await CheckUpFixture.post(client, "/c/\(token)", "q_\(template.text)=hello")
                #expect(missing.status == .unprocessableContent)
                #expect(missing.html.contains("q_\(template.scale)-error"))
                let outOfRange = try await CheckUpFixture.post(client, "/c/\(token)", "q_\(template.scale)=9")
                #expect(outOfRange.status == .unprocessableContent)
                // A cross-site post is refused.
                let crossSite = try await client.execute(
                    uri: "/c/\(token)", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
                    body: ByteBuffer(string: "q_\(template.scale)=5")) { $0.status }
                #expect(crossSite == .forbidden)

                let answered = try await CheckUpFixture.post(
                    client, "/c/\(token)", "q_\(template.scale)=4&q_\(template.choice)=1&q_\(template.text)=%E8%89%AF%E3%81%84")
                #expect(answered.status == .ok && answered.html.contains("ご回答ありがとうございました"))
                let stored = try await client.call(.get, "/v1/check-ups/\(sent.body["id"] as? String ?? "")", token: a.csmToken)
                #expect(stored.body["status"] as? String == "answered")
                #expect(stored.body["score"] as? Double == 75, "4 on 1–5 is 75")
                #expect((stored.body["answers"] as? [[String: Any]])?.count == 3)

                // Single use: the page now says only that it was answered; a second post changes nothing.
                let again = try await CheckUpFixture.get(client, "/c/\(token)")
                #expect(again.html.contains("ご回答ありがとうございました") && !again.html.contains("満足度を教えてください"))
                #expect(!again.html.contains("あおぞら商事"))
                _ = try await CheckUpFixture.post(client, "/c/\(token)", "q_\(template.scale)=1")
                #expect(try await client.call(.get, "/v1/check-ups/\(sent.body["id"] as? String ?? "")", token: a.csmToken).body["score"] as? Double == 75)

                // The answer feeds the customer's health input.
                let inputs = try await store.tenant(a.orgID) { tx in
                    try await HealthInputsRepository.inputs(
                        tx, model: try HealthModel(
                            version: 1, signals: [HealthSignal(kind: .checkUpAnswers, weight: 1, normalisation: .linear(worst: 0, best: 100), noDataScore: 50)],
                            thresholds: GradeThresholds(a: 80, b: 60, c: 40)),
                        only: mine.customer, now: store.now, today: LocalDate(year: 2026, month: 11, day: 24)!)
                }
                #expect(inputs[mine.customer]?[.checkUpAnswers] == 75)

                // An unknown token and an expired link show the same neutral page.
                let unknown = try await CheckUpFixture.get(client, "/c/bso_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                #expect(unknown.status == .gone && !unknown.html.contains("<form"))
                let other = try await client.call(.post, "/v1/check-ups/send-now", token: a.ownerToken,
                                                  json: #"{"customer_id":"\#(try #require(try await CheckUpFixture.customer(client, a, store, name: "みどり電機", email: "k@midori.example").customer.lower))"}"#)
                #expect(other.status == .created)
                let expiring = try #require(try await CheckUpFixture.tokens(store, a, to: "k@midori.example").first)
                try await store.system { tx in
                    try await tx.execute("UPDATE survey_send SET sent_at = sent_at - interval '30 days', expires_at = sent_at - interval '9 days' WHERE id = \(UUID(uuidString: other.body["id"] as? String ?? "")!)")
                }
                let expired = try await CheckUpFixture.get(client, "/c/\(expiring)")
                #expect(expired.status == .gone && expired.html.contains("このリンクは無効です") && !expired.html.contains("みどり電機"))
                #expect(try await CheckUpFixture.post(client, "/c/\(expiring)", "q_\(template.scale)=5").status == .gone)
            }
        }
    }
}
