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

/// A customer's page: health with its why, contracts with the notice deadline (never for support), tickets, the
/// timeline; the phase form refused in place; a viewer is offered no form and refused; a stale edit is the 409 page;
/// another organisation's customer is the 404 page.
@Suite struct WebCustomerPageTests {
    static let password = "correct horse battery"

    @Test func theCustomerPageAndItsForms() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            let support = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let viewer = try await a.addMember(store, email: "viewer2@alpha.example", role: .viewer, scope: .company(a.smb), team: nil)
            try await store.tenant(a.orgID) { tx in
                for id in [a.csm, support.id, viewer.id] { try await MemberRepository.setPassword(tx, id: id, hash: hash) }
            }
            let id = try await a.addCustomer(store, name: "北星銀行", kana: "ホクセイギンコウ", owner: a.csm, phase: .outcome)
            try await a.addContract(store, customer: id, arr: 1_200_000, start: "2024-01-01", end: "2026-12-31")
            try await a.addScore(store, customer: id, grade: .b, total: 66, month: "2026-10", at: Date(timeIntervalSince1970: 1_790_000_000))
            try await a.addScore(store, customer: id, grade: .c, total: 48, month: "2026-11", at: Date(timeIntervalSince1970: 1_795_000_000))
            try await a.addTicket(store, customer: id, title: "ログインできない", priority: "urgent")
            try await a.addNPS(store, customer: id, score: 3, on: "2026-10-15")
            let beta = try await b.addCustomer(store, name: "ベータ商事")
            let path = "/customers/\(id.lower)"

            let owner = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let page = try await client.page(.get, path, cookie: owner)
            #expect(page.status == .ok)
            #expect(page.html.contains("<h1>北星銀行</h1>"))
            #expect(page.html.contains("成果創出"))
            #expect(page.html.contains("JPY 1,200,000"))
            #expect(page.html.contains("2026年12月31日(木)"))
            #expect(page.html.contains("残り 37 日"))
            #expect(page.html.contains("グレード B → C"))
            #expect(page.html.contains("ログインできない"))
            #expect(page.html.contains("推奨者 0 件・中立者 0 件・批判者 1 件"))
            #expect(page.html.contains("action=\"\(path)/phase\""))
            let why = try await client.page(.get, "\(path)/health", cookie: owner)
            #expect(why.status == .ok)
            #expect(why.html.contains("グレードの基準"))
            #expect(why.html.contains("2026年10月"))

