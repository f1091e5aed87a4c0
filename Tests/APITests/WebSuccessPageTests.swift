import API
import Credentials
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
import Web

/// The success-definition pages: `/success` with the org's and companies' definitions and attainment, a
/// definition's form (measures as rows without JavaScript, refused in place beside the row), its page and archiving
/// in two steps, and a customer's success tab with a judgement form per manual measure — with the limits around
/// them: a role that may not write gets no form and a 403, another organisation gets the 404 page, hostile input
/// gets a 4xx page, never a 500. The test clock stands at Tuesday 24 November 2026, 12:00 in Tokyo.
@Suite struct WebSuccessPageTests {
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// A measure row of the form.
    struct Row {
        var id = ""
        var name = ""
        var kind = "manual"
        var metric = ""
        var comparison = ">="
        var threshold = ""
        var required = "yes"

        var form: String {
            "&measure_id%5B%5D=\(id)&measure_name%5B%5D=\(encode(name))&measure_kind%5B%5D=\(kind)&measure_metric%5B%5D=\(encode(metric))"
                + "&measure_comparison%5B%5D=\(encode(comparison))&measure_threshold%5B%5D=\(encode(threshold))&measure_required%5B%5D=\(required)"
        }
    }

    static func definitionForm(tier: String = "light", scope: String = "org", definition: String = "現場で使われている",
                               rows: [Row], extra: String = "") -> String {
        "tier=\(tier)&scope=\(encode(scope))&definition=\(encode(definition))&audience=\(encode("現場責任者"))"
            + "&aims=\(encode("毎日の業務で使われる\n締めを3日短縮"))&team=&method=\(encode("ペアサポート"))"
            + rows.map(\.form).joined() + Row().form + Row().form + extra
    }

    @Test func definitionsAreListedMadeEditedAndArchived() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebSessions.signIn(client, a, b, services, support: true)

            let index = try await client.page(.get, "/success", cookie: s.owner)
            #expect(index.status == .ok)
            #expect(index.html.contains("サクセスの定義と到達状況"))
            #expect(index.html.contains("href=\"/success/definitions/new\""))
            #expect(index.html.contains("aria-current=\"page\">定義と到達"))
            let form = try await client.page(.get, "/success/definitions/new", cookie: s.owner)
            #expect(form.status == .ok)
            #expect(form.html.contains("name=\"measure_name[]\""))

