import API
import Credentials
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import TestSupport
import Testing
import Web

/// The check-up pages: the response-rate report with its warning, questionnaires edited as rows without JavaScript,
/// a team's plan, the org's settings, NPS campaigns sent after a confirming step, and "send a check-up now" — with
/// the limits around them: a role that may not write gets no form and a 403, another organisation gets the 404 page,
/// hostile input gets a 4xx page, never a 500. The test clock stands at Tuesday 24 November 2026, 12:00 in Tokyo:
/// the warning judges August–October.
@Suite struct WebCheckUpPageTests {
    /// Sends of `month` to the customer's contact, `answered` of them answered (as the response-rate API test does).
    static func sends(
        _ store: Store, _ a: TenantOrg, template: String, customer: (customer: UUID, contact: String), csm: UUID?, company: UUID, month: String,
        sent: Int, answered: Int
    ) async throws {
        try await store.tenant(a.orgID) { tx in
            for i in 0..<sent {
                let at = TestClock.instant("\(month)-10T10:00:00+09:00")
                try await tx.execute(
                    """
                    INSERT INTO survey_send (org_id, id, kind, template_id, customer_id, contact_id, csm_id, company_id, month, token_hash,
                        sent_at, expires_at, answered_at, answers, score)
                    VALUES (\(a.orgID), \(UUID.v7()), 'check_up', \(UUID(uuidString: template)!), \(customer.customer),
                        \(UUID(uuidString: customer.contact)!), \(csm), \(company), \(month + "-01")::date, \(Array(UUID.v7().uuidString.utf8)), \(at),
                        \(at.addingTimeInterval(21 * 86_400)), \(i < answered ? at.addingTimeInterval(3600) : nil), \(i < answered ? "[]" : nil)::jsonb,
                        \(i < answered ? 50.0 : nil))
                    """)
            }
        }
    }

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }

    @Test func responseRatesWarnInWordsForEachReader() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let s = try await WebSessions.signIn(client, a, b, services)
            let template = try await CheckUpFixture.template(client, a)
            let smb = try await CheckUpFixture.customer(client, a, store, name: "あおぞら商事", email: "y@aozora.example")
            let ent = try await CheckUpFixture.customer(
                client, a, store, name: "エンタープライズ社", email: "e@ent.example", team: a.enterpriseTeam, company: a.enterprise)
            // The CSM: August 4 / 1, September 3 / 0, October 3 / 1 → 2 of 10 = 20 %, below 30 %. Enterprise: 2 / 1 → 50 %.
            for (month, sent, answered) in [("2026-08", 4, 1), ("2026-09", 3, 0), ("2026-10", 3, 1), ("2026-11", 2, 0)] {
                try await Self.sends(store, a, template: template.id, customer: smb, csm: a.csm, company: a.smb, month: month, sent: sent, answered: answered)
            }
            try await Self.sends(store, a, template: template.id, customer: ent, csm: nil, company: a.enterprise, month: "2026-10", sent: 2, answered: 1)

            let page = try await client.page(.get, "/check-ups", cookie: s.owner)
            #expect(page.status == .ok)
            #expect(page.html.contains("回答率がしきい値を下回っています"))
            #expect(page.html.contains("csm さん：2026年8月〜2026年10月 の回答率は 20% で、しきい値 30% を下回っています。"))
            #expect(page.html.contains("20%（10 件中 2 件回答）"))
            #expect(page.html.contains("しきい値未満") && page.html.contains("基準を満たしています"))
            #expect(page.html.contains("担当 CSM なし"))
            #expect(page.html.contains("2026年11月") && page.html.contains("2026年6月"))
            #expect(page.html.contains("月次定期検診") && page.html.contains("href=\"/check-ups/templates/new\""))
            #expect(page.html.contains("SMB 1") && page.html.contains("停止中"))
            #expect(page.html.contains("aria-current=\"page\">定期検診</a>"))
            #expect(page.html.contains("あおぞら商事") && page.html.contains("回答済み"))

            // The CSM reads the report and the questionnaires, but is offered no new questionnaire.
            let csm = try await client.page(.get, "/check-ups", cookie: s.csm)
            #expect(csm.status == .ok)
            #expect(csm.html.contains("20%（10 件中 2 件回答）"))
            #expect(!csm.html.contains("href=\"/check-ups/templates/new\""))

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/check-ups", cookie: s.owner)
            #expect(english.html.contains("Response rate below the threshold"))
            #expect(english.html.contains("20% (2 of 10 answered)"))
            #expect(english.html.contains("Below threshold") && english.html.contains("On track"))
            #expect(english.html.contains("Aug 2026 – Oct 2026"))

            // Another organisation sees none of it.
            let other = try await client.page(.get, "/check-ups", cookie: s.other)
            #expect(other.status == .ok)
            #expect(!other.html.contains("月次定期検診") && !other.html.contains("あおぞら商事") && !other.html.contains("しきい値未満"))
        }
    }

    /// The form of a questionnaire with one scale and one choice, with `extra` fields.
    static func templateForm(name: String = "%E6%9C%88%E6%AC%A1", extra: String = "") -> String {
        "name=\(name)&rows=3&q0_kind=scale&q0_ja=\(escape("満足度"))&q0_en=Satisfaction&q0_min=1&q0_max=5&q0_required=on"
            + "&q1_kind=choice&q1_ja=\(escape("利用頻度"))&q1_en=Use&q1_options_ja=\(escape("毎日\n毎週"))&q1_options_en=\(escape("Daily\nWeekly"))"
            + "&q2_kind=free_text&q2_ja=&q2_en=" + extra
    }

    @Test func questionnairesAreEditedAsRowsAndArchivedInTwoSteps() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebSessions.signIn(client, a, b, services)
            let new = try await client.page(.get, "/check-ups/templates/new", cookie: s.owner)
            #expect(new.status == .ok)
            #expect(new.html.contains("name=\"q2_kind\"") && new.html.contains("設問 1（追加）"))

            // The CSM may not write one.
            #expect(try await client.page(.get, "/check-ups/templates/new", cookie: s.csm).status == .forbidden)
            #expect(try await client.page(.post, "/check-ups/templates/new", cookie: s.csm, form: Self.templateForm()).status == .forbidden)

            // Refused in place: the name, a row whose options do not pair up, a scale out of range; what was typed kept.
            let noName = try await client.page(.post, "/check-ups/templates/new", cookie: s.owner, form: Self.templateForm(name: "+++"))
            #expect(noName.status == .unprocessableContent)
            #expect(noName.html.contains("id=\"name-error\"") && noName.html.contains("value=\"満足度\""))
            let uneven = try await client.page(
                .post, "/check-ups/templates/new", cookie: s.owner,
                form: Self.templateForm().replacingOccurrences(of: "q1_options_en=Daily%0AWeekly", with: "q1_options_en=Daily"))
            #expect(uneven.status == .unprocessableContent)
            #expect(uneven.html.contains("id=\"q1-error\"") && uneven.html.contains("選択肢は日本語と英語で同じ数を入力してください"))
            #expect(uneven.html.contains("毎日\n毎週"))
            let wide = try await client.page(
                .post, "/check-ups/templates/new", cookie: s.owner, form: Self.templateForm().replacingOccurrences(of: "q0_max=5", with: "q0_max=11"))
            #expect(wide.status == .unprocessableContent)
            #expect(wide.html.contains("id=\"q0-error\""))
            let noEnglish = try await client.page(
                .post, "/check-ups/templates/new", cookie: s.owner, form: Self.templateForm().replacingOccurrences(of: "q0_en=Satisfaction", with: "q0_en="))
            #expect(noEnglish.status == .unprocessableContent && noEnglish.html.contains("id=\"q0-error\""))

            // Hostile: NUL bytes, 400-digit numbers, a wrong kind.
            let nul = try await client.page(.post, "/check-ups/templates/new", cookie: s.owner, form: Self.templateForm(name: "a%00b"))
            #expect((400..<500).contains(nul.status.code))
            let digits = String(repeating: "9", count: 400)
            let huge = try await client.page(
                .post, "/check-ups/templates/new", cookie: s.owner, form: Self.templateForm().replacingOccurrences(of: "q0_max=5", with: "q0_max=\(digits)"))
            #expect(huge.status == .unprocessableContent)
            let hugeRows = try await client.page(
                .post, "/check-ups/templates/new", cookie: s.owner, form: Self.templateForm().replacingOccurrences(of: "rows=3", with: "rows=\(digits)"))
            #expect((200..<500).contains(hugeRows.status.code))
            let kind = try await client.page(
                .post, "/check-ups/templates/new", cookie: s.owner, form: Self.templateForm().replacingOccurrences(of: "q1_kind=choice", with: "q1_kind=essay"))
            #expect(kind.status == .unprocessableContent && kind.html.contains("id=\"q1-error\""))

            let made = try await client.page(.post, "/check-ups/templates/new", cookie: s.owner, form: Self.templateForm())
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let id = try #require(location.firstMatch(of: /\/check-up-templates\/([0-9a-f-]{36})/)?.output.1)
            let page = try await client.page(.get, location, cookie: s.owner)
            #expect(page.status == .ok)
            #expect(page.html.contains("アンケートを作成しました"))
            #expect(page.html.contains("value=\"満足度\"") && page.html.contains("毎日\n毎週") && page.html.contains("name=\"q3_kind\""))
            let qid = try #require(page.html.firstMatch(of: /name="q0_id" value="([0-9a-f-]{36})"/)?.output.1)
            let cid = try #require(page.html.firstMatch(of: /name="q1_id" value="([0-9a-f-]{36})"/)?.output.1)

            // The CSM reads it, without a form.
            let read = try await client.page(.get, "/check-up-templates/\(id)", cookie: s.csm)
            #expect(read.status == .ok && read.html.contains("満足度") && !read.html.contains("method=\"post\" action=\"/check-up-templates"))
            #expect(try await client.page(.post, "/check-up-templates/\(id)", cookie: s.csm, form: Self.templateForm() + "&version=1").status == .forbidden)

            // Add a question in a blank row; the existing ones keep their ids.
            let edit = "name=\(Self.escape("月次定期検診"))&version=1&rows=4&q0_id=\(qid)&q0_kind=scale&q0_ja=\(Self.escape("満足度"))&q0_en=Satisfaction"
                + "&q0_min=1&q0_max=5&q0_required=on&q1_id=\(cid)&q1_kind=choice&q1_ja=\(Self.escape("利用頻度"))&q1_en=Use"
                + "&q1_options_ja=\(Self.escape("毎日\n毎週"))&q1_options_en=\(Self.escape("Daily\nWeekly"))"
                + "&q2_kind=free_text&q2_ja=\(Self.escape("ご要望"))&q2_en=Requests&q3_kind=scale&q3_ja=&q3_en="
            let saved = try await client.page(.post, "/check-up-templates/\(id)", cookie: s.owner, form: edit)
            #expect(saved.status == .seeOther)
            let after = try await client.page(.get, try #require(saved.headers[.location]), cookie: s.owner)
            #expect(after.html.contains("value=\"ご要望\"") && after.html.contains("name=\"q0_id\" value=\"\(qid)\""))
            #expect(after.html.contains("アンケートを保存しました"))
            // A stale version is told in words, with what was typed kept.
            let stale = try await client.page(.post, "/check-up-templates/\(id)", cookie: s.owner, form: edit)
            #expect(stale.status.code == 412)
            #expect(stale.html.contains("他の方が先に変更しました") && stale.html.contains("value=\"ご要望\""))

            // Another organisation: the 404 page; a bad id too.
            #expect(try await client.page(.get, "/check-up-templates/\(id)", cookie: s.other).status == .notFound)
            #expect(try await client.page(.post, "/check-up-templates/\(id)", cookie: s.other, form: edit).status == .notFound)
            #expect(try await client.page(.post, "/check-up-templates/\(id)/archive", cookie: s.other, form: "version=2").status == .notFound)
            #expect(try await client.page(.get, "/check-up-templates/not-a-uuid", cookie: s.owner).status == .notFound)

            // Archive: a second step, then it is gone from the list.
            #expect(try await client.page(.get, "/check-up-templates/\(id)/archive", cookie: s.csm).status == .forbidden)
            let confirm = try await client.page(.get, "/check-up-templates/\(id)/archive", cookie: s.owner)
            #expect(confirm.status == .ok && confirm.html.contains("action=\"/check-up-templates/\(id)/archive\""))
            let archived = try await client.page(.post, "/check-up-templates/\(id)/archive", cookie: s.owner, form: "version=2")
            #expect(archived.status == .seeOther)
            let index = try await client.page(.get, try #require(archived.headers[.location]), cookie: s.owner)
            #expect(index.html.contains("アンケートをアーカイブしました") && !index.html.contains("/check-up-templates/\(id)\""))
            let gone = try await client.page(.get, "/check-up-templates/\(id)", cookie: s.owner)
            #expect(gone.html.contains("アーカイブ済みです") && !gone.html.contains("name=\"q0_kind\""))

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/check-ups/templates/new", cookie: s.owner)
            #expect(english.html.contains("New questionnaire") && english.html.contains("Question 1 (new)") && english.html.contains("Options (English)"))
        }
    }

    @Test func teamPlanAndSettingsForThoseWhoMaySetThem() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebSessions.signIn(client, a, b, services)
            let template = try await CheckUpFixture.template(client, a)
            let path = "/teams/\(a.smbTeam.lower)/check-up-plan"

            let form = try await client.page(.get, path, cookie: s.manager)
            #expect(form.status == .ok)
            #expect(form.html.contains("SMB / SMB 1 の定期検診") && form.html.contains("name=\"enabled\"") && form.html.contains("月次定期検診"))
            #expect(form.html.contains("7 日後に 1 回だけリマインド"))
            // The CSM reads the plan, without a form, and may not set it.
            let read = try await client.page(.get, path, cookie: s.csm)
            #expect(read.status == .ok && !read.html.contains("name=\"enabled\"") && read.html.contains("停止中"))
            #expect(try await client.page(.post, path, cookie: s.csm, form: "enabled=on&template=\(template.id)&day=1&version=0").status == .forbidden)

            // Refused in place.
            let noTemplate = try await client.page(.post, path, cookie: s.manager, form: "enabled=on&template=&segment=Gold&day=1&version=0")
            #expect(noTemplate.status == .unprocessableContent)
            #expect(noTemplate.html.contains("id=\"template-error\"") && noTemplate.html.contains("value=\"Gold\""))
            #expect(noTemplate.html.contains("定期検診を有効にする前に、使用するアンケートを選択してください"))
            let badDay = try await client.page(.post, path, cookie: s.manager, form: "enabled=on&template=\(template.id)&day=29&version=0")
            #expect(badDay.status == .unprocessableContent && badDay.html.contains("id=\"day-error\"") && badDay.html.contains("value=\"29\""))
            let digits = String(repeating: "9", count: 400)
            for hostile in ["enabled=on&template=\(template.id)&day=\(digits)", "enabled=maybe&template=\(template.id)&day=1",
                            "enabled=on&template=not-a-uuid&day=1", "enabled=on&template=\(template.id)&day=1&recipients=everyone",
                            "enabled=on&template=\(template.id)&day=1&segment=%00"] {
                let answer = try await client.page(.post, path, cookie: s.manager, form: hostile)
                #expect((400..<500).contains(answer.status.code), "\(hostile)")
            }
            #expect(try await client.page(.get, "/teams/not-a-uuid/check-up-plan", cookie: s.manager).status == .notFound)
            #expect(try await client.page(.get, path, cookie: s.other).status == .notFound)
            #expect(try await client.page(.post, path, cookie: s.other, form: "enabled=off&day=1").status == .notFound)

            let saved = try await client.page(.post, path, cookie: s.manager, form: "enabled=on&template=\(template.id)&segment=&day=5&recipients=all_contacts&version=0")
            #expect(saved.status == .seeOther)
            let index = try await client.page(.get, try #require(saved.headers[.location]), cookie: s.manager)
            #expect(index.html.contains("チームの定期検診の設定を保存しました") && index.html.contains("実施中") && index.html.contains("毎月 5 日"))

            // The org's settings: the owner sets them; the manager (company scope) only reads them.
            let settings = try await client.page(.get, "/check-ups/settings", cookie: s.owner)
            #expect(settings.status == .ok && settings.html.contains("name=\"threshold\" type=\"number\" min=\"1\" max=\"100\" value=\"30\""))
            let zero = try await client.page(.post, "/check-ups/settings", cookie: s.owner, form: "threshold=0&reminder=7&link_days=21&version=0")
            #expect(zero.status == .unprocessableContent)
            #expect(zero.html.contains("id=\"threshold-error\"") && zero.html.contains("回答率のしきい値は 1〜100% で指定してください"))
            let late = try await client.page(.post, "/check-ups/settings", cookie: s.owner, form: "threshold=30&reminder=30&link_days=21&version=0")
            #expect(late.status == .unprocessableContent && late.html.contains("id=\"reminder-error\"") && late.html.contains("value=\"30\""))
            let huge = try await client.page(.post, "/check-ups/settings", cookie: s.owner, form: "threshold=\(digits)&reminder=7&link_days=21")
            #expect(huge.status == .unprocessableContent)
            let managerSettings = try await client.page(.get, "/check-ups/settings", cookie: s.manager)
            #expect(managerSettings.status == .ok && !managerSettings.html.contains("name=\"threshold\"") && managerSettings.html.contains("30%"))
            #expect(try await client.page(.post, "/check-ups/settings", cookie: s.manager, form: "threshold=20&reminder=7&link_days=21").status == .forbidden)
            let set = try await client.page(.post, "/check-ups/settings", cookie: s.owner, form: "threshold=20&reminder=5&link_days=14&version=0")
            #expect(set.status == .seeOther)
            let after = try await client.page(.get, try #require(set.headers[.location]), cookie: s.owner)
            #expect(after.html.contains("定期検診の設定を保存しました") && after.html.contains("しきい値 20%"))
            let plan = try await client.page(.get, path, cookie: s.manager)
            #expect(plan.html.contains("5 日後に 1 回だけリマインド"))

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: s.manager, form: "locale=en&back=%2F")
            let english = try await client.page(.get, path, cookie: s.manager)
            #expect(english.html.contains("Check-up of SMB / SMB 1") && english.html.contains("One per customer (the decision maker first)"))
            let englishSettings = try await client.page(.get, "/check-ups/settings", cookie: s.manager)
            #expect(englishSettings.html.contains("Response-rate threshold") && englishSettings.html.contains("20%"))
        }
    }

    @Test func npsCampaignIsConfirmedThenSentOnceAndCheckUpsSentByHand() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let s = try await WebSessions.signIn(client, a, b, services)
            _ = try await CheckUpFixture.template(client, a)
            let smb = try await CheckUpFixture.customer(client, a, store, name: "あおぞら商事", email: "y@aozora.example", team: a.smbTeam)
            _ = try await CheckUpFixture.customer(client, a, store, name: "みどり電機", email: "m@midori.example", team: a.smbTeam)

            let new = try await client.page(.get, "/nps-campaigns/new", cookie: s.manager)
            #expect(new.status == .ok && new.html.contains("team:\(a.smbTeam.lower)") && !new.html.contains("value=\"org\""))
            #expect(try await client.page(.get, "/nps-campaigns/new", cookie: s.csm).status == .forbidden)
            let audience = "team%3A\(a.smbTeam.lower)"
            let base = "question_ja=\(Self.escape("{org} をお薦めしますか？"))&question_en=Would+you+recommend+%7Borg%7D%3F&audience=\(audience)&segment=&recipients=decision_maker_first"
            #expect(try await client.page(.post, "/nps-campaigns/new", cookie: s.csm, form: "name=NPS&" + base).status == .forbidden)
            let noName = try await client.page(.post, "/nps-campaigns/new", cookie: s.manager, form: "name=&" + base)
            #expect(noName.status == .unprocessableContent && noName.html.contains("id=\"name-error\"") && noName.html.contains("をお薦めしますか？"))
            let noEnglish = try await client.page(
                .post, "/nps-campaigns/new", cookie: s.manager, form: "name=NPS&" + base.replacingOccurrences(of: "question_en=Would+you+recommend+%7Borg%7D%3F", with: "question_en="))
            #expect(noEnglish.status == .unprocessableContent && noEnglish.html.contains("id=\"question_en-error\""))
            for hostile in ["name=NPS&audience=team%3Anot-a-uuid", "name=NPS&audience=galaxy", "name=NPS&\(base)&recipients=everyone", "name=N%00PS&\(base)"] {
                let answer = try await client.page(.post, "/nps-campaigns/new", cookie: s.manager, form: hostile)
                #expect((400..<500).contains(answer.status.code), "\(hostile)")
            }
            // Another company's audience is not the manager's to survey.
            let elsewhere = try await client.page(
                .post, "/nps-campaigns/new", cookie: s.manager, form: "name=NPS&" + base.replacingOccurrences(of: audience, with: "company%3A\(a.enterprise.lower)"))
            #expect(elsewhere.status == .forbidden)

            let made = try await client.page(.post, "/nps-campaigns/new", cookie: s.manager, form: "name=\(Self.escape("2026年秋 NPS"))&" + base)
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let id = try #require(location.firstMatch(of: /\/nps-campaigns\/([0-9a-f-]{36})/)?.output.1)
            let page = try await client.page(.get, location, cookie: s.manager)
            #expect(page.status == .ok && page.html.contains("2026年秋 NPS") && page.html.contains("下書き（未送信）") && page.html.contains("SMB / SMB 1"))
            #expect(page.html.contains("href=\"/nps-campaigns/\(id)/send\""))
            // The CSM reads it but may not send it.
            let csmPage = try await client.page(.get, "/nps-campaigns/\(id)", cookie: s.csm)
            #expect(csmPage.status == .ok && !csmPage.html.contains("/nps-campaigns/\(id)/send"))
            #expect(try await client.page(.get, "/nps-campaigns/\(id)/send", cookie: s.csm).status == .forbidden)
            #expect(try await client.page(.post, "/nps-campaigns/\(id)/send", cookie: s.csm, form: "version=1").status == .forbidden)
            #expect(try await client.page(.get, "/nps-campaigns/\(id)", cookie: s.other).status == .notFound)
            #expect(try await client.page(.post, "/nps-campaigns/\(id)/send", cookie: s.other, form: "version=1").status == .notFound)
            #expect((400..<500).contains(try await client.page(.get, "/nps-campaigns/%00", cookie: s.manager).status.code))

            // The confirming step says how many contacts; then it goes, once.
            let confirm = try await client.page(.get, "/nps-campaigns/\(id)/send", cookie: s.manager)
            #expect(confirm.status == .ok && confirm.html.contains("このアンケートを 2 名の担当者に送信します。"))
            let sent = try await client.page(.post, "/nps-campaigns/\(id)/send", cookie: s.manager, form: "version=1")
            #expect(sent.status == .seeOther)
            let after = try await client.page(.get, try #require(sent.headers[.location]), cookie: s.manager)
            #expect(after.html.contains("NPS アンケートを送信しました") && after.html.contains("送信済み") && after.html.contains("2 名"))
            #expect(after.html.contains("0%（2 件中 0 件回答）") && !after.html.contains("/nps-campaigns/\(id)/send"))
            let again = try await client.page(.post, "/nps-campaigns/\(id)/send", cookie: s.manager, form: "version=2")
            #expect(again.status == .conflict || again.status.code == 412)
            #expect(try await client.page(.get, "/nps-campaigns/\(id)/send", cookie: s.manager).status == .conflict)

            // An answer through the link shows in the score.
            let token = try #require(try await CheckUpFixture.tokens(store, a, to: "y@aozora.example").first)
            #expect(try await CheckUpFixture.post(client, "/c/\(token)", "score=10&comment=good").status == .ok)
            let scored = try await client.page(.get, "/nps-campaigns/\(id)", cookie: s.manager)
            #expect(scored.html.contains("+100") && scored.html.contains("あおぞら商事") && scored.html.contains("推奨者"))
            let index = try await client.page(.get, "/check-ups", cookie: s.manager)
            #expect(index.html.contains("2026年秋 NPS"))
            _ = try await client.page(.post, "/me/locale", cookie: s.manager, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/nps-campaigns/\(id)", cookie: s.manager)
            #expect(english.html.contains("Promoters (9–10)") && english.html.contains("Sent on") && english.html.contains("(1 of 2 answered)"))

            // A check-up sent by hand by the customer's CSM: back to the customer's success tab.
            let path = "/customers/\(smb.customer.lower)/check-ups/send"
            let now = try await client.page(.post, path, cookie: s.csm, form: "contact=&template=")
            #expect(now.status == .seeOther)
            #expect(now.headers[.location] == "/customers/\(smb.customer.lower)/success?done=check-up-sent")
            #expect(try await CheckUpFixture.tokens(store, a, to: "y@aozora.example").count == 2)
            // The contact still has an open one: refused on the error page, in words.
            let twice = try await client.page(.post, path, cookie: s.csm, form: "contact=\(smb.contact)")
            #expect(twice.status == .conflict && twice.html.contains("この連絡先には回答期限内の未回答の定期検診があります"))
            #expect(try await client.page(.post, path, cookie: s.other, form: "").status == .notFound)
            #expect((400..<500).contains(try await client.page(.post, path, cookie: s.csm, form: "contact=not-a-uuid").status.code))
            #expect((400..<500).contains(try await client.page(.post, path, cookie: s.csm, form: "template=%00").status.code))
            #expect(try await client.page(.post, "/customers/not-a-uuid/check-ups/send", cookie: s.csm, form: "").status == .notFound)
            let sends = try await client.page(.get, "/check-ups", cookie: s.csm)
            #expect(sends.html.contains("回答待ち"))
        }
    }
}
