import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// Who reads and who writes customers and their contacts (DESIGN §2's roles): the owner and admins everywhere, a
/// manager and CS operations in their scope, a CSM their own customers, support and viewers read only.
@Suite struct CustomerPermissionTests {
    @Test func matrix() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let (csm2, csm2Token) = try await a.addMember(store, email: "csm2@smb.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            let (entCSMID, entCSM) = try await a.addMember(store, email: "csm@ent.example", role: .csm, scope: .team(a.enterpriseTeam), team: a.enterpriseTeam)
            let (_, ops) = try await a.addMember(store, email: "ops@alpha.example", role: .ops, scope: .org, team: nil)
            let (_, support) = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .org, team: nil)
            let own = try await a.addCustomer(store, name: "自分の顧客", owner: a.csm)
            let others = try await a.addCustomer(store, name: "同僚の顧客", owner: csm2)

            let tokens: [(String, String)] = [
                ("owner", a.ownerToken), ("smb manager", a.smbManagerToken), ("csm", a.csmToken), ("csm2", csm2Token),
                ("ops", ops), ("support", support), ("enterprise viewer", a.viewerToken), ("enterprise csm", entCSM),
            ]
            // Reading the SMB CSM's customer (and its contacts).
            let reads: [String: HTTPResponse.Status] = [
                "owner": .ok, "smb manager": .ok, "csm": .ok, "csm2": .ok, "ops": .ok, "support": .ok,
                "enterprise viewer": .notFound, "enterprise csm": .notFound,
            ]
            // Editing it: managers, ops and its own CSM.
            let writes: [String: HTTPResponse.Status] = [
                "owner": .ok, "smb manager": .ok, "csm": .ok, "csm2": .forbidden, "ops": .ok, "support": .forbidden,
                "enterprise viewer": .notFound, "enterprise csm": .notFound,
            ]
            for (who, token) in tokens {
                let read = try await client.call(.get, "/v1/customers/\(own)", token: token)
                #expect(read.status == reads[who], "\(who) reads → \(read.status)")
                #expect(read.body["arr_minor"] == nil, "no contract values on the customer itself")
                try await check(await client.call(.get, "/v1/customers/\(own)/contacts", token: token).status == reads[who], "\(who) contacts")
                let write = try await client.call(.patch, "/v1/customers/\(own)", token: token, json: body(["segment": who]))
                #expect(write.status == writes[who], "\(who) edits → \(write.status)")
                let contact = try await client.call(.post, "/v1/customers/\(own)/contacts", token: token, json: body(["name": "担当 \(who)"]))
                #expect(contact.status == (writes[who] == .ok ? .created : writes[who]), "\(who) adds a contact → \(contact.status)")
                let listed = try await client.call(.get, "/v1/customers", token: token)
                #expect(listed.body.ids.contains(own.lower) == (reads[who] == .ok), "\(who) lists")
            }
            // A CSM edits their own, not a colleague's; creates only customers they own, in their scope.
            try await check(await client.call(.patch, "/v1/customers/\(others)", token: a.csmToken, json: body(["segment": "x"])).status == .forbidden)
            let mine = try await client.call(.post, "/v1/customers", token: a.csmToken, json: body([
                "name": "新規顧客", "company_id": a.smb.lower, "team_id": a.smbTeam.lower]))
            #expect(mine.status == .created)
            #expect(mine.body["owner_id"] as? String == a.csm.lower, "a CSM's new customer is their own")
            try await check(await client.call(.post, "/v1/customers", token: a.csmToken, json: body([
                "name": "他人の顧客", "company_id": a.smb.lower, "team_id": a.smbTeam.lower, "owner_id": csm2.lower])).status == .forbidden)
            try await check(await client.call(.post, "/v1/customers", token: a.csmToken, json: body([
                "name": "他チーム", "company_id": a.enterprise.lower, "team_id": a.enterpriseTeam.lower])).status == .forbidden)
            try await check(await client.call(.post, "/v1/customers", token: support, json: body([
                "name": "x", "company_id": a.smb.lower])).status == .forbidden)
            // Owner changes and moves are a manager's: the CSM cannot hand their customer away.
            try await check(await client.call(.patch, "/v1/customers/\(own)", token: a.csmToken, json: body(["owner_id": csm2.lower])).status == .forbidden)
            // Nor hand read access to someone outside their scope by naming them sales owner; the manager may.
            try await check(await client.call(.patch, "/v1/customers/\(own)", token: a.csmToken,
                                              json: body(["sales_owner_id": entCSMID.lower])).status == .forbidden)
            try await check(await client.call(.post, "/v1/customers", token: a.csmToken, json: body([
                "name": "営業付き", "company_id": a.smb.lower, "team_id": a.smbTeam.lower, "sales_owner_id": csm2.lower])).status == .forbidden)
            let named = try await client.call(.patch, "/v1/customers/\(own)", token: a.smbManagerToken, json: body(["sales_owner_id": csm2.lower]))
            #expect(named.status == .ok && named.body["sales_owner_id"] as? String == csm2.lower, "the manager names the sales owner")
            try await check(await client.call(.patch, "/v1/customers/\(own)", token: a.smbManagerToken,
                                              json: body(["company_id": a.enterprise.lower])).status == .forbidden, "SMB's manager cannot move it to Enterprise")
            // Archive and merge: managers and ops only.
            for token in [a.csmToken, support] {
                try await check(await client.call(.post, "/v1/customers/\(own)/archive", token: token).status == .forbidden)
            }
            // A read-only token never writes.
            let readOnly = try await client.call(.patch, "/v1/customers/\(own)", token: a.readOnlyOwnerToken, json: body(["segment": "x"]))
            #expect(readOnly.status == .forbidden)
            try await check(await client.call(.get, "/v1/customers/\(own)", token: a.readOnlyOwnerToken).status == .ok)
            // Custom fields: read by every reader; defined by org-wide managers of customers (ops org-wide may).
            try await check(await client.call(.post, "/v1/customer-fields", token: ops, json: body([
                "key": "region", "label_ja": "地域", "label_en": "Region", "type": "text"])).status == .created)
            try await check(await client.call(.get, "/v1/customer-fields", token: support).status == .ok)
        }
    }
}