            // Refused in place: the nameless measure's message beside its row, what was typed kept; a blank row is ignored.
            let rows = [Row(name: "", kind: "metric", metric: "seats", threshold: "50"), Row(name: "現場責任者が効果を実感")]
            let refused = try await client.page(.post, "/success/definitions/new", cookie: s.owner, form: Self.definitionForm(rows: rows))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("id=\"m0-error\""))
            #expect(refused.html.contains("測定項目名は 1〜200 文字で入力してください。"))
            #expect(refused.html.contains("現場責任者が効果を実感"))
            #expect(refused.html.contains("value=\"seats\""))
            // Errors further down name the right row even after blank rows.
            let third = try await client.page(
                .post, "/success/definitions/new", cookie: s.owner,
                form: Self.definitionForm(rows: [Row(name: "A"), Row(), Row(name: "B", kind: "metric", metric: "Bad Name", threshold: "1")]))
            #expect(third.status == .unprocessableContent)
            #expect(third.html.contains("id=\"m2-error\""))
            let noAudience = try await client.page(
                .post, "/success/definitions/new", cookie: s.owner,
                form: Self.definitionForm(rows: [Row(name: "A")]).replacingOccurrences(of: "audience=\(Self.encode("現場責任者"))", with: "audience="))
            #expect(noAudience.status == .unprocessableContent)
            #expect(noAudience.html.contains("id=\"audience-error\""))
            let noneRequired = try await client.page(
                .post, "/success/definitions/new", cookie: s.owner, form: Self.definitionForm(rows: [Row(name: "A", required: "no")]))
            #expect(noneRequired.status == .unprocessableContent)
            #expect(noneRequired.html.contains("id=\"measures-error\""))

            // Hostile input: NUL, a 400-digit threshold, unknown enum values, a bad UUID — 4xx, never 500.
            let huge = String(repeating: "9", count: 400)
            for hostile in [
                Self.definitionForm(rows: [Row(name: "A")]) + "&definition=%00",
                Self.definitionForm(rows: [Row(name: "A", kind: "metric", metric: "seats", threshold: huge)]),
                Self.definitionForm(tier: "medium", rows: [Row(name: "A")]),
                Self.definitionForm(scope: "company:not-a-uuid", rows: [Row(name: "A")]),
                Self.definitionForm(rows: [Row(name: "A", kind: "telepathy")]),
                Self.definitionForm(rows: [Row(name: "A", kind: "metric", metric: "seats", comparison: "≈", threshold: "1")]),
                Self.definitionForm(rows: [Row(id: "not-a-uuid", name: "A")]),
                Self.definitionForm(rows: [Row(name: "A")]) + "&team=\(UUID().uuidString)",
            ] {
                let answer = try await client.page(.post, "/success/definitions/new", cookie: s.owner, form: hostile)
                #expect((400..<500).contains(answer.status.code), "\(answer.status)")
            }
            #expect((400..<500).contains(try await client.page(.get, "/success?cohort=decade", cookie: s.owner).status.code))

            // The CSM may not define success: no link, no form, and posting is refused.
            #expect(!(try await client.page(.get, "/success", cookie: s.csm).html.contains("href=\"/success/definitions/new\"")))
            #expect(try await client.page(.get, "/success/definitions/new", cookie: s.csm).status == .forbidden)
            let good = Self.definitionForm(
                rows: [Row(name: "週次アクティブ率", kind: "metric", metric: "weekly_active_share", threshold: "60"), Row(name: "現場責任者が効果を実感")])
            #expect(try await client.page(.post, "/success/definitions/new", cookie: s.csm, form: good).status == .forbidden)

            let made = try await client.page(.post, "/success/definitions/new", cookie: s.owner, form: good)
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let id = try #require(location.firstMatch(of: /\/success-definitions\/([0-9a-f-]{36})/)?.output.1)
            let page = try await client.page(.get, location, cookie: s.owner)
            #expect(page.status == .ok)
            #expect(page.html.contains("成功定義を作成しました。"))
            #expect(page.html.contains("weekly_active_share &gt;= 60（以上）") || page.html.contains("weekly_active_share >= 60（以上）"))
            #expect(page.html.contains("現場責任者が効果を実感"))
            let listed = try await client.page(.get, "/success", cookie: s.csm)
            #expect(listed.html.contains("現場で使われている"))
            #expect(listed.html.contains("href=\"/success-definitions/\(id)\""))
            #expect(!listed.html.contains("href=\"/success-definitions/\(id)/edit\""))
            // A second light definition for the org is refused in place.
            let twice = try await client.page(.post, "/success/definitions/new", cookie: s.owner, form: good)
            #expect(twice.status == .conflict)
            #expect(twice.html.contains("id=\"tier-error\""))

            // Another organisation: the 404 page, for reading, editing and archiving.
            #expect(try await client.page(.get, "/success-definitions/\(id)", cookie: s.other).status == .notFound)
            #expect(try await client.page(.get, "/success-definitions/\(id)/edit", cookie: s.other).status == .notFound)
            #expect(try await client.page(.post, "/success-definitions/\(id)/edit", cookie: s.other, form: good).status == .notFound)
            #expect(try await client.page(.post, "/success-definitions/\(id)/archive", cookie: s.other, form: "version=1").status == .notFound)
            #expect(try await client.page(.get, "/success-definitions/not-a-uuid", cookie: s.owner).status == .notFound)
            // The CSM reads it but may not change it.
            #expect(try await client.page(.get, "/success-definitions/\(id)", cookie: s.csm).status == .ok)
            #expect(try await client.page(.get, "/success-definitions/\(id)/edit", cookie: s.csm).status == .forbidden)
            #expect(try await client.page(.post, "/success-definitions/\(id)/edit", cookie: s.csm, form: good + "&version=1").status == .forbidden)
            #expect(try await client.page(.get, "/success-definitions/\(id)/archive", cookie: s.csm).status == .forbidden)
            #expect(try await client.page(.post, "/success-definitions/\(id)/archive", cookie: s.csm, form: "version=1").status == .forbidden)

            // Edit: the existing measures come back as rows; one removed, one renamed, a new one added.
            let edit = try await client.page(.get, "/success-definitions/\(id)/edit", cookie: s.owner)
            #expect(edit.status == .ok)
            let ids = edit.html.matches(of: /name="measure_id\[\]" value="([0-9a-f-]{36})"/).map { String($0.output.1) }
            #expect(ids.count == 2)
            let changed = "definition=\(Self.encode("現場で毎日使われている"))&audience=\(Self.encode("現場責任者"))&aims=&team=&method=&version=1"
                + Row(id: ids[0], name: "週次アクティブ率", kind: "metric", metric: "weekly_active_share", threshold: "60").form
                + Row(id: ids[1], name: "現場責任者が効果を実感").form + Row(name: "締めが3日早まった").form + Row().form
                + "&remove%5B%5D=\(ids[0])"
            let saved = try await client.page(.post, "/success-definitions/\(id)/edit", cookie: s.owner, form: changed)
            #expect(saved.status == .seeOther)
            let after = try await client.page(.get, "/success-definitions/\(id)", cookie: s.owner)
            #expect(after.html.contains("現場で毎日使われている"))
            #expect(after.html.contains("締めが3日早まった"))
            #expect(!after.html.contains("週次アクティブ率"))
            // A stale version is told in words, with what was typed kept.
            let stale = try await client.page(.post, "/success-definitions/\(id)/edit", cookie: s.owner, form: changed)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.html.contains("他の人が先にこの定義を変更しました"))
            #expect(stale.html.contains("現場で毎日使われている"))

            // In English.
            _ = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/success", cookie: s.owner)
            #expect(english.html.contains("Success definitions and attainment"))
            #expect(english.html.contains("The organisation&#39;s definitions") || english.html.contains("The organisation's definitions")
                || english.html.contains("The organisation&#x27;s definitions"))
            #expect(try await client.page(.get, "/success-definitions/\(id)/edit", cookie: s.owner).html.contains("Remove this measure"))

            // Archive: a second step that says what it does, then the definition is gone from the list.
            let confirm = try await client.page(.get, "/success-definitions/\(id)/archive", cookie: s.owner)
            #expect(confirm.status == .ok)
            #expect(confirm.html.contains("action=\"/success-definitions/\(id)/archive\""))
            let archived = try await client.page(.post, "/success-definitions/\(id)/archive", cookie: s.owner, form: "version=2")
            #expect(archived.status == .seeOther)
            #expect(archived.headers[.location] == "/success?done=archived")
            let gone = try await client.page(.get, "/success?done=archived", cookie: s.owner)
            #expect(gone.html.contains("The success definition was archived."))
            #expect(!gone.html.contains("href=\"/success-definitions/\(id)\""))
            #expect(try await client.page(.get, "/success-definitions/\(id)/edit", cookie: s.owner).status == .conflict)
        }
    }

    @Test func aCustomersSuccessTabJudgesManualMeasures() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebSessions.signIn(client, a, b, services, support: true)
            let light = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.lightJSON)
            let definition = try #require(light["id"] as? String)
            let measures = SuccessDefinitionFixture.measureIDs(light)
            let customer = try await a.addCustomer(services.store, name: "朝日物産", owner: a.csm)
            try await SuccessDefinitionFixture.addContract(services.store, a, customer: customer, start: "2026-04-01")
            let path = "/customers/\(customer.lower)/success"

            let page = try await client.page(.get, path, cookie: s.csm)
            #expect(page.status == .ok)
            #expect(page.html.contains("朝日物産 のサクセス"))
            #expect(page.html.contains("ライトサクセスにはまだ到達していません"))
            #expect(page.html.contains("ディープサクセスはまだ定義されていません"))
            #expect(page.html.contains("締めが3日早まった"))
            #expect(page.html.contains("action=\"\(path)/measures/\(measures[0])\""))
            #expect(page.html.contains("href=\"/programs/enrol?customer=\(customer.lower)\""))
            #expect(page.html.contains("action=\"/customers/\(customer.lower)/check-ups/send\""))
            #expect(page.html.contains("aria-current=\"page\">サクセス"))

            // Support reads it but may not judge: no form, and posting is refused.
            let read = try await client.page(.get, path, cookie: s.support)
            #expect(read.status == .ok)
            #expect(!read.html.contains("\(path)/measures/"))
            #expect(!read.html.contains("/check-ups/send"))
            let met = "definition=\(definition)&state=met&evidence=\(Self.encode("10月の締めは2営業日"))&assessed_on=2026-10-01&version=0"
            #expect(try await client.page(.post, "\(path)/measures/\(measures[0])", cookie: s.support, form: met).status == .forbidden)
            // Another organisation: the 404 page.
            #expect(try await client.page(.get, path, cookie: s.other).status == .notFound)
            #expect(try await client.page(.post, "\(path)/measures/\(measures[0])", cookie: s.other, form: met).status == .notFound)
            #expect(try await client.page(.get, "/customers/not-a-uuid/success", cookie: s.csm).status == .notFound)

            // Met needs evidence: refused beside the measure, what was typed kept.
            let bare = try await client.page(
                .post, "\(path)/measures/\(measures[0])", cookie: s.csm, form: "definition=\(definition)&state=met&evidence=&assessed_on=2026-10-01&version=0")
            #expect(bare.status == .unprocessableContent)
            #expect(bare.html.contains("id=\"measure-\(measures[0])-error\""))
            #expect(bare.html.contains("測定項目を達成したと判断した根拠を入力してください。"))
            #expect(bare.html.contains("value=\"2026-10-01\""))
            let ahead = try await client.page(
                .post, "\(path)/measures/\(measures[0])", cookie: s.csm, form: met.replacingOccurrences(of: "2026-10-01", with: "2026-12-01"))
            #expect(ahead.status == .unprocessableContent)
            #expect(ahead.html.contains("評価日に未来の日付は指定できません。"))

            // Hostile input: 4xx, never 500.
            for (target, form) in [
                ("\(path)/measures/\(measures[0])", met + "&evidence=%00"),
                ("\(path)/measures/\(measures[0])", met.replacingOccurrences(of: "state=met", with: "state=done")),
                ("\(path)/measures/\(measures[0])", met.replacingOccurrences(of: "2026-10-01", with: "2026-13-45")),
                ("\(path)/measures/\(measures[0])", met.replacingOccurrences(of: "2026-10-01", with: String(repeating: "9", count: 400))),
                ("\(path)/measures/\(measures[0])", met.replacingOccurrences(of: "version=0", with: "version=" + String(repeating: "9", count: 400))),
                ("\(path)/measures/\(measures[0])", met.replacingOccurrences(of: "definition=\(definition)", with: "definition=not-a-uuid")),
                ("\(path)/measures/not-a-uuid", met),
                ("\(path)/measures/\(UUID().uuidString)", met),
            ] {
                let answer = try await client.page(.post, target, cookie: s.csm, form: form)
                #expect((400..<500).contains(answer.status.code), "\(target) \(form): \(answer.status)")
            }

            // Both required measures met: light success reached, shown with the evidence and who judged it.
            #expect(try await client.page(.post, "\(path)/measures/\(measures[0])", cookie: s.csm, form: met).status == .seeOther)
            let second = try await client.page(
                .post, "\(path)/measures/\(measures[1])", cookie: s.csm,
                form: "definition=\(definition)&state=met&evidence=\(Self.encode("全拠点で毎日ログイン"))&assessed_on=2026-11-20&version=0")
            #expect(second.status == .seeOther)
            #expect(second.headers[.location] == "\(path)?done=assessed#measure-\(measures[1])")
            let reached = try await client.page(.get, "\(path)?done=assessed", cookie: s.csm)
            #expect(reached.html.contains("測定項目の判定を記録しました。"))
            #expect(reached.html.contains("2026年11月20日"))
            #expect(reached.html.contains("ライトサクセスに到達しました"))
            #expect(reached.html.contains("全拠点で毎日ログイン"))
            #expect(reached.html.contains("ライトサクセスに到達しました") && reached.html.contains("継続中"))
            // A stale version of the measure is told in words.
            let stale = try await client.page(.post, "\(path)/measures/\(measures[0])", cookie: s.csm, form: met)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.html.contains("他の人が先にこの項目を判定しました"))
            // The check-up route (part C) comes back here with its notice.
            #expect(try await client.page(.get, "\(path)?done=check-up-sent", cookie: s.csm).html.contains("定期検診を送信しました。"))

            // The attainment report counts the customer: 1 of 1 in SMB, 233 days from contract start.
            let report = try await client.page(.get, "/success?cohort=month", cookie: s.owner)
            #expect(report.html.contains("100%（1/1 社）"))
            #expect(report.html.contains("233 日"))
            #expect(report.html.contains("role=\"img\""))

            // In English.
            _ = try await client.page(.post, "/me/locale", cookie: s.csm, form: "locale=en&back=%2F")
            let english = try await client.page(.get, path, cookie: s.csm)
            #expect(english.html.contains("Success of 朝日物産"))
            #expect(english.html.contains("Light success reached on"))
            #expect(english.html.contains("Deep success is not defined yet"))
        }
    }
}
