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

/// A customer's contracts and revenue page: a manager adds a contract typed as people write amounts and sees it with
/// its notice deadline; too many decimals for the currency are refused beside the amount; a stale edit says so; an
/// expansion creates the next contract; a snapshot wins its month and can be removed. The owning CSM and a viewer
/// read without forms and are refused on POST; support gets the 403 page; another org's customer is the 404 page.
@Suite struct WebCustomerRevenuePageTests {
    static let password = "correct horse battery"

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }

    @Test func contractsRenewalsAndMonthlyRevenue() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            let support = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let viewer = try await a.addMember(store, email: "viewer2@alpha.example", role: .viewer, scope: .company(a.smb), team: nil)
            try await store.tenant(a.orgID) { tx in
                for id in [a.csm, a.smbManager, support.id, viewer.id] { try await MemberRepository.setPassword(tx, id: id, hash: hash) }
            }
            let id = try await a.addCustomer(store, name: "北星銀行", kana: "ホクセイギンコウ", owner: a.csm, phase: .outcome)
            let beta = try await b.addCustomer(store, name: "ベータ商事")
            let path = "/customers/\(id.lower)"

            let manager = try await client.signIn(a.slug, "manager@smb.example", Self.password).session
            let empty = try await client.page(.get, "\(path)/revenue", cookie: manager)
            #expect(empty.status == .ok)
            #expect(empty.html.contains("北星銀行 の契約・売上"))
            #expect(empty.html.contains("action=\"\(path)/contracts\""))
            #expect(empty.html.contains("aria-current=\"page\">契約・売上"))

            // Too many decimals for yen: refused beside the amount, the input kept.
            let contract = "name=%E5%B9%B4%E9%96%93%E5%A5%91%E7%B4%84&currency=JPY&start_date=2026-04-01&end_date=2027-03-31&auto_renews=1&notice_value=3&notice_unit=months"
            let decimals = try await client.page(.post, "\(path)/contracts", cookie: manager, form: "arr=1.5&" + contract)
            #expect(decimals.status == .unprocessableContent)
            #expect(decimals.html.contains("id=\"new-arr-error\""))
            #expect(decimals.html.contains("この通貨は小数を使いません。"))
            #expect(decimals.html.contains("value=\"1.5\""))
            #expect(decimals.html.contains("aria-invalid=\"true\""))
            let wrongCurrency = try await client.page(.post, "\(path)/contracts", cookie: manager, form: "arr=\(Self.escape("1,200.50 USD"))&" + contract)
            #expect(wrongCurrency.status == .unprocessableContent)
            #expect(wrongCurrency.html.contains("選んだ通貨と一致しません"))

            // Added as people write it: ¥1,200,000.
            let added = try await client.page(.post, "\(path)/contracts", cookie: manager, form: "arr=\(Self.escape("¥1,200,000"))&" + contract)
            #expect(added.status == .seeOther)
            let page = try await client.page(.get, "\(path)/revenue?done=added", cookie: manager)
            #expect(page.html.contains("契約を追加しました。"))
            #expect(page.html.contains("JPY 1,200,000"))
            #expect(page.html.contains("JPY 100,000"))
            #expect(page.html.contains("自動更新・3 か月前までに予告"))
            #expect(page.html.contains("2026年12月31日(木)"))
            #expect(page.html.contains("残り 37 日"))
            let contractID = try #require(page.html.firstMatch(of: /action="\/customers\/[0-9a-f-]+\/contracts\/([0-9a-f-]{36})"/)).output.1
            let edit = "\(path)/contracts/\(contractID)"

            // A stale version: the conflict message, the current values shown.
            #expect(try await client.page(.post, edit, cookie: manager, form: "version=1&arr=1%2C200%2C000&" + contract).status == .seeOther)
            let stale = try await client.page(.post, edit, cookie: manager, form: "version=1&arr=2%2C000%2C000&" + contract)
            #expect(stale.status == .conflict)
            #expect(stale.html.contains("ほかの人が更新しました"))
            #expect(!stale.html.contains("value=\"2,000,000\""))

            // The renewal: an "expansion" to less is refused beside the ARR; a real one creates the next contract.
            let next = "currency=JPY&start_date=2027-04-01&end_date=2028-03-31&auto_renews=1&notice_value=3&notice_unit=months"
            let notMore = try await client.page(.post, "\(edit)/renewal", cookie: manager, form: "outcome=expanded&arr=1000000&" + next)
            #expect(notMore.status == .unprocessableContent)
            #expect(notMore.html.contains("現在の年額より大きくしてください"))
            let expanded = try await client.page(.post, "\(edit)/renewal", cookie: manager, form: "outcome=expanded&arr=1%2C500%2C000&" + next)
            #expect(expanded.status == .seeOther)
            let renewed = try await client.page(.get, "\(path)/revenue", cookie: manager)
            #expect(renewed.html.contains("JPY 1,500,000"))
            #expect(renewed.html.contains("拡大（アップセル）"))
            #expect(renewed.html.contains("更新済み"))
            let again = try await client.page(.post, "\(edit)/renewal", cookie: manager, form: "outcome=renewed")
            #expect(again.status == .conflict)
            #expect(again.html.contains("class=\"error-summary\""))

            // A snapshot wins its month, and removing it brings the contracts' figure back.
            let badMonth = try await client.page(.post, "\(path)/revenue", cookie: manager, form: "month=2026-13&currency=JPY&amount=5")
            #expect(badMonth.status == .unprocessableContent)
            #expect(badMonth.html.contains("id=\"s-month-error\""))
            #expect(try await client.page(.post, "\(path)/revenue", cookie: manager, form: "month=2026-10&currency=JPY&amount=999%2C999").status == .seeOther)
            let snapped = try await client.page(.get, "\(path)/revenue", cookie: manager)
            #expect(snapped.html.contains("2026年10月</th><td class=\"num\">JPY 999,999</td><td><strong>取り込み（スナップショット）</strong>"))
            #expect(snapped.html.contains("2026年9月</th><td class=\"num\">JPY 100,000</td><td>契約から算出</td>"))
            #expect(snapped.html.contains("<svg class=\"crev-chart\""))
            #expect(snapped.html.contains("<title id=\"crev-chart-jpy-title\">月次売上（JPY）</title>"))
            #expect(try await client.page(.post, "\(path)/revenue/delete", cookie: manager, form: "month=2026-10&currency=JPY").status == .seeOther)
            #expect(!(try await client.page(.get, "\(path)/revenue", cookie: manager).html.contains("JPY 999,999")))

            // The owning CSM reads the contracts but does not edit them (customers.manage, as the use cases rule).
            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session
            let csmPage = try await client.page(.get, "\(path)/revenue", cookie: csm)
            #expect(csmPage.status == .ok)
            #expect(csmPage.html.contains("JPY 1,500,000"))
            #expect(!csmPage.html.contains("action=\"\(path)/contracts\""))
            #expect(try await client.page(.post, "\(path)/contracts", cookie: csm, form: "arr=1&" + contract).status == .forbidden)

            // A viewer reads without forms and is refused.
            let viewerSession = try await client.signIn(a.slug, "viewer2@alpha.example", Self.password).session
            let viewerPage = try await client.page(.get, "\(path)/revenue", cookie: viewerSession)
            #expect(viewerPage.status == .ok)
            #expect(!viewerPage.html.contains("<form method=\"post\" action=\"\(path)"))
            #expect(try await client.page(.post, "\(path)/contracts", cookie: viewerSession, form: "arr=1.5&" + contract).status == .forbidden)
            #expect(try await client.page(.post, "\(edit)/renewal", cookie: viewerSession, form: "outcome=churned").status == .forbidden)
            #expect(try await client.page(.post, "\(path)/revenue", cookie: viewerSession, form: "month=2026-10&currency=JPY&amount=1").status == .forbidden)
            #expect(try await client.page(.post, "\(path)/revenue/delete", cookie: viewerSession, form: "month=2026-10&currency=JPY").status == .forbidden)

            // Support never sees contract values: the 403 page, and no tab to it.
            let supportSession = try await client.signIn(a.slug, "support@alpha.example", Self.password).session
            let supportPage = try await client.page(.get, "\(path)/revenue", cookie: supportSession)
            #expect(supportPage.status == .forbidden)
            #expect(!supportPage.html.contains("JPY"))
            let supportNPS = try await client.page(.get, "\(path)/nps", cookie: supportSession)
            #expect(supportNPS.status == .ok)
            #expect(!supportNPS.html.contains("\(path)/revenue"))
            #expect(!supportNPS.html.contains("JPY"))

            // Another organisation: the 404 page both ways; a contract under another customer's path does not exist.
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, "\(path)/revenue", cookie: other).status == .notFound)
            #expect(try await client.page(.post, "\(path)/contracts", cookie: other, form: "arr=1&" + contract).status == .notFound)
            #expect(try await client.page(.post, "\(edit)/renewal", cookie: other, form: "outcome=churned").status == .notFound)
            #expect(try await client.page(.get, "/customers/\(beta.lower)/revenue", cookie: manager).status == .notFound)
            let elsewhere = try await a.addCustomer(store, name: "別の顧客", owner: a.csm)
            #expect(try await client.page(.post, "/customers/\(elsewhere.lower)/contracts/\(contractID)", cookie: manager, form: "version=9&arr=1&" + contract).status == .notFound)
            #expect(try await client.page(.get, "/customers/not-an-id/revenue", cookie: manager).status == .notFound)

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: manager, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "\(path)/revenue", cookie: manager)
            #expect(english.html.contains("北星銀行: contracts and revenue"))
            #expect(english.html.contains("Notice deadline"))
            #expect(english.html.contains("Expanded (upsell)"))
            #expect(english.html.contains("derived from contracts"))
            let englishDecimals = try await client.page(.post, "\(path)/contracts", cookie: manager, form: "arr=1.5&" + contract)
            #expect(englishDecimals.html.contains("This currency has no decimals. Enter a whole number."))
        }
    }
}
