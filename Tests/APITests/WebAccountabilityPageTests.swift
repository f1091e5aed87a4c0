import API
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
import Web

/// The accountabilities pages: assign (refused in place when incomplete), the assignee answers, nobody else can,
/// and another organisation's accountability is the 404 page.
@Suite struct WebAccountabilityPageTests {
    static let password = "correct horse battery"

    @Test func assignAcknowledgeAndTheLimitsAroundIt() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let hash = try await Secrets.hashPassword(Self.password)
            try await services.store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: a.csm, hash: hash) }
            let owner = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session
            #expect(owner != nil && csm != nil)

            let empty = try await client.page(.post, "/accountabilities", cookie: owner, form: "assignee=\(a.csm.lower)&goal=&duty=")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("id=\"subject-error\""))
            let assigned = try await client.page(
                .post, "/accountabilities", cookie: owner,
                form: "assignee=\(a.csm.lower)&goal=&duty=%E5%B9%B4%E6%9C%AB%E3%81%AE%E8%A7%A3%E7%B4%84%E4%BA%88%E5%85%86%E3%83%81%E3%82%A7%E3%83%83%E3%82%AF&due_date=2026-12-20&note=")
            #expect(assigned.status == .seeOther)
            let items = try await client.call(.get, "/v1/accountabilities?assignee_id=\(a.csm.lower)", token: a.ownerToken).body.items
            let id = try #require(items.first?["id"] as? String)
            #expect(items.first?["duty"] as? String == "年末の解約予兆チェック")

            // Only the assignee acknowledges; the assigner's answer is refused (403 page) and changes nothing.
            let byOwner = try await client.page(.post, "/accountabilities/\(id)/answer", cookie: owner, form: "answer=acknowledge")
            #expect(byOwner.status == .forbidden)
            #expect(byOwner.html.contains("この操作はできません"))
            let home = try await client.page(.get, "/", cookie: csm)
            #expect(home.html.contains("年末の解約予兆チェック"))
            let answered = try await client.page(
                .post, "/accountabilities/\(id)/answer", cookie: csm, form: "answer=acknowledge&back=/accountabilities")
            #expect(answered.status == .seeOther)
            #expect(answered.headers[.location] == "/accountabilities?done=acknowledged")
            let after = try await client.call(.get, "/v1/accountabilities/\(id)", token: a.ownerToken)
            #expect(after.body["state"] as? String == "acknowledged")

            // Another organisation: the 404 page, for reading and for answering.
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, "/accountabilities/\(id)", cookie: other).status == .notFound)
            #expect(try await client.page(.post, "/accountabilities/\(id)/answer", cookie: other, form: "answer=complete").status == .notFound)
            let page = try await client.page(.get, "/accountabilities?view=team", cookie: other)
            #expect(!page.html.contains("年末の解約予兆チェック"))
        }
    }
}
