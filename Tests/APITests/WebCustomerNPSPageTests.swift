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

/// A customer's NPS page: the owning CSM records a 3 with a comment and sees it counted as a detractor with the score;
/// bad input is refused beside its field; support reads the page without forms; a viewer is refused; only those who
/// manage the customer delete; another org's customer is the 404 page.
@Suite struct WebCustomerNPSPageTests {
    static let password = "correct horse battery"

    @Test func responsesAndTheScore() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            let support = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let viewer = try await a.addMember(store, email: "viewer2@alpha.example", role: .viewer, scope: .company(a.smb), team: nil)
            try await store.tenant(a.orgID) { tx in
                for id in [a.csm, a.smbManager, support.id, viewer.id] { try await MemberRepository.setPassword(tx, id: id, hash: hash) }
            }
            let id = try await a.addCustomer(store, name: "北星銀行", kana: "ホクセイギンコウ", owner: a.csm, phase: .outcome)
            try await a.addNPS(store, customer: id, score: 10, on: "2026-06-01")
            let beta = try await b.addCustomer(store, name: "ベータ商事")
            let path = "/customers/\(id.lower)/nps"

            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session
            let first = try await client.page(.get, path, cookie: csm)
            #expect(first.status == .ok)
            #expect(first.html.contains("北星銀行 の NPS"))
            #expect(first.html.contains("aria-current=\"page\">NPS"))
            #expect(first.html.contains("<p class=\"crev-nps-score\">+100</p>"))
            #expect(first.html.contains("action=\"\(path)\""))

            // Refused beside the field: no score; a day in the future.
            let noScore = try await client.page(.post, path, cookie: csm, form: "comment=%E9%81%85%E3%81%84&responded_on=2026-11-20&channel=meeting")
            #expect(noScore.status == .unprocessableContent)
            #expect(noScore.html.contains("id=\"nps-score-error\""))
            #expect(noScore.html.contains("遅い"))
            let future = try await client.page(.post, path, cookie: csm, form: "score=3&responded_on=2027-01-10&channel=meeting")
            #expect(future.status == .unprocessableContent)
            #expect(future.html.contains("id=\"nps-date-error\""))

            // A 3 with a comment: a detractor, and the score follows.
            let comment = "画面が重くて現場が使ってくれない。\n改善の予定を知りたい。"
            let added = try await client.page(
                .post, path, cookie: csm,
                form: "score=3&comment=\(comment.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&respondent=%E4%BD%90%E8%97%A4&responded_on=2026-11-20&channel=meeting")
            #expect(added.status == .seeOther)
            let page = try await client.page(.get, path + "?done=added", cookie: csm)
            #expect(page.html.contains("回答を記録しました。"))
            #expect(page.html.contains("推奨者 1 件・中立者 0 件・批判者 1 件"))
            #expect(page.html.contains("<p class=\"crev-nps-score\">0</p>"))
            #expect(page.html.contains("<b>3</b> 批判者"))
            #expect(page.html.contains("画面が重くて現場が使ってくれない。"))
            #expect(page.html.contains("2026年11月20日(金) · 打ち合わせ · 佐藤"))
            // Newest first, and the detractors alone.
            let three = try #require(page.html.range(of: "<b>3</b>")), ten = try #require(page.html.range(of: "<b>10</b>"))
            #expect(three.lowerBound < ten.lowerBound)
            let detractors = try await client.page(.get, path + "?category=detractor", cookie: csm)
            #expect(detractors.html.contains("<b>3</b>"))
            #expect(!detractors.html.contains("<b>10</b>"))
            // A CSM does not delete responses.
            #expect(!page.html.contains("/delete\""))
            let responseID = try #require(page.html.firstMatch(of: /id="nps-([0-9a-f]{12})"/)).output.1
            _ = responseID

            // Support reads the page (not a contract value), without forms, and is refused on POST.
            let supportSession = try await client.signIn(a.slug, "support@alpha.example", Self.password).session
            let supportPage = try await client.page(.get, path, cookie: supportSession)
            #expect(supportPage.status == .ok)
            #expect(supportPage.html.contains("画面が重くて"))
            #expect(!supportPage.html.contains("action=\"\(path)\""))
            #expect(try await client.page(.post, path, cookie: supportSession, form: "score=9").status == .forbidden)

            // A viewer: no form, refused.
            let viewerSession = try await client.signIn(a.slug, "viewer2@alpha.example", Self.password).session
            let viewerPage = try await client.page(.get, path, cookie: viewerSession)
            #expect(viewerPage.status == .ok)
            #expect(!viewerPage.html.contains("action=\"\(path)\""))
            #expect(try await client.page(.post, path, cookie: viewerSession, form: "score=").status == .forbidden)

            // The manager deletes; the CSM may not.
            let manager = try await client.signIn(a.slug, "manager@smb.example", Self.password).session
            let managed = try await client.page(.get, path, cookie: manager)
            let deletePath = try #require(managed.html.firstMatch(of: /action="(\/customers\/[0-9a-f-]+\/nps\/[0-9a-f-]{36}\/delete)"/)).output.1
            #expect(try await client.page(.post, String(deletePath), cookie: csm, form: "").status == .forbidden)
            #expect(try await client.page(.post, String(deletePath), cookie: manager, form: "").status == .seeOther)
            #expect(try await client.page(.get, path, cookie: manager).html.contains("<p class=\"crev-nps-score\">+100</p>"))

            // Another organisation: the 404 page both ways.
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, path, cookie: other).status == .notFound)
            #expect(try await client.page(.post, path, cookie: other, form: "score=9").status == .notFound)
            #expect(try await client.page(.get, "/customers/\(beta.lower)/nps", cookie: csm).status == .notFound)

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: csm, form: "locale=en&back=%2F")
            let english = try await client.page(.get, path, cookie: csm)
            #expect(english.html.contains("北星銀行: NPS"))
            #expect(english.html.contains("Record a response"))
            #expect(english.html.contains("1 response"))
            #expect(english.html.contains("promoter"))
        }
    }
}
