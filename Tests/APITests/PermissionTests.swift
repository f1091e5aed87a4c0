import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PermissionTests {
    @Test func managerOfSMBCannotTouchEnterprise() async throws {
        try await withTenants { client, a, _, _ in
            let denied = try await client.call(
                .post, "/v1/teams", token: a.smbManagerToken, json: #"{"company_id":"\#(a.enterprise.lower)","name":"Ent 2"}"#)
            #expect(denied.status == .forbidden)
            #expect(denied.body["code"] as? String == "forbidden")
            #expect(denied.body["missing_permission"] as? String == "teams.manage")
            let allowed = try await client.call(
                .post, "/v1/teams", token: a.smbManagerToken, json: #"{"company_id":"\#(a.smb.lower)","name":"SMB 2"}"#)
            #expect(allowed.status == .created)
            try await check(await client.call(.put, "/v1/teams/\(a.enterpriseTeam.lower)/members/\(a.csm.lower)", token: a.smbManagerToken).status == .forbidden)
            try await check(await client.call(.put, "/v1/teams/\(a.smbTeam.lower)/members/\(a.csm.lower)", token: a.smbManagerToken).status == .noContent)
            try await check(await client.call(.patch, "/v1/companies/\(a.enterprise.lower)", token: a.smbManagerToken, json: #"{"name":"x"}"#).status == .forbidden)
            // Lists show a manager only what their scope reaches.
            let teams = try await client.call(.get, "/v1/teams", token: a.smbManagerToken).body.ids
            #expect(teams.contains(a.smbTeam.lower))
            #expect(!teams.contains(a.enterpriseTeam.lower))
        }
    }

    @Test func csmCannotGrantRolesAndManagersGrantOnlyBelowThemselves() async throws {
        try await withTenants { client, a, _, _ in
            let byCSM = try await client.call(
                .post, "/v1/grants", token: a.csmToken,
                json: #"{"member_id":"\#(a.csm.lower)","role":"manager","scope_type":"team","scope_id":"\#(a.smbTeam.lower)"}"#)
            #expect(byCSM.status == .forbidden)
            #expect(byCSM.body["missing_permission"] as? String == "grants.manage")
            let managerToManager = try await client.call(
                .post, "/v1/grants", token: a.smbManagerToken,
                json: #"{"member_id":"\#(a.csm.lower)","role":"manager","scope_type":"team","scope_id":"\#(a.smbTeam.lower)"}"#)
            #expect(managerToManager.status == .forbidden)
            let managerToViewer = try await client.call(
                .post, "/v1/grants", token: a.smbManagerToken,
                json: #"{"member_id":"\#(a.csm.lower)","role":"viewer","scope_type":"team","scope_id":"\#(a.smbTeam.lower)"}"#)
            #expect(managerToViewer.status == .created)
            let managerInEnterprise = try await client.call(
                .post, "/v1/grants", token: a.smbManagerToken,
                json: #"{"member_id":"\#(a.csm.lower)","role":"viewer","scope_type":"company","scope_id":"\#(a.enterprise.lower)"}"#)
            #expect(managerInEnterprise.status == .forbidden)
        }
    }

    @Test func readOnlyTokenReadsButCannotWrite() async throws {
        try await withTenants { client, a, _, _ in
            try await check(await client.call(.get, "/v1/companies", token: a.readOnlyOwnerToken).status == .ok)
            let write = try await client.call(.post, "/v1/companies", token: a.readOnlyOwnerToken, json: #"{"name":"New"}"#)
            #expect(write.status == .forbidden)
            #expect((write.body["detail"] as? String)?.contains("API token") == true)
            let me = try await client.call(.get, "/v1/me", token: a.readOnlyOwnerToken)
            #expect((me.body["credential"] as? [String: Any])?["scopes"] as? [String] == ["read"])
        }
    }

    @Test func revokedTokenIsRefusedAtOnce() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await client.call(.post, "/v1/tokens", token: a.csmToken, json: #"{"name":"CRM sync","scopes":["read"]}"#)
            #expect(created.status == .created)
            let secret = try #require(created.body["token"] as? String)
            let id = try #require(created.body["id"] as? String)
            try await check(await client.call(.get, "/v1/me", token: secret).status == .ok)
            // The listing never shows the secret again.
            let listed = try await client.call(.get, "/v1/tokens", token: a.csmToken).body.items
            #expect(listed.contains { ($0["id"] as? String) == id && $0["token"] == nil })
            try await check(await client.call(.delete, "/v1/tokens/\(id)", token: a.csmToken).status == .noContent)
            let refused = try await client.call(.get, "/v1/me", token: secret)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func aTokenCannotMintWiderScopes() async throws {
        try await withTenants { client, a, _, _ in
            let response = try await client.call(.post, "/v1/tokens", token: a.readOnlyOwnerToken, json: #"{"name":"x","scopes":["admin"]}"#)
            #expect(response.status == .forbidden)
        }
    }

    @Test func membersOfOtherCompaniesAreNotVisibleToAViewer() async throws {
        try await withTenants { client, a, _, _ in
            try await check(await client.call(.get, "/v1/teams/\(a.smbTeam.lower)", token: a.viewerToken).status == .forbidden)
            try await check(await client.call(.get, "/v1/teams/\(a.enterpriseTeam.lower)", token: a.viewerToken).status == .ok)
            let members = try await client.call(.get, "/v1/members", token: a.viewerToken).body.ids
            #expect(!members.contains(a.csm.lower))
            try await check(await client.call(.get, "/v1/audit", token: a.viewerToken).status == .forbidden)
        }
    }

    @Test func theLastOwnerStays() async throws {
        try await withTenants { client, a, _, _ in
            let grants = try await client.call(.get, "/v1/grants?member_id=\(a.owner.lower)", token: a.ownerToken).body.items
            let ownerGrant = try #require(grants.first { $0["role"] as? String == "owner" }?["id"] as? String)
            let response = try await client.call(.delete, "/v1/grants/\(ownerGrant)", token: a.ownerToken)
            #expect(response.status == .conflict)
        }
    }

    @Test func deactivatedMembersLoseAccess() async throws {
        try await withTenants { client, a, _, _ in
            try await check(await client.call(.get, "/v1/me", token: a.csmToken).status == .ok)
            let response = try await client.call(.patch, "/v1/members/\(a.csm.lower)", token: a.smbManagerToken, json: #"{"active":false}"#)
            #expect(response.status == .ok)
            try await check(await client.call(.get, "/v1/me", token: a.csmToken).status == .unauthorized)
        }
    }
}
