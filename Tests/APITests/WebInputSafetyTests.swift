import API
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Settings
import Store
import Testing
import Web

/// What an attacker sends a page: a NUL, a huge body, ids that are not ids, a role that may not — a 4xx page
/// every time, never a 5xx, and nothing written.
@Suite struct WebInputSafetyTests {
    @Test func badInputGetsA4xxPageAndWritesNothing() async throws {
        try await withTenants(configure: { $0.maxBodyBytes = 4096 }, extensions: [WebPages.register]) { client, a, _, services in
            let hash = try await Secrets.hashPassword("correct horse battery")
            try await services.store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: a.csm, hash: hash) }
            let owner = try await client.signIn(a.slug, "owner@alpha.example", "correct horse battery").session
            let csm = try await client.signIn(a.slug, "csm@smb.example", "correct horse battery").session

            let nul = try await client.page(.post, "/me/profile", cookie: owner, form: "name=a%00b&locale=ja")
            #expect(nul.status == .unprocessableContent)
            let huge = try await client.page(.post, "/me/profile", cookie: owner, form: "name=" + String(repeating: "x", count: 10_000))
            #expect(huge.status == .contentTooLarge)
            for path in ["/goals/tree?period=FY20XX", "/goals/tree?team=not-an-id", "/goals/tree?company=%00"] {
                let page = try await client.page(.get, path, cookie: owner)
                #expect((400..<500).contains(page.status.code), "\(path): \(page.status)")
            }
            #expect(try await client.page(.get, "/accountabilities/12", cookie: owner).status == .notFound)
            #expect(try await client.page(.post, "/goals/x/check-in", cookie: owner, form: "period=2026-11").status == .notFound)

            // A CSM may not assign in the company: refused in place (403), nothing assigned.
            let assigned = try await client.page(
                .post, "/accountabilities", cookie: csm, form: "assignee=\(a.smbManager.lower)&duty=%E8%AA%BF%E6%9F%BB")
            #expect(assigned.status == .forbidden)
            let items = try await client.call(.get, "/v1/accountabilities?assignee_id=\(a.smbManager.lower)", token: a.ownerToken)
            #expect(items.body.items.isEmpty)
        }
    }
}
