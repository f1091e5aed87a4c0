import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Lists fill their pages: rows the caller may not see are skipped, not left as holes — a page is short only at
/// the end, and `next_cursor` is set only when a visible row follows (issue 11).
@Suite struct ListPagingTests {
    @Test func aManagersTeamListFillsEveryPage() async throws {
        try await withTenants { client, a, _, _ in
            // Enterprise teams (out of the SMB manager's sight) interleaved with SMB ones.
            var smbTeams = [a.smbTeam.lower]
            for n in 1...3 {
                try await check(await client.call(.post, "/v1/teams", token: a.ownerToken,
                                                  json: body(["company_id": a.enterprise.lower, "name": "Ent x\(n)"])).status == .created)
                let smb = try await client.call(.post, "/v1/teams", token: a.ownerToken, json: body(["company_id": a.smb.lower, "name": "SMB x\(n)"]))
                smbTeams.append(try #require(smb.body["id"] as? String).lowercased())
            }
            for n in 1...3 {
                try await check(await client.call(.post, "/v1/teams", token: a.ownerToken,
                                                  json: body(["company_id": a.enterprise.lower, "name": "Ent y\(n)"])).status == .created)
            }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await client.call(.get, "/v1/teams?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: a.smbManagerToken)
                let ids = page.body.items.compactMap { ($0["id"] as? String)?.lowercased() }
                cursor = page.body["next_cursor"] as? String
                if cursor != nil { #expect(ids.count == 2, "a page with a next cursor is full") }
                seen += ids
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == smbTeams, "every SMB team once, in order, nothing else")
            #expect(pages == 2, "4 visible teams, 2 a page; no empty page at the end")
        }
    }
}
