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

/// Problem records as pages: recorded through the form (refused in place when incomplete), a ticket linked and
/// unlinked by id, a status that needs its 8D step written comes back with the error beside it; a viewer sees no
/// form and is refused on the POST; another org's record is the 404 page.
@Suite struct WebProblemPageTests {
    static let password = "correct horse battery"

    @Test func recordLinkAndTheLimitsAroundIt() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            try await store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: a.csm, hash: hash) }
            let customer = try await a.addCustomer(store, name: "株式会社カモメ", owner: a.csm)
            try await a.addTicket(store, customer: customer, title: "CSV の取り込みが失敗する")
            let ticket = try #require(
                try await client.call(.get, "/v1/customers/\(customer.lower)/tickets", token: a.ownerToken).body.items.first?["id"] as? String)
            let owner = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session

            let list = try await client.page(.get, "/problems", cookie: owner)
            #expect(list.status == .ok)
            #expect(list.html.contains("id=\"problem-form\""))
            let empty = try await client.page(.post, "/problems", cookie: owner, form: "title=&status=open&description=%E5%86%8D%E7%99%BA")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("id=\"p-title-error\""))
            #expect(empty.html.contains("再発"), "the typed description comes back")
            let created = try await client.page(
                .post, "/problems", cookie: owner,
                form: "title=CSV%20%E5%8F%96%E3%82%8A%E8%BE%BC%E3%81%BF%E9%9A%9C%E5%AE%B3&status=open&company=&owner=\(a.owner.lower)")
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let path = String(location.prefix { $0 != "?" })
            #expect(path.hasPrefix("/problems/"))

            let badID = try await client.page(.post, path + "/link", cookie: owner, form: "ticket_id=not-an-id")
            #expect(badID.status == .unprocessableContent)
            #expect(badID.html.contains("id=\"ticket-id-error\""))
            #expect(badID.html.contains("value=\"not-an-id\""))
            let linked = try await client.page(.post, path + "/link", cookie: owner, form: "ticket_id=\(ticket)")
            #expect(linked.status == .seeOther)
            let shown = try await client.page(.get, path, cookie: owner)
            #expect(shown.html.contains("CSV の取り込みが失敗する"))
            #expect(shown.html.contains("株式会社カモメ"))
            let listed = try await client.page(.get, "/problems", cookie: owner)
            #expect(listed.html.contains("CSV 取り込み障害"))

            let closing = try await client.page(.post, path, cookie: owner, form: "title=CSV%20%E5%8F%96%E3%82%8A%E8%BE%BC%E3%81%BF%E9%9A%9C%E5%AE%B3&status=closed&owner=\(a.owner.lower)")
            #expect(closing.status == .unprocessableContent)
            #expect(closing.html.contains("id=\"p-root-cause-error\""))
            let contained = try await client.page(
                .post, path, cookie: owner,
                form: "title=CSV%20%E5%8F%96%E3%82%8A%E8%BE%BC%E3%81%BF%E9%9A%9C%E5%AE%B3&status=contained&containment=%E6%89%8B%E5%8B%95%E3%81%A7%E5%8F%96%E3%82%8A%E8%BE%BC%E3%81%BF&owner=\(a.owner.lower)")
            #expect(contained.status == .seeOther)
            #expect(try await client.page(.get, path, cookie: owner).html.contains("手動で取り込み"))

            // A CSM (team scope) reads the org-wide problem but may not write it: no form, and the POSTs are refused.
            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session
            let read = try await client.page(.get, path, cookie: csm)
            #expect(read.status == .ok)
            #expect(!read.html.contains("id=\"link-form\""))
            #expect(!read.html.contains("id=\"problem-form\""))
            #expect(try await client.page(.post, path, cookie: csm, form: "title=x&status=open").status == .forbidden)
            #expect(try await client.page(.post, path + "/unlink", cookie: csm, form: "ticket_id=\(ticket)").status == .forbidden)
            #expect(try await client.page(.post, path + "/link", cookie: csm, form: "ticket_id=bad").status == .forbidden)

            let unlinked = try await client.page(.post, path + "/unlink", cookie: owner, form: "ticket_id=\(ticket)")
            #expect(unlinked.status == .seeOther)

            _ = try await client.page(.post, "/me/locale", cookie: owner, form: "locale=en&back=%2F")
            #expect(try await client.page(.get, path, cookie: owner).html.contains("8D record"))
            #expect(try await client.page(.get, "/problems", cookie: owner).html.contains("Problem records"))

            let ownerB = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, path, cookie: ownerB).status == .notFound)
            #expect(try await client.page(.post, path, cookie: ownerB, form: "title=x&status=open").status == .notFound)
            #expect(try await client.page(.post, path + "/link", cookie: ownerB, form: "ticket_id=\(ticket)").status == .notFound)
            #expect(!(try await client.page(.get, "/problems?status=all", cookie: ownerB).html.contains("CSV 取り込み障害")))
            #expect(try await client.page(.get, "/problems/not-a-uuid", cookie: owner).status == .notFound)
        }
    }
}
