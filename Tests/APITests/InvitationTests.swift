import API
import Database
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Store
import TestSupport
import Testing

extension Dictionary where Key == String, Value == Any {
    func uuid(_ key: String) -> UUID? { (self[key] as? String).flatMap { UUID(uuidString: $0) } }
}

@Suite struct InvitationTests {
    static let password = "a long new password"

    /// Invites `email` into `team` as `role` with `token`; returns the whole answer.
    static func invite(
        _ client: any TestClientProtocol, token: String, email: String, team: UUID, role: String,
        displayName: String? = nil, headers: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: [String: Any]) {
        let name = displayName.map { #","display_name":"\#($0)""# } ?? ""
        return try await client.call(
            .post, "/v1/invitations", token: token,
            json: #"{"email":"\#(email)","team_id":"\#(team.lower)","role":"\#(role)"\#(name)}"#, headers: headers)
    }

    static func accept(_ client: any TestClientProtocol, _ token: String, password: String = password)
        async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: [String: Any])
    {
        try await client.call(
            .post, "/v1/auth/invitations/accept", token: nil, json: #"{"token":"\#(token)","password":"\#(password)"}"#)
    }

    static func login(_ client: any TestClientProtocol, org: String, email: String, password: String) async throws
        -> HTTPResponse.Status
    {
        try await client.call(
            .post, "/v1/auth/login", token: nil,
            json: #"{"org":"\#(org)","email":"\#(email)","password":"\#(password)"}"#).status
    }

    @Test func inviteAcceptSignInAndSeeTheTeamAndGrant() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await Self.invite(
                client, token: a.ownerToken, email: "new.csm@alpha.example", team: a.smbTeam, role: "csm", displayName: "新人 さん")
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String).lowercased()
            let token = try #require(created.body["token"] as? String)
            #expect(created.body["link"] as? String == "/invitations/accept?token=\(token)")
            #expect(created.body["email"] as? String == "new.csm@alpha.example")
            #expect((created.body["team_id"] as? String)?.lowercased() == a.smbTeam.lower)
            #expect(created.body["role"] as? String == "csm")
            let expires = try #require((created.body["expires_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(abs(expires.timeIntervalSince(TestClock.reference) - 7 * 24 * 3600) < 120)

            // Listed while pending, never with its token.
            let listed = try await client.call(.get, "/v1/invitations", token: a.ownerToken)
            #expect(listed.status == .ok)
            let item = try #require(listed.body.items.first { ($0["id"] as? String)?.lowercased() == id })
            #expect(item["token"] == nil && item["link"] == nil)
            try await check(await client.call(.get, "/v1/invitations?team_id=\(a.smbTeam.lower)", token: a.ownerToken).body.ids.contains(id))
            try await check(await client.call(.get, "/v1/invitations?team_id=\(a.enterpriseTeam.lower)", token: a.ownerToken).body.ids.isEmpty)

            let accepted = try await Self.accept(client, token)
            #expect(accepted.status == .created)
            let session = try #require(accepted.body["token"] as? String)
            let memberID = try #require(accepted.body["member_id"] as? String)
            #expect((accepted.body["org_id"] as? String)?.lowercased() == a.orgID.lower)
            #expect(accepted.body["expires_at"] != nil)

            // The session works, and the member is in the team with the role, in the org's language.
            let me = try await client.call(.get, "/v1/me", token: session)
            #expect(me.status == .ok)
            let member = try #require(me.body["member"] as? [String: Any])
            #expect(member["id"] as? String == memberID)
            #expect(member["display_name"] as? String == "新人 さん")
            #expect(member["locale"] as? String == "ja")
            #expect((member["team_ids"] as? [String])?.map { $0.lowercased() } == [a.smbTeam.lower])
            let grants = try #require(me.body["grants"] as? [[String: Any]])
            #expect(grants.count == 1)
            #expect(grants.first?["role"] as? String == "csm")
            #expect(grants.first?["scope_type"] as? String == "team")
            #expect((grants.first?["scope_id"] as? String)?.lowercased() == a.smbTeam.lower)
            #expect((grants.first?["granted_by"] as? String)?.lowercased() == a.owner.lower)

            // The password signs in.
            try await check(await Self.login(client, org: a.slug, email: "NEW.CSM@alpha.example", password: Self.password) == .ok)

            // Single use: the link is spent, and the invitation is no longer pending.
            let again = try await Self.accept(client, token)
            #expect(again.status == .gone)
            #expect(again.body["code"] as? String == "invitation_invalid")
            try await check(await !client.call(.get, "/v1/invitations", token: a.ownerToken).body.ids.contains(id))

            // Audited: the invite by the owner, the acceptance by the new member.
            let audit = try await client.call(.get, "/v1/audit?resource_id=\(id)", token: a.ownerToken).body.items
            let actions = Dictionary(uniqueKeysWithValues: audit.compactMap { item in
                (item["action"] as? String).map { ($0, (item["actor_id"] as? String)?.lowercased()) }
            })
            #expect(actions["invitation.create"] == a.owner.lower)
            #expect(actions["invitation.accept"] == memberID.lowercased())
            #expect(!audit.contains { ($0["after"] as? [String: Any])?["token"] != nil }, "the audit log never holds a token")
        }
    }

