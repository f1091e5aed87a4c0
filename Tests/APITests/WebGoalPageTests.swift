import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Web

/// The goal page: what it shows, the check-in and new-goal forms (303 on success, the page again with the input
/// kept on a refusal), and another organisation's ids answering the 404 page.
@Suite struct WebGoalPageTests {
    static let password = "correct horse battery"

    @Test func aGoalPageShowsItsMeasuresSmartVerdictAndForms() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let page = try await client.page(.get, "/goals/\(tree.grr)", cookie: session)
            #expect(page.status == .ok)
            #expect(page.html.contains("<html lang=\"ja\">"))
            #expect(page.html.contains("class=\"smart\""))
            #expect(page.html.contains("id=\"checkin-form\""), "the owner of the org may write the KPI")
            #expect(!page.html.contains("id=\"new-goal-form\""), "nothing goes below a KPI")
            let ksf = try await client.page(.get, "/goals/\(tree.ksfRetention)", cookie: session)
            #expect(ksf.html.contains("id=\"new-goal-form\""))
            #expect(ksf.html.contains("name=\"kind\" value=\"kpi\""))
        }
    }

    @Test func anotherOrganisationsGoalIsThe404Page() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, _ in
            let tree = try await SampleTree.make(client, a)
            let session = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            for path in ["/goals/\(tree.grr)", "/goals/not-an-id", "/goals/\(UUID().uuidString.lowercased())"] {
                let page = try await client.page(.get, path, cookie: session)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                #expect(page.html.contains("ページが見つかりません"), "\(path)")
                #expect(!page.html.contains("下期売上"), "\(path)")
            }
            // Writing to it is refused the same way, and writes nothing.
            let post = try await client.page(
                .post, "/goals/\(tree.grr)/check-in", cookie: session, form: "period=2026-11&actual=1&confidence=on_track&action=draft")
            #expect(post.status == .notFound)
            let checkIns = try await client.call(.get, "/v1/goals/\(tree.grr)/check-ins", token: a.ownerToken)
            #expect(checkIns.body.items.isEmpty)
        }
    }

    @Test func theErrorPagesSpeakTheReadersLanguage() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            #expect(try await client.page(.post, "/me/locale", cookie: session, form: "locale=en&back=/").status == .seeOther)
            // The browser asks for Japanese; the member chose English, and the member's choice is what counts.
            let missing = try await client.page(
                .get, "/goals/\(UUID().uuidString.lowercased())", cookie: session, headers: [.acceptLanguage: "ja"])
            #expect(missing.status == .notFound)
            #expect(missing.html.contains("<html lang=\"en\">"))
            #expect(!missing.html.contains("ページが見つかりません"))
        }
    }

    @Test func theCheckInFormSavesADraftAndKeepsRefusedInput() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            // Reading the page opens nothing: no GET changes anything.
            _ = try await client.page(.get, "/goals/\(tree.grr)", cookie: session)
            #expect(try await client.call(.get, "/v1/goals/\(tree.grr)/check-ins", token: a.ownerToken).body.items.isEmpty)

            let refused = try await client.page(
                .post, "/goals/\(tree.grr)/check-in", cookie: session,
                form: "period=2026-11&actual=ninety&confidence=at_risk&comment=%E9%81%85%E3%82%8C&action=draft")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("id=\"actual-error\""))
            #expect(refused.html.contains("数値を入力してください"))
            #expect(refused.html.contains("value=\"ninety\""))
            #expect(refused.html.contains(">遅れ</textarea>"))
            #expect(refused.html.contains("value=\"at_risk\" checked"))

            let saved = try await client.page(
                .post, "/goals/\(tree.grr)/check-in", cookie: session,
                form: "period=2026-11&actual=1%2C234.5&confidence=at_risk&comment=&action=draft")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/goals/\(tree.grr)?done=saved")
            let checkIns = try await client.call(.get, "/v1/goals/\(tree.grr)/check-ins", token: a.ownerToken).body.items
            #expect(checkIns.count == 1)
            #expect(checkIns.first?["actual"] as? Double == 1234.5)
            #expect(checkIns.first?["state"] as? String == "open")
        }
    }

    @Test func aKPIIsAddedUnderAKSFFromItsPage() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let missing = try await client.page(
                .post, "/goals/\(tree.ksfRetention)/children", cookie: session, form: "kind=kpi&title=&target=abc")
            #expect(missing.status == .unprocessableContent)
            let added = try await client.page(
                .post, "/goals/\(tree.ksfRetention)/children", cookie: session,
                form: "kind=kpi&title=%E8%A7%A3%E7%B4%84%E7%8E%87&metric=churn&unit=%25&baseline=5&target=3&direction=down&due_date=2027-03-31")
            #expect(added.status == .seeOther)
            let location = try #require(added.headers[.location])
            #expect(location.hasPrefix("/goals/") && location.hasSuffix("?done=created"))
            let children = try await client.call(.get, "/v1/goals?parent_id=\(tree.ksfRetention)", token: a.ownerToken).body.items
            #expect(children.contains { $0["title"] as? String == "解約率" && $0["direction"] as? String == "down" })
        }
    }
}

