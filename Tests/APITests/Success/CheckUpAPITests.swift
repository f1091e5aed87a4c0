import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Store
import TestSupport
import Testing
import Web

/// The check-up API (issue 15) through the router on PostgreSQL: questionnaires, settings and team plans with their
/// permissions; opting out and hard bounces stopping mail; NPS campaigns whose answers become NPS responses.
@Suite struct CheckUpAPITests {
    @Test func templatesSettingsAndPlansCheckRolesAndInput() async throws {
        try await withTenants { client, a, _, services in
            let questions = #"[{"type":"scale","min":1,"max":5,"wording":{"ja":"満足度","en":"Satisfaction"}}]"#
            #expect(try await client.call(.post, "/v1/check-up-templates", token: a.csmToken,
                                          json: #"{"name":"x","questions":\#(questions)}"#).status == .forbidden)
            let empty = try await client.call(.post, "/v1/check-up-templates", token: a.ownerToken, json: #"{"name":"x","questions":[]}"#)
            #expect(empty.status == .unprocessableContent && empty.body["field"] as? String == "questions")
            let badScale = try await client.call(.post, "/v1/check-up-templates", token: a.ownerToken, json: """
                {"name":"x","questions":[{"type":"scale","min":5,"max":1,"wording":{"ja":"a","en":"a"}}]}
                """)
            #expect(badScale.status == .unprocessableContent && badScale.body["field"] as? String == "questions[0].max")
            let noEnglish = try await client.call(.post, "/v1/check-up-templates", token: a.ownerToken, json: """
                {"name":"x","questions":[{"type":"free_text","wording":{"ja":"a","en":" "}}]}
                """)
            #expect(noEnglish.status == .unprocessableContent && noEnglish.body["field"] as? String == "questions[0].wording.en")
            let huge = try await client.call(.post, "/v1/check-up-templates", token: a.ownerToken, json: """
                {"name":"x","questions":[{"type":"scale","min":1,"max":99999999999999999999,"wording":{"ja":"a","en":"a"}}]}
                """)
            #expect(huge.status.code < 500 && huge.status.code >= 400)
            let created = try await client.call(.post, "/v1/check-up-templates", token: a.ownerToken, json: #"{"name":"定期検診","questions":\#(questions)}"#)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            #expect(try await client.call(.get, "/v1/check-up-templates", token: a.csmToken).body.ids == [id])
            let stale = try await client.call(.patch, "/v1/check-up-templates/\(id)", token: a.ownerToken, json: #"{"name":"新"}"#,
                                              headers: [.ifMatch: "\"v9\""])
            #expect(stale.status == .preconditionFailed)
            let renamed = try await client.call(.patch, "/v1/check-up-templates/\(id)", token: a.ownerToken, json: #"{"name":"新しい検診"}"#,
                                                headers: [.ifMatch: "\"v1\""])
            #expect(renamed.status == .ok && renamed.body["name"] as? String == "新しい検診" && renamed.body["version"] as? Int == 2)
            #expect(try await client.call(.patch, "/v1/check-up-templates/\(id)", token: a.readOnlyOwnerToken, json: #"{"name":"x"}"#).status == .forbidden)

            // Settings: the defaults until changed; the reminder must fall while the link is open.
            let defaults = try await client.call(.get, "/v1/check-up-settings", token: a.viewerToken)
            #expect(defaults.body["response_rate_threshold_percent"] as? Int == 30 && defaults.body["reminder_after_days"] as? Int == 7
                    && defaults.body["link_valid_days"] as? Int == 21 && defaults.body["version"] as? Int == 0)
            let late = try await client.call(.put, "/v1/check-up-settings", token: a.ownerToken,
                                             json: #"{"response_rate_threshold_percent":30,"reminder_after_days":21,"link_valid_days":21}"#)
            #expect(late.status == .unprocessableContent && late.body["field"] as? String == "reminder_after_days")
            #expect(try await client.call(.put, "/v1/check-up-settings", token: a.smbManagerToken,
                                          json: #"{"response_rate_threshold_percent":25,"reminder_after_days":5,"link_valid_days":14}"#).status == .forbidden)
            let saved = try await client.call(.put, "/v1/check-up-settings", token: a.ownerToken,
                                              json: #"{"response_rate_threshold_percent":25,"reminder_after_days":5,"link_valid_days":14}"#,
                                              headers: [.ifMatch: "\"v0\""])
            #expect(saved.status == .ok && saved.body["version"] as? Int == 1 && saved.headers[.eTag] == "\"v1\"")
            #expect(try await client.call(.put, "/v1/check-up-settings", token: a.ownerToken,
                                          json: #"{"response_rate_threshold_percent":20,"reminder_after_days":5,"link_valid_days":14}"#,
                                          headers: [.ifMatch: "\"v0\""]).status == .preconditionFailed)

            // A team's plan: off by default; its manager sets it, its CSM may not; another company's viewer does not see it.
            let plan = "/v1/teams/\(a.smbTeam.lower)/check-up-plan"
            let off = try await client.call(.get, plan, token: a.csmToken)
            #expect(off.status == .ok && off.body["enabled"] as? Bool == false && off.body["cadence"] as? String == "monthly")
            #expect(try await client.call(.put, plan, token: a.csmToken, json: #"{"enabled":false}"#).status == .forbidden)
            let noTemplate = try await client.call(.put, plan, token: a.smbManagerToken, json: #"{"enabled":true}"#)
            #expect(noTemplate.status == .unprocessableContent && noTemplate.body["field"] as? String == "template_id")
            let badDay = try await client.call(.put, plan, token: a.smbManagerToken, json: #"{"enabled":false,"day_of_month":31}"#)
            #expect(badDay.status == .unprocessableContent && badDay.body["field"] as? String == "day_of_month")
            let on = try await client.call(.put, plan, token: a.smbManagerToken,
                                           json: #"{"enabled":true,"template_id":"\#(id)","day_of_month":3,"segment":"SMB-A"}"#)
            #expect(on.status == .ok && on.body["enabled"] as? Bool == true && on.body["day_of_month"] as? Int == 3 && on.body["version"] as? Int == 1)
            #expect(try await client.call(.get, plan, token: a.viewerToken).status == .notFound)
            #expect(try await client.call(.put, "/v1/teams/\(a.enterpriseTeam.lower)/check-up-plan", token: a.smbManagerToken,
                                          json: #"{"enabled":false}"#).status == .notFound, "another company's team is not SMB's manager's to see")

            // Archiving keeps the template readable, out of the live list, and not plannable.
            #expect(try await client.call(.delete, "/v1/check-up-templates/\(id)", token: a.ownerToken).status == .noContent)
            #expect(try await client.call(.get, "/v1/check-up-templates", token: a.ownerToken).body.ids.isEmpty)
            #expect(try await client.call(.get, "/v1/check-up-templates?archived=true", token: a.ownerToken).body.ids == [id])
            let archived = try await client.call(.put, plan, token: a.smbManagerToken, json: #"{"enabled":true,"template_id":"\#(id)"}"#)
            #expect(archived.status == .unprocessableContent && archived.body["field"] as? String == "template_id")
            _ = services
        }
    }

    @Test func optingOutAndAHardBounceStopMail() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, services in
            let store = services.store
            _ = try await CheckUpFixture.template(client, a)
            let aozora = try await CheckUpFixture.customer(client, a, store, name: "あおぞら商事", email: "yamada@aozora.example")
            let send = try await client.call(.post, "/v1/check-ups/send-now", token: a.csmToken, json: #"{"customer_id":"\#(aozora.customer.lower)"}"#)
            #expect(send.status == .created)
            // An open check-up is not sent twice by hand.
            #expect(try await client.call(.post, "/v1/check-ups/send-now", token: a.csmToken,
                                          json: #"{"customer_id":"\#(aozora.customer.lower)"}"#).status == .conflict)
            // Only those who edit the customer send: a viewer of another company does not even find it.
            #expect(try await client.call(.post, "/v1/check-ups/send-now", token: a.viewerToken,
                                          json: #"{"customer_id":"\#(aozora.customer.lower)"}"#).status == .notFound)
            let token = try #require(try await CheckUpFixture.tokens(store, a, to: "yamada@aozora.example").first)

            let confirm = try await CheckUpFixture.get(client, "/u/\(token)")
            #expect(confirm.status == .ok && confirm.html.contains("配信を停止する") && !confirm.html.contains("あおぞら商事"))
            #expect(try await client.call(.get, "/v1/contacts/\(aozora.contact)/mail-state", token: a.csmToken).body["mailable"] as? Bool == true,
                    "opening the page changes nothing")
            // The mail provider's one-click POST (RFC 8058): from a server, no browser origin, its fixed body — done.
            let oneClick = try await client.execute(
                uri: "/u/\(token)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click")
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(oneClick.0 == .ok && oneClick.1.contains("配信を停止しました"))
            // The page's own button, pressed again later, finds it done.
            let again = try await CheckUpFixture.post(client, "/u/\(token)", "")
            #expect(again.status == .ok && again.html.contains("配信を停止しました"))
            let state = try await client.call(.get, "/v1/contacts/\(aozora.contact)/mail-state", token: a.csmToken)
            #expect(state.body["mailable"] as? Bool == false && state.body["opted_out_at"] != nil)
            let notes = try await store.tenant(a.orgID) { tx in
                try await tx.query(
                    "SELECT title FROM timeline_entry WHERE customer_id = \(aozora.customer) AND subject_type = 'contact' AND kind = 'event'"
                ).decodeColumn(String.self)
            }
            #expect(notes == ["山田 太郎 様がメール配信を停止しました"], "one timeline entry, however often the link is used")
            // The answered or not, the opted-out contact gets nothing more.
            try await store.system { tx in
                try await tx.execute("UPDATE survey_send SET expires_at = sent_at - interval '1 hour', sent_at = sent_at - interval '1 day'")
            }
            let refused = try await client.call(.post, "/v1/check-ups/send-now", token: a.csmToken,
                                                json: #"{"customer_id":"\#(aozora.customer.lower)","contact_id":"\#(aozora.contact)"}"#)
            #expect(refused.status == .conflict, "\(refused.body)")

            // A hard bounce marks every contact with the address (any case) and stops sends; a soft one only records.
            let himawari = try await CheckUpFixture.customer(client, a, store, name: "ひまわり物産", email: "Sato@Himawari.example")
            let bounce = #"{"email":"sato@himawari.example","kind":"soft","reason":"mailbox full"}"#
            #expect(try await client.call(.post, "/v1/mail/bounces", token: a.csmToken, json: bounce).status == .forbidden)
            #expect(try await client.call(.post, "/v1/mail/bounces", token: a.smbManagerToken, json: bounce).status == .forbidden,
                    "a company's manager cannot mark the whole org's addresses")
            let soft = try await client.call(.post, "/v1/mail/bounces", token: a.ownerToken, json: bounce)
            #expect(soft.status == .ok && (soft.body["contacts_marked"] as? [String])?.isEmpty == true)
            let bad = try await client.call(.post, "/v1/mail/bounces", token: a.ownerToken, json: #"{"email":"nope","kind":"hard"}"#)
            #expect(bad.status == .unprocessableContent && bad.body["field"] as? String == "email")
            let hard = try await client.call(.post, "/v1/mail/bounces", token: a.ownerToken,
                                             json: #"{"email":"SATO@himawari.example","kind":"hard","reason":"550 no such user"}"#)
            #expect(hard.status == .ok && hard.body["contacts_marked"] as? [String] == [himawari.contact])
            let bounced = try await client.call(.get, "/v1/contacts/\(himawari.contact)/mail-state", token: a.csmToken)
            #expect(bounced.body["bounced_at"] != nil && bounced.body["bounce_reason"] as? String == "550 no such user")
            #expect(try await client.call(.post, "/v1/check-ups/send-now", token: a.csmToken,
                                          json: #"{"customer_id":"\#(himawari.customer.lower)"}"#).status == .conflict)
            #expect(try await CheckUpFixture.tokens(store, a, to: "Sato@Himawari.example").isEmpty)
        }
    }

    @Test func anNPSCampaignsAnswerBecomesAnNPSResponse() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, services in
            let store = services.store
            let aozora = try await CheckUpFixture.customer(client, a, store, name: "あおぞら商事", email: "yamada@aozora.example")
            _ = try await client.call(.post, "/v1/customers/\(aozora.customer.lower)/contacts", token: a.ownerToken,
                                      json: #"{"name":"鈴木 花子","email":"suzuki@aozora.example","decision_maker":false}"#)
            _ = try await CheckUpFixture.customer(client, a, store, name: "エンタープライズ社", email: "ent@ent.example", team: a.enterpriseTeam,
                                                  company: a.enterprise)
            let body = #"{"name":"2026 下期 NPS","team_id":"\#(a.smbTeam.lower)"}"#
            #expect(try await client.call(.post, "/v1/nps-campaigns", token: a.csmToken, json: body).status == .forbidden)
            let created = try await client.call(.post, "/v1/nps-campaigns", token: a.smbManagerToken, json: body)
            #expect(created.status == .created && created.body["state"] as? String == "draft" && created.body["company_id"] as? String == a.smb.lower)
            let id = try #require(created.body["id"] as? String)
            #expect(try await client.call(.get, "/v1/nps-campaigns/\(id)", token: a.viewerToken).status == .notFound)
            let sent = try await client.call(.post, "/v1/nps-campaigns/\(id)/send", token: a.smbManagerToken)
            #expect(sent.status == .ok && sent.body["state"] as? String == "sent" && sent.body["sent_count"] as? Int == 1,
                    "one contact per customer (the decision maker), SMB's team only: \(sent.body)")
            #expect(try await client.call(.post, "/v1/nps-campaigns/\(id)/send", token: a.smbManagerToken).status == .conflict)
            #expect(try await CheckUpFixture.tokens(store, a, to: "suzuki@aozora.example").isEmpty)
            #expect(try await CheckUpFixture.tokens(store, a, to: "ent@ent.example").isEmpty)
            let token = try #require(try await CheckUpFixture.tokens(store, a, to: "yamada@aozora.example").first)

            let page = try await CheckUpFixture.get(client, "/c/\(token)")
            #expect(page.status == .ok && page.html.contains("Alpha を友人や同僚に薦める可能性"))
            #expect(page.html.contains(#"name="score" value="10""#) && page.html.contains(#"name="score" value="0""#))
            #expect(try await CheckUpFixture.post(client, "/c/\(token)", "comment=x").status == .unprocessableContent)
            let answered = try await CheckUpFixture.post(client, "/c/\(token)", "score=9&comment=%E4%BE%BF%E5%88%A9")
            #expect(answered.status == .ok && answered.html.contains("ご回答ありがとうございました"))
            let responses = try await client.call(.get, "/v1/customers/\(aozora.customer.lower)/nps-responses", token: a.csmToken)
            let response = try #require(responses.body.items.first)
            #expect(responses.body.items.count == 1)
            #expect(response["score"] as? Int == 9 && response["channel"] as? String == "survey" && response["contact_id"] as? String == aozora.contact)
            #expect(response["comment"] as? String == "便利")
            let sends = try await client.call(.get, "/v1/check-ups?kind=nps&answered=true", token: a.csmToken)
            #expect(sends.body.items.count == 1 && sends.body.items.first?["nps_response_id"] as? String == response["id"] as? String)
            _ = try await CheckUpFixture.post(client, "/c/\(token)", "score=0")
            #expect(try await client.call(.get, "/v1/customers/\(aozora.customer.lower)/nps-responses", token: a.csmToken).body.items.count == 1)
        }
    }
}
