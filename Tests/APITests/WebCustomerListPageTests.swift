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

/// The customer list: filters (a bad one answers 422 in place), saved views of one's own, the new-customer form for
/// those who may create (a viewer sees none and is refused), both languages, names escaped.
@Suite struct WebCustomerListPageTests {
    static let password = "correct horse battery"

    @Test func listFiltersViewsAndCreating() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            let viewer = try await a.addMember(store, email: "viewer2@alpha.example", role: .viewer, scope: .company(a.smb), team: nil)
            try await store.tenant(a.orgID) { tx in
                try await MemberRepository.setPassword(tx, id: a.csm, hash: hash)
                try await MemberRepository.setPassword(tx, id: viewer.id, hash: hash)
            }
            let hokusei = try await a.addCustomer(store, name: "北星銀行", kana: "ホクセイギンコウ", owner: a.csm)
            try await a.addScore(store, customer: hokusei, grade: .c, total: 48, month: "2026-11", at: Date(timeIntervalSince1970: 1_795_000_000))
            try await a.addCustomer(store, name: "<script>alert(1)</script>", kana: "アカウント", owner: a.csm)
            let beta = try await b.addCustomer(store, name: "ベータ商事", kana: "ベータ")

            let owner = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let page = try await client.page(.get, "/customers", cookie: owner)
            #expect(page.status == .ok)
            #expect(page.html.contains("北星銀行"))
            #expect(page.html.contains("ホクセイギンコウ"))
            #expect(page.html.contains("<b>C</b> 要注意"))
            #expect(page.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.html.contains("<script>alert(1)"))
            #expect(!page.html.contains("ベータ商事"))
            // The reading orders the list: アカウント before ホクセイギンコウ.
            let first = try #require(page.html.range(of: "アカウント")), second = try #require(page.html.range(of: "ホクセイギンコウ"))
            #expect(first.lowerBound < second.lowerBound)

            let gradeC = try await client.page(.get, "/customers?grade=C&company_id=&sort=grade", cookie: owner)
            #expect(gradeC.status == .ok)
            #expect(gradeC.html.contains("北星銀行"))
            #expect(!gradeC.html.contains("&lt;script&gt;"))
            let bad = try await client.page(.get, "/customers?grade=Z", cookie: owner)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("グレードは A、B、C、D、none のいずれかを指定してください。"))
            #expect(try await client.page(.get, "/customers?q=%E3%81%BB%E3%81%8F%E3%81%9B%E3%81%84", cookie: owner).html.contains("北星銀行"))

            // Saved views: save, listed as a link, refused in place without a name, deleted.
            let saved = try await client.page(.post, "/customers/views", cookie: owner, form: "name=C%E3%81%AE%E9%A1%A7%E5%AE%A2&query=grade%3DC")
            #expect(saved.status == .seeOther)
            let withView = try await client.page(.get, "/customers?grade=C", cookie: owner)
            #expect(withView.html.contains("Cの顧客"))
            #expect(withView.html.contains("href=\"/customers?grade=C\" aria-current=\"page\""))
            let nameless = try await client.page(.post, "/customers/views", cookie: owner, form: "name=&query=grade%3DC")
            #expect(nameless.status == .unprocessableContent)
            #expect(nameless.html.contains("id=\"view-name-error\""))
            let views = try await client.call(.get, "/v1/me/saved-views?page=customers", token: a.ownerToken).body.items
            let viewID = try #require(views.first?["id"] as? String)
            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session
            #expect(try await client.page(.post, "/customers/views/\(viewID)/delete", cookie: csm).status == .notFound)
            #expect(try await client.page(.post, "/customers/views/\(viewID)/delete", cookie: owner).status == .seeOther)

            // Creating: the form comes back with the input kept and the error by its field; a CSM creates their own.
            #expect(try await client.page(.get, "/customers/new", cookie: csm).status == .ok)
            let missing = try await client.page(.post, "/customers/new", cookie: csm, form: "name=%E6%9D%B1%E9%82%A6&company_id=&team_id=")
            #expect(missing.status == .unprocessableContent)
            #expect(missing.html.contains("id=\"c-company-error\""))
            #expect(missing.html.contains("value=\"東邦\""))
            let created = try await client.page(
                .post, "/customers/new", cookie: csm,
                form: "name=%E6%9D%B1%E9%82%A6&name_kana=%E3%83%88%E3%82%A6%E3%83%9B%E3%82%A6&company_id=\(a.smb.lower)&team_id=\(a.smbTeam.lower)&owner_id=&sales_owner_id=&tags=VIP")
            #expect(created.status == .seeOther)
            #expect(created.headers[.location]?.hasPrefix("/customers/") == true)
            #expect(try await client.page(.get, "/customers?owner_id=me", cookie: csm).html.contains("東邦"))

            // A viewer reads but is offered no form, and the server refuses the POST.
            let viewerSession = try await client.signIn(a.slug, "viewer2@alpha.example", Self.password).session
            let viewerPage = try await client.page(.get, "/customers", cookie: viewerSession)
            #expect(viewerPage.status == .ok)
            #expect(!viewerPage.html.contains("href=\"/customers/new\""))
            #expect(try await client.page(.get, "/customers/new", cookie: viewerSession).status == .forbidden)
            let refused = try await client.page(
                .post, "/customers/new", cookie: viewerSession, form: "name=X&company_id=\(a.smb.lower)&team_id=\(a.smbTeam.lower)")
            #expect(refused.status == .forbidden)

            // Another organisation's customer is not in our list, and its page is the 404 page.
            #expect(try await client.page(.get, "/customers/\(beta.lower)", cookie: owner).status == .notFound)

            _ = try await client.page(.post, "/me/locale", cookie: owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/customers", cookie: owner)
            #expect(english.html.contains("<b>C</b> At risk"))
            #expect(english.html.contains("Filter and sort"))
        }
    }
}