/// A KGI from the goal tree page.
@Suite struct WebNewKGITests {
    @Test func aKGIIsAddedFromTheTreeAndARefusalKeepsTheForm() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let session = try await client.signIn(a.slug, "owner@alpha.example", "correct horse battery").session
            let tree = try await client.page(.get, "/goals/tree?period=FY2026-H2", cookie: session)
            #expect(tree.html.contains("id=\"new-goal-form\" method=\"post\" action=\"/goals\""))
            let refused = try await client.page(
                .post, "/goals", cookie: session, form: "period=FY2026-H2&title=&company=\(a.smb.lower)&target=12")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("id=\"new-title-error\""))
            #expect(refused.html.contains("<details class=\"new-goal\" open>"))
            #expect(refused.html.contains("value=\"12\""))
            let added = try await client.page(
                .post, "/goals", cookie: session,
                form: "period=FY2026-H2&title=%E7%B6%99%E7%B6%9A%E7%8E%87&company=\(a.smb.lower)&metric=GRR&unit=%25&baseline=90&target=95&direction=up&due_date=2027-03-31")
            #expect(added.status == .seeOther)
            let location = try #require(added.headers[.location])
            let page = try await client.page(.get, location, cookie: session)
            #expect(page.html.contains("継続率"))
            #expect(page.html.contains("id=\"new-goal-form\""), "a KSF can be added under it")
            let kgis = try await client.call(.get, "/v1/goals?kind=kgi", token: a.ownerToken).body.items
            #expect(kgis.contains { $0["title"] as? String == "継続率" && $0["company_id"] as? String == a.smb.lower })
        }
    }
}

/// Titles are text, never markup, on every page — the tree writes its nodes in Swift, so it is checked here too.
@Suite struct WebEscapingTests {
    @Test func aTitleWithMarkupIsShownAsText() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let title = #"<script>alert("x")</script> & 'quotes'"#
            let json = try JSONSerialization.data(withJSONObject: [
                "kind": "kgi", "title": title, "company_id": a.smb.lower, "period": "FY2026-H2", "metric": "売上", "unit": "円",
                "baseline": 100, "target": 120, "owner_id": a.smbManager.lower,
                "due_date": "2027-03-31",
            ])
            let created = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: String(decoding: json, as: UTF8.self))
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.body["id"] as? String)
            let session = try await client.signIn(a.slug, "owner@alpha.example", "correct horse battery").session
            for path in ["/goals/tree?period=FY2026-H2", "/goals/\(id)"] {
                let page = try await client.page(.get, path, cookie: session)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.html.contains("<script>alert"), "\(path)")
                #expect(page.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"), "\(path)")
            }
        }
    }
}