            // The phase: churned without a reason is refused beside the field; then with one.
            let noReason = try await client.page(.post, "\(path)/phase", cookie: owner, form: "phase=churned&churn_reason=&version=1")
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.html.contains("id=\"phase-churn-error\""))
            #expect(noReason.html.contains("解約理由を入力してください。"))
            let wrongRisk = try await client.page(.post, "\(path)/phase", cookie: owner, form: "phase=embedded&risk_reasons=unclear_use")
            #expect(wrongRisk.status == .unprocessableContent)
            #expect(wrongRisk.html.contains("id=\"risk-error\""))
            let moved = try await client.page(.post, "\(path)/phase", cookie: owner, form: "phase=embedded&risk_reasons=few_users")
            #expect(moved.status == .seeOther)
            let after = try await client.page(.get, path, cookie: owner)
            #expect(after.html.contains("使っている人が少ない"))
            #expect(after.html.contains("フェーズ変更"))

            // The timeline: an entry added, found by a two-character Japanese search; a blank title refused in place.
            let blank = try await client.page(.post, "\(path)/timeline", cookie: owner, form: "kind=meeting&tag=deep&title=&occurred_at=")
            #expect(blank.status == .unprocessableContent)
            #expect(blank.html.contains("id=\"e-title-error\""))
            let added = try await client.page(
                .post, "\(path)/timeline", cookie: owner,
                form: "kind=meeting&tag=deep&title=%E8%A7%A3%E7%B4%84%E3%81%AE%E7%9B%B8%E8%AB%87&body=&occurred_at=2026-11-20T10%3A30")
            #expect(added.status == .seeOther)
            let searched = try await client.page(.get, "\(path)?q=%E8%A7%A3%E7%B4%84", cookie: owner)
            #expect(searched.html.contains("解約の相談"))
            #expect(searched.html.contains("ディープ"))
            #expect(!(try await client.page(.get, "\(path)?q=%E5%A5%91%E7%B4%84%E6%9B%B8", cookie: owner).html.contains("解約の相談")))
            #expect(try await client.page(.get, "\(path)/timeline?kind=meeting", cookie: owner).html.contains("解約の相談"))

            // Edit: saved; a stale version is the 409 page with the current values.
            let edit = try await client.page(.get, "\(path)/edit", cookie: owner)
            #expect(edit.status == .ok)
            let stale = try await client.page(
                .post, "\(path)/edit", cookie: owner,
                form: "version=1&name=%E5%8C%97%E6%98%9F&company_id=\(a.smb.lower)&team_id=\(a.smbTeam.lower)&owner_id=\(a.csm.lower)")
            #expect(stale.status == .conflict)
            #expect(stale.html.contains("ほかの人が更新しました"))
            let current = try #require(stale.html.firstMatch(of: /name="version" value="(\d+)"/)).output.1
            let saved = try await client.page(
                .post, "\(path)/edit", cookie: owner,
                form: "version=\(current)&name=%E5%8C%97%E6%98%9F%E9%8A%80%E8%A1%8C&name_kana=&name_en=Hokusei+Bank&company_id=\(a.smb.lower)&team_id=\(a.smbTeam.lower)&owner_id=\(a.csm.lower)&sales_owner_id=&segment=Enterprise&tags=VIP%2C+%E9%87%91%E8%9E%8D")
            #expect(saved.status == .seeOther)
            let edited = try await client.page(.get, path, cookie: owner)
            #expect(edited.html.contains("Hokusei Bank"))
            #expect(edited.html.contains("金融"))

            // Support reads the customer but never its contract values.
            let supportSession = try await client.signIn(a.slug, "support@alpha.example", Self.password).session
            let supportPage = try await client.page(.get, path, cookie: supportSession)
            #expect(supportPage.status == .ok)
            #expect(!supportPage.html.contains("JPY"))
            #expect(!supportPage.html.contains("解約予告期限"))

            // A viewer: no forms, and the POSTs are refused.
            let viewerSession = try await client.signIn(a.slug, "viewer2@alpha.example", Self.password).session
            let viewerPage = try await client.page(.get, path, cookie: viewerSession)
            #expect(viewerPage.status == .ok)
            #expect(!viewerPage.html.contains("action=\"\(path)/phase\""))
            #expect(!viewerPage.html.contains("action=\"\(path)/timeline\""))
            #expect(!viewerPage.html.contains("action=\"\(path)/archive\""))
            #expect(try await client.page(.post, "\(path)/phase", cookie: viewerSession, form: "phase=renewal").status == .forbidden)
            #expect(try await client.page(.post, "\(path)/archive", cookie: viewerSession).status == .forbidden)
            #expect(try await client.page(.post, "\(path)/score", cookie: viewerSession).status == .forbidden)
            #expect(try await client.page(.get, "\(path)/edit", cookie: viewerSession).status == .forbidden)

            // Another organisation: every page and action of ours is the 404 page, and theirs to us.
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, path, cookie: other).status == .notFound)
            #expect(try await client.page(.get, "\(path)/health", cookie: other).status == .notFound)
            #expect(try await client.page(.post, "\(path)/archive", cookie: other).status == .notFound)
            #expect(try await client.page(.get, "/customers/\(beta.lower)/timeline", cookie: owner).status == .notFound)
            #expect(try await client.page(.get, "/customers/not-an-id", cookie: owner).status == .notFound)

            // English, and archiving.
            _ = try await client.page(.post, "/me/locale", cookie: owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, path, cookie: owner)
            #expect(english.html.contains("Notice deadline"))
            #expect(english.html.contains("Thu 31 Dec 2026"))
            #expect(try await client.page(.get, "\(path)/health", cookie: owner).html.contains("Grade thresholds"))
            #expect(try await client.page(.post, "\(path)/archive", cookie: owner).status == .seeOther)
        }
    }
}