    @Test func createIsIdempotentAndRefusesExistingMembers() async throws {
        try await withTenants { client, a, _, _ in
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "invite-1"]
            let first = try await Self.invite(client, token: a.ownerToken, email: "twice@alpha.example", team: a.smbTeam, role: "viewer", headers: key)
            let second = try await Self.invite(client, token: a.ownerToken, email: "twice@alpha.example", team: a.smbTeam, role: "viewer", headers: key)
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(first.body["id"] as? String == second.body["id"] as? String)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let listed = try await client.call(.get, "/v1/invitations", token: a.ownerToken).body.items
            #expect(listed.filter { $0["email"] as? String == "twice@alpha.example" }.count == 1)

            let member = try await Self.invite(client, token: a.ownerToken, email: "CSM@smb.example", team: a.smbTeam, role: "viewer")
            #expect(member.status == .conflict)
            #expect(member.body["field"] as? String == "email")
        }
    }

    @Test func expiredInvitationIsGone() async throws {
        try await withTenants { client, a, _, services in
            let created = try await Self.invite(client, token: a.ownerToken, email: "late@alpha.example", team: a.smbTeam, role: "viewer")
            let id = try #require(created.body.uuid("id"))
            let token = try #require(created.body["token"] as? String)
            _ = try await services.store.tenant(a.orgID) { tx in
                try await tx.execute("UPDATE invitation SET expires_at = banso_now() - interval '1 minute' WHERE org_id = \(a.orgID) AND id = \(id)")
            }
            let accepted = try await Self.accept(client, token)
            #expect(accepted.status == .gone)
            #expect(accepted.body["code"] as? String == "invitation_invalid")
            try await check(await Self.login(client, org: a.slug, email: "late@alpha.example", password: Self.password) == .unauthorized)
            try await check(await !client.call(.get, "/v1/invitations", token: a.ownerToken).body.ids.contains(id.lower))
        }
    }

    @Test func aManagerInvitesOnlyIntoTheirScopeAndBelowTheirRole() async throws {
        try await withTenants { client, a, _, _ in
            let enterprise = try await Self.invite(client, token: a.smbManagerToken, email: "x@alpha.example", team: a.enterpriseTeam, role: "csm")
            #expect(enterprise.status == .forbidden)
            #expect(enterprise.body["missing_permission"] as? String == "members.manage")
            let manager = try await Self.invite(client, token: a.smbManagerToken, email: "y@alpha.example", team: a.smbTeam, role: "manager")
            #expect(manager.status == .forbidden)
            let admin = try await Self.invite(client, token: a.smbManagerToken, email: "z@alpha.example", team: a.smbTeam, role: "admin")
            #expect(admin.status == .forbidden)
            let csm = try await Self.invite(client, token: a.smbManagerToken, email: "w@alpha.example", team: a.smbTeam, role: "csm")
            #expect(csm.status == .created)
            // A csm manages no one, so may invite no one.
            let byCSM = try await Self.invite(client, token: a.csmToken, email: "v@alpha.example", team: a.smbTeam, role: "viewer")
            #expect(byCSM.status == .forbidden)

            // The manager sees their own scope's invitations, not Enterprise's.
            let owners = try await Self.invite(client, token: a.ownerToken, email: "ent@alpha.example", team: a.enterpriseTeam, role: "csm")
            let ownersID = try #require(owners.body["id"] as? String).lowercased()
            let seen = try await client.call(.get, "/v1/invitations", token: a.smbManagerToken).body.ids
            #expect(seen.contains(try #require(csm.body["id"] as? String).lowercased()))
            #expect(!seen.contains(ownersID))
            try await check(await client.call(.get, "/v1/invitations", token: a.csmToken).body.ids.isEmpty)
            try await check(await client.call(.delete, "/v1/invitations/\(ownersID)", token: a.smbManagerToken).status == .forbidden)
        }
    }

    @Test func aRevokedInvitationCannotBeAccepted() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await Self.invite(client, token: a.smbManagerToken, email: "gone@alpha.example", team: a.smbTeam, role: "viewer")
            let id = try #require(created.body["id"] as? String).lowercased()
            let token = try #require(created.body["token"] as? String)
            try await check(await client.call(.delete, "/v1/invitations/\(id)", token: a.smbManagerToken).status == .noContent)
            try await check(await !client.call(.get, "/v1/invitations", token: a.ownerToken).body.ids.contains(id))
            let accepted = try await Self.accept(client, token)
            #expect(accepted.status == .gone)
            #expect(accepted.body["code"] as? String == "invitation_invalid")
            let audit = try await client.call(.get, "/v1/audit?resource_id=\(id)", token: a.ownerToken).body.items
            #expect(audit.contains { $0["action"] as? String == "invitation.revoke" })
            try await check(await client.call(.delete, "/v1/invitations/\(UUID().lower)", token: a.ownerToken).status == .notFound)
            try await check(await client.call(.delete, "/v1/invitations/not-an-id", token: a.ownerToken).status == .notFound)

            // An accepted invitation is not revoked: the member's grant is.
            let other = try await Self.invite(client, token: a.ownerToken, email: "kept@alpha.example", team: a.smbTeam, role: "viewer")
            try await check(await Self.accept(client, try #require(other.body["token"] as? String)).status == .created)
            try await check(await client.call(.delete, "/v1/invitations/\(try #require(other.body["id"] as? String))", token: a.ownerToken).status == .conflict)
        }
    }

    @Test func deletingATeamTakesItsPendingInvitations() async throws {
        try await withTenants { client, a, _, _ in
            let team = try await client.call(.post, "/v1/teams", token: a.ownerToken, json: #"{"company_id":"\#(a.smb.lower)","name":"短命"}"#)
            let teamID = try #require(team.body.uuid("id"))
            let created = try await Self.invite(client, token: a.ownerToken, email: "t@alpha.example", team: teamID, role: "viewer")
            #expect(created.status == .created)
            try await check(await client.call(.delete, "/v1/teams/\(teamID.lower)", token: a.ownerToken).status == .noContent)
            try await check(await client.call(.get, "/v1/invitations", token: a.ownerToken).body.ids.isEmpty)
            try await check(await Self.accept(client, try #require(created.body["token"] as? String)).status == .gone)
        }
    }

    @Test func badInputNamesTheField() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await Self.invite(client, token: a.ownerToken, email: "input@alpha.example", team: a.smbTeam, role: "viewer")
            let token = try #require(created.body["token"] as? String)
            let missing = try await client.call(.post, "/v1/auth/invitations/accept", token: nil, json: #"{"token":"\#(token)"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body["field"] as? String == "password")
            let short = try await Self.accept(client, token, password: "short")
            #expect(short.status == .unprocessableContent)
            #expect(short.body["field"] as? String == "password")
            // The link survives bad input.
            try await check(await Self.accept(client, token).status == .created)

            for (json, field) in [
                (#"{"email":"not-an-email","team_id":"\#(a.smbTeam.lower)","role":"viewer"}"#, "email"),
                (#"{"email":"ok@alpha.example","team_id":"\#(a.smbTeam.lower)","role":"emperor"}"#, "role"),
                (#"{"email":"ok@alpha.example","team_id":"\#(UUID().lower)","role":"viewer"}"#, "team_id"),
                (#"{"email":"ok@alpha.example","role":"viewer"}"#, "team_id"),
                (#"{"email":"ok@alpha.example","team_id":"\#(a.smbTeam.lower)","role":"viewer","display_name":"  "}"#, "display_name"),
            ] {
                let response = try await client.call(.post, "/v1/invitations", token: a.ownerToken, json: json)
                #expect(response.status == .unprocessableContent, "\(json)")
                #expect(response.body["field"] as? String == field, "\(json)")
            }
            let unknown = try await Self.accept(client, "bso_no-such-token")
            #expect(unknown.status == .gone)

            let redeemMissing = try await client.call(.post, "/v1/auth/password-reset/redeem", token: nil, json: #"{"token":"x"}"#)
            #expect(redeemMissing.status == .unprocessableContent)
            #expect(redeemMissing.body["field"] as? String == "password")
            let redeemShort = try await client.call(
                .post, "/v1/auth/password-reset/redeem", token: nil, json: #"{"token":"x","password":"short"}"#)
            #expect(redeemShort.status == .unprocessableContent)
            #expect(redeemShort.body["field"] as? String == "password")
        }
    }
}

@Suite struct PasswordResetTests {
    static func reset(_ client: any TestClientProtocol, member: UUID, token: String) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: [String: Any])
    {
        try await client.call(.post, "/v1/members/\(member.lower)/password-reset", token: token)
    }

    static func redeem(_ client: any TestClientProtocol, _ token: String, password: String) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: [String: Any])
    {
        try await client.call(
            .post, "/v1/auth/password-reset/redeem", token: nil, json: #"{"token":"\#(token)","password":"\#(password)"}"#)
    }

    @Test func resetByAnAdminReplacesThePasswordAndEndsSessions() async throws {
        try await withTenants { client, a, _, _ in
            // The SMB manager becomes an admin; the csm gets a first password and signs in.
            let grant = try await client.call(
                .post, "/v1/grants", token: a.ownerToken,
                json: #"{"member_id":"\#(a.smbManager.lower)","role":"admin","scope_type":"org"}"#)
            #expect(grant.status == .created)
            let admin = a.smbManagerToken
            let first = try #require(try await Self.reset(client, member: a.csm, token: a.ownerToken).body["token"] as? String)
            try await check(await Self.redeem(client, first, password: "csm first password").status == .noContent)
            let login = #"{"org":"\#(a.slug)","email":"csm@smb.example","password":"csm first password"}"#
            let session = try #require(try await client.call(.post, "/v1/auth/login", token: nil, json: login).body["token"] as? String)
            try await check(await client.call(.get, "/v1/me", token: session).status == .ok)

            let issued = try await Self.reset(client, member: a.csm, token: admin)
            #expect(issued.status == .created)
            let token = try #require(issued.body["token"] as? String)
            #expect(issued.body["link"] as? String == "/password-reset?token=\(token)")
            #expect((issued.body["member_id"] as? String)?.lowercased() == a.csm.lower)
            #expect(issued.body["id"] is String)
            let expires = try #require((issued.body["expires_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(abs(expires.timeIntervalSince(TestClock.reference) - 3600) < 120)

            let redeemed = try await Self.redeem(client, token, password: "csm second password")
            #expect(redeemed.status == .noContent)
            try await check(await client.call(.get, "/v1/me", token: session).status == .unauthorized, "old sessions end")
            try await check(await client.call(.get, "/v1/me", token: a.csmToken).status == .ok, "API tokens stay")
            try await check(await InvitationTests.login(client, org: a.slug, email: "csm@smb.example", password: "csm first password") == .unauthorized)
            try await check(await InvitationTests.login(client, org: a.slug, email: "csm@smb.example", password: "csm second password") == .ok)

            // Single use.
            let again = try await Self.redeem(client, token, password: "csm third password")
            #expect(again.status == .gone)
            #expect(again.body["code"] as? String == "reset_invalid")
            try await check(await InvitationTests.login(client, org: a.slug, email: "csm@smb.example", password: "csm third password") == .unauthorized)

            // An admin does not reset an owner: the link would hand over the owner's account.
            let owner = try await Self.reset(client, member: a.owner, token: admin)
            #expect(owner.status == .forbidden)
            #expect(owner.body["missing_permission"] as? String == "org.manage")

            let audit = try await client.call(.get, "/v1/audit?resource_id=\(a.csm.lower)", token: a.ownerToken).body.items
            #expect(audit.filter { $0["action"] as? String == "password_reset.create" }.count == 2)
            #expect(audit.contains { $0["action"] as? String == "password_reset.redeem" && ($0["actor_id"] as? String)?.lowercased() == a.csm.lower })
        }
    }

    @Test func aManagerResetsTheirPeopleOnly() async throws {
        try await withTenants { client, a, _, _ in
            // The SMB manager covers the SMB csm, who holds a role below manager.
            let issued = try await Self.reset(client, member: a.csm, token: a.smbManagerToken)
            #expect(issued.status == .created)
            let token = try #require(issued.body["token"] as? String)
            try await check(await Self.redeem(client, token, password: "csm password one").status == .noContent)
            try await check(await InvitationTests.login(client, org: a.slug, email: "csm@smb.example", password: "csm password one") == .ok)

            // An owner in an SMB team is still out of a manager's reach: the link would hand over the owner's account.
            try await check(await client.call(.put, "/v1/teams/\(a.smbTeam.lower)/members/\(a.owner.lower)", token: a.ownerToken).status == .noContent)
            let owner = try await Self.reset(client, member: a.owner, token: a.smbManagerToken)
            #expect(owner.status == .forbidden)
            // A csm manages no one; a manager does not reset an Enterprise member they cannot see; unknown is 404.
            try await check(await Self.reset(client, member: a.smbManager, token: a.csmToken).status == .forbidden)
            let viewers = try await client.call(.get, "/v1/members?team_id=\(a.enterpriseTeam.lower)", token: a.ownerToken).body
            let enterpriseViewer = try #require(viewers.items.first?.uuid("id"))
            try await check(await Self.reset(client, member: enterpriseViewer, token: a.smbManagerToken).status == .notFound)
            try await check(await Self.reset(client, member: UUID(), token: a.ownerToken).status == .notFound)
        }
    }

    @Test func anExpiredResetIsGone() async throws {
        try await withTenants { client, a, _, services in
            let issued = try await Self.reset(client, member: a.csm, token: a.ownerToken)
            let id = try #require(issued.body.uuid("id"))
            let token = try #require(issued.body["token"] as? String)
            _ = try await services.store.tenant(a.orgID) { tx in
                try await tx.execute("UPDATE password_reset SET expires_at = banso_now() - interval '1 second' WHERE org_id = \(a.orgID) AND id = \(id)")
            }
            let redeemed = try await Self.redeem(client, token, password: "too late password")
            #expect(redeemed.status == .gone)
            #expect(redeemed.body["code"] as? String == "reset_invalid")
        }
    }
}
