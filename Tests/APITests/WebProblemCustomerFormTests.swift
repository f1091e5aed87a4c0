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

/// A problem record's affected customers as a form: a customer added by hand and removed again, a choice that is
/// not a customer refused beside the field; a CSM who may not write the problem sees no form and is refused;
/// another org's problem is the 404 page; both languages.
@Suite struct WebProblemCustomerFormTests {
    static let password = "correct horse battery"

    @Test func addAndRemoveAnAffectedCustomer() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            try await store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: a.csm, hash: hash) }
            let customer = try await a.addCustomer(store, name: "株式会社カモメ", owner: a.csm)
            let beta = try await b.addCustomer(store, name: "ベータ商事")
            let owner = try #require(try await client.signIn(a.slug, "owner@alpha.example", Self.password).session)
            let created = try await client.page(
                .post, "/problems", cookie: owner, form: "title=%E5%B8%B3%E7%A5%A8%E5%87%BA%E5%8A%9B%E3%81%AE%E9%81%85%E5%BB%B6&status=open&company=&owner=\(a.owner.lower)")
            #expect(created.status == .seeOther)
            let path = String(try #require(created.headers[.location]).prefix { $0 != "?" })

            var page = try await client.page(.get, path, cookie: owner)
            #expect(page.html.contains("id=\"affect-form\""))
            #expect(page.html.contains("<option value=\"\(customer.lower)\">株式会社カモメ</option>"))
            #expect(!page.html.contains(beta.lower), "another org's customer is never offered")

            let nothing = try await client.page(.post, path + "/customers", cookie: owner, form: "customer_id=")
            #expect(nothing.status == .unprocessableContent)
            #expect(nothing.html.contains("id=\"affect-error\""))
            #expect(nothing.html.contains("影響を受けた顧客を一覧から選択してください。"))
            let foreign = try await client.page(.post, path + "/customers", cookie: owner, form: "customer_id=\(beta.lower)")
            #expect(foreign.status == .unprocessableContent, "another org's customer is not one this reader has")

            let added = try await client.page(.post, path + "/customers", cookie: owner, form: "customer_id=\(customer.lower)")
            #expect(added.status == .seeOther)
            page = try await client.page(.get, path + "?done=customer_added", cookie: owner)
            #expect(page.html.contains("影響を受けた顧客を追加しました。"))
            #expect(page.html.contains("<a href=\"/customers/\(customer.lower)\">株式会社カモメ</a>"))
            #expect(page.html.contains("手動で追加"))
            #expect(page.html.contains("action=\"\(path)/customers/remove\""))
            #expect(!page.html.contains("<option value=\"\(customer.lower)\">"), "an added customer is not offered again")
            #expect(try await client.page(.get, "/problems", cookie: owner).html.contains("帳票出力の遅延"))

            // A CSM reads the org-wide problem but may not write it.
            let csm = try #require(try await client.signIn(a.slug, "csm@smb.example", Self.password).session)
            let read = try await client.page(.get, path, cookie: csm)
            #expect(read.status == .ok)
            #expect(read.html.contains("株式会社カモメ"))
            #expect(!read.html.contains("id=\"affect-form\""))
            #expect(!read.html.contains("/customers/remove"))
            #expect(try await client.page(.post, path + "/customers", cookie: csm, form: "customer_id=\(customer.lower)").status == .forbidden)
            #expect(try await client.page(.post, path + "/customers/remove", cookie: csm, form: "customer_id=\(customer.lower)").status == .forbidden)
            #expect(try await client.page(.post, path + "/customers", cookie: csm, form: "customer_id=").status == .forbidden)

            // Another organisation.
            let other = try #require(try await client.signIn(b.slug, "owner@beta.example", Self.password).session)
            #expect(try await client.page(.post, path + "/customers", cookie: other, form: "customer_id=\(beta.lower)").status == .notFound)
            #expect(try await client.page(.post, path + "/customers/remove", cookie: other, form: "customer_id=\(customer.lower)").status == .notFound)

            // English, then removing.
            _ = try await client.page(.post, "/me/locale", cookie: owner, form: "locale=en&back=%2F")
            page = try await client.page(.get, path, cookie: owner)
            #expect(page.html.contains("Add an affected customer"))
            #expect(page.html.contains("added by hand"))
            let removed = try await client.page(.post, path + "/customers/remove", cookie: owner, form: "customer_id=\(customer.lower)")
            #expect(removed.status == .seeOther)
            page = try await client.page(.get, path + "?done=customer_removed", cookie: owner)
            #expect(page.html.contains("The customer is removed from those affected."))
            #expect(page.html.contains("No customer is affected yet."))
            #expect(page.html.contains("<option value=\"\(customer.lower)\">株式会社カモメ</option>"))
        }
    }
}
