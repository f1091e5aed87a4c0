import API
import Credentials
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
import Web

/// Members and their roles, invitations and API tokens as pages: only the roles one may grant are offered, a person
/// of higher rank is read-only and every action on them refused, secrets (invitation and reset links, tokens) never
/// shown but once, and another organisation's ids answering the 404 page.
@Suite struct WebDirectoryAdminPeopleTests {
    static let password = WebDirectoryAdminStructureTests.password

    @Test func directoryListFiltersAndPages() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebDirectoryAdminStructureTests.sessions(client, a, b, services)
            // 60 more members in SMB 1: the list shows 50 and links to the rest.
            try await services.store.tenant(a.orgID) { tx in
                for n in 0..<60 {
                    let id = UUID()
                    _ = try await MemberRepository.insert(
                        tx, id: id, email: "bulk\(n)@smb.example", displayName: "Bulk \(String(format: "%02d", n))", locale: nil,
                        timeZone: nil, passwordHash: nil)
                    _ = try await MemberRepository.addToTeam(tx, member: id, team: a.smbTeam)
                }
            }
            let first = try await client.page(.get, "/admin/members", cookie: s.owner)
            #expect(first.status == .ok)
            #expect(first.html.contains("<h1>メンバー</h1>"))
            #expect(first.html.components(separatedBy: "href=\"/admin/members/").count - 1 == 50)
            #expect(first.html.contains("rel=\"next\"") && first.html.contains("1〜50 件目"))
            let second = try await client.page(.get, "/admin/members?page=2", cookie: s.owner)
            #expect(second.html.contains("rel=\"prev\"") && !second.html.contains("rel=\"next\""))

            let found = try await client.page(.get, "/admin/members?q=CSM%40smb", cookie: s.owner)
            #expect(found.html.contains("csm@smb.example") && !found.html.contains("bulk1@smb.example"))
            let byRole = try await client.page(.get, "/admin/members?role=manager", cookie: s.owner)
            #expect(byRole.html.contains("manager@smb.example") && !byRole.html.contains("csm@smb.example"))
            let byCompany = try await client.page(.get, "/admin/members?company=\(a.enterprise.lower)", cookie: s.owner)
            #expect(byCompany.html.contains("viewer@ent.example") && !byCompany.html.contains("csm@smb.example"))
            #expect(try await client.page(.get, "/admin/members?q=csm", cookie: s.manager).html.contains("csm@smb.example"))
            let manager = try await client.page(.get, "/admin/members?q=viewer", cookie: s.manager)
            #expect(manager.html.contains("条件に合うメンバーはいません。"), "a manager of SMB does not see Enterprise's viewer")
            #expect(!manager.html.contains(a.enterprise.lower), "nor Enterprise in the company filter")
            #expect(try await client.page(.get, "/admin/members", cookie: s.csm).status == .forbidden)
            let other = try await client.page(.get, "/admin/members?q=example", cookie: s.other)
            #expect(other.html.contains("csm@smb.example") && !other.html.contains(a.csm.lower), "their own CSM, never ours")

            for odd in ["q=%00", "q=%E3%81", "page=-3", "page=9223372036854775807", "page=x", "role=emperor", "company=nope&team=%00"] {
                let answer = try await client.page(.get, "/admin/members?" + odd, cookie: s.owner)
                // A NUL is refused by the server before any page (422); the rest is an empty or a whole list.
                #expect(answer.status == (odd.contains("%00") ? .unprocessableContent : .ok), "?\(odd)")
            }
            #expect(try await client.page(.get, "/admin/teams/\(a.smbTeam.lower)?q=%00", cookie: s.owner).status == .unprocessableContent)

            _ = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/admin/members", cookie: s.owner)
            #expect(english.html.contains("<h1>Members</h1>") && english.html.contains("1–50"))
            let member = try await client.page(.get, "/admin/members/\(a.csm.lower)", cookie: s.owner)
            #expect(member.html.contains("Grant a role") && member.html.contains("CSM"))
        }
    }

    @Test func memberPageGrantsAndRank() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebDirectoryAdminStructureTests.sessions(client, a, b, services)
            let csmPath = "/admin/members/\(a.csm.lower)"
            let page = try await client.page(.get, csmPath, cookie: s.manager)
            #expect(page.status == .ok)
            #expect(page.html.contains("id=\"grant-form\"") && page.html.contains("id=\"member-profile\""))
            // Only the roles a manager may grant are offered.
            #expect(page.html.contains("<option value=\"csm\"") && page.html.contains("<option value=\"viewer\""))
            #expect(!page.html.contains("<option value=\"admin\"") && !page.html.contains("<option value=\"owner\"")
                && !page.html.contains("<option value=\"manager\""))
            #expect(!page.html.contains("<option value=\"org\""), "a company manager grants within SMB only")

            let twice = try await client.page(.post, csmPath + "/grants", cookie: s.manager, form: "role=csm&scope=team%3A\(a.smbTeam.lower)")
            #expect(twice.status == .conflict && twice.html.contains("id=\"grant-role-error\"") && twice.html.contains("すでにこのロール"))
            let granted = try await client.page(.post, csmPath + "/grants", cookie: s.manager, form: "role=support&scope=team%3A\(a.smbTeam.lower)")
            #expect(granted.status == .seeOther)
            #expect(granted.headers[.location] == csmPath + "?done=granted")
            let admin = try await client.page(.post, csmPath + "/grants", cookie: s.manager, form: "role=admin&scope=company%3A\(a.smb.lower)")
            #expect(admin.status == .forbidden, "a manager cannot grant admin")
            let noScope = try await client.page(.post, csmPath + "/grants", cookie: s.manager, form: "role=csm&scope=")
            #expect(noScope.status == .unprocessableContent)
            #expect(noScope.html.contains("id=\"grant-scope-error\"") && noScope.html.contains("ロールを適用する範囲を選んでください。"))
            #expect(noScope.html.contains("<option value=\"csm\" selected>"), "the choice is kept")
            let noRole = try await client.page(.post, csmPath + "/grants", cookie: s.manager, form: "role=&scope=team%3A\(a.smbTeam.lower)")
            #expect(noRole.status == .unprocessableContent && noRole.html.contains("id=\"grant-role-error\""))

            let badName = try await client.page(.post, csmPath + "/profile", cookie: s.manager, form: "name=&locale=ja&time_zone=Asia%2FTokyo")
            #expect(badName.status == .unprocessableContent && badName.html.contains("id=\"member-name-error\""))
            let badZone = try await client.page(.post, csmPath + "/profile", cookie: s.manager, form: "name=Kept+Name&locale=ja&time_zone=Mars%2FBase")
            #expect(badZone.status == .unprocessableContent && badZone.html.contains("id=\"member-zone-error\""))
            #expect(badZone.html.contains("value=\"Kept Name\""))
            let saved = try await client.page(.post, csmPath + "/profile", cookie: s.manager, form: "name=%E9%88%B4%E6%9C%A8&locale=en&time_zone=Asia%2FTokyo")
            #expect(saved.status == .seeOther)
            #expect(try await client.page(.get, csmPath, cookie: s.manager).html.contains("<h1>鈴木</h1>"))

            // The revoke of the grant just made, from its row.
            let grants = try await services.store.tenant(a.orgID) { tx in try await GrantRepository.forMember(tx, member: a.csm) }
            let made = try #require(grants.first { $0.grantedBy == a.smbManager }?.id.lower)
            #expect(try await client.page(.post, csmPath + "/grants/\(made)/revoke", cookie: s.manager, form: "").status == .seeOther)

            // Deactivate and reactivate; a reset is mailed and its link shown nowhere.
            let garbled = try await client.page(.post, csmPath + "/status", cookie: s.manager, form: "active=maybe")
            #expect(garbled.status == .unprocessableContent && garbled.html.contains("id=\"status-error\""))
            #expect(try await client.page(.post, csmPath + "/status", cookie: s.manager, form: "active=false").status == .seeOther)
            #expect(try await client.page(.get, csmPath, cookie: s.manager).html.contains("再び有効にする"))
            let resetInactive = try await client.page(.post, csmPath + "/password-reset", cookie: s.manager, form: "")
            #expect(resetInactive.status == .conflict && resetInactive.html.contains("id=\"reset-error\""))
            #expect(try await client.page(.post, csmPath + "/status", cookie: s.manager, form: "active=true").status == .seeOther)
            let reset = try await client.page(.post, csmPath + "/password-reset", cookie: s.manager, form: "")
            #expect(reset.status == .seeOther)
            let after = try await client.page(.get, try #require(reset.headers[.location]), cookie: s.manager)
            #expect(after.html.contains("csm@smb.example 宛てに送りました"))
            #expect(!after.html.contains("token=") && !after.html.contains("bso_"))
            let mails = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*) FROM mail_outbox WHERE kind = 'password_reset'").scalar(Int.self) ?? 0
            }
            #expect(mails == 1)

            // The owner, put in the manager's team, is shown read-only and every action on them refused.
            #expect(try await client.page(.post, "/admin/teams/\(a.smbTeam.lower)/members", cookie: s.owner, form: "member=\(a.owner.lower)").status == .seeOther)
            let ownerPath = "/admin/members/\(a.owner.lower)"
            let ownerPage = try await client.page(.get, ownerPath, cookie: s.manager)
            #expect(ownerPage.status == .ok)
            #expect(!ownerPage.html.contains("<form method=\"post\" action=\"/admin/members/") && !ownerPage.html.contains("id=\"grant-form\""))
            #expect(ownerPage.html.contains("閲覧のみ"))
            for (path, form) in [
                ("/profile", "name=Taken&locale=ja&time_zone=Asia%2FTokyo"), ("/grants", "role=csm&scope=team%3A\(a.smbTeam.lower)"),
                ("/status", "active=false"), ("/password-reset", ""),
            ] {
                let refused = try await client.page(.post, ownerPath + path, cookie: s.manager, form: form)
                #expect(refused.status == .forbidden, "\(path) on the owner is refused")
            }
            let ownerGrants = { try await services.store.tenant(a.orgID) { tx in try await GrantRepository.forMember(tx, member: a.owner) } }
            let ownerGrant = try #require(try await ownerGrants().first?.id.lower)
            #expect(try await client.page(.post, ownerPath + "/grants/\(ownerGrant)/revoke", cookie: s.manager, form: "").status == .forbidden)
            #expect(try await ownerGrants().count == 1)

            // The last owner cannot be deactivated by anyone (themselves included: read-only there).
            let csmOnOwner = try await client.page(.get, ownerPath, cookie: s.csm)
            #expect(csmOnOwner.status == .forbidden)
            #expect(try await client.page(.post, csmPath + "/status", cookie: s.csm, form: "active=false").status == .forbidden)

            // Another organisation's member, grant: the 404 page.
            #expect(try await client.page(.get, csmPath, cookie: s.other).status == .notFound)
            #expect(try await client.page(.post, csmPath + "/status", cookie: s.other, form: "active=false").status == .notFound)
            #expect(try await client.page(.post, csmPath + "/grants", cookie: s.other, form: "role=viewer&scope=org").status == .notFound)
            #expect(try await client.page(.post, ownerPath + "/grants/\(ownerGrant)/revoke", cookie: s.other, form: "").status == .notFound)
            #expect(try await client.page(.get, "/admin/members/nonsense", cookie: s.owner).status == .notFound)
        }
    }

    @Test func invitations() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebDirectoryAdminStructureTests.sessions(client, a, b, services)
            let page = try await client.page(.get, "/admin/invitations", cookie: s.manager)
            #expect(page.status == .ok && page.html.contains("id=\"invite-form\""))
            #expect(!page.html.contains("<option value=\"admin\"") && page.html.contains("<option value=\"csm\""))
            #expect(page.html.contains("SMB / SMB 1") && !page.html.contains("Enterprise / Ent 1"))
            #expect(try await client.page(.get, "/admin/invitations", cookie: s.csm).status == .forbidden)
            #expect(try await client.page(.post, "/admin/invitations", cookie: s.csm, form: "email=x%40y.example&role=viewer&team=\(a.smbTeam.lower)").status == .forbidden)

            let badEmail = try await client.page(
                .post, "/admin/invitations", cookie: s.manager, form: "email=not-an-address&name=%E6%96%B0%E4%BA%BA&role=csm&team=\(a.smbTeam.lower)")
            #expect(badEmail.status == .unprocessableContent)
            #expect(badEmail.html.contains("id=\"invite-email-error\"") && badEmail.html.contains("value=\"not-an-address\"") && badEmail.html.contains("value=\"新人\""))
            let noTeam = try await client.page(.post, "/admin/invitations", cookie: s.manager, form: "email=new%40smb.example&role=csm&team=")
            #expect(noTeam.status == .unprocessableContent && noTeam.html.contains("id=\"invite-team-error\""))
            let taken = try await client.page(.post, "/admin/invitations", cookie: s.manager, form: "email=csm%40smb.example&role=csm&team=\(a.smbTeam.lower)")
            #expect(taken.status == .conflict && taken.html.contains("id=\"invite-email-error\""))
            let admin = try await client.page(.post, "/admin/invitations", cookie: s.manager, form: "email=boss%40smb.example&role=admin&team=\(a.smbTeam.lower)")
            #expect(admin.status == .forbidden, "a manager cannot invite an admin")

            let sent = try await client.page(.post, "/admin/invitations", cookie: s.manager, form: "email=new%40smb.example&name=&role=csm&team=\(a.smbTeam.lower)")
            #expect(sent.status == .seeOther)
            let list = try await client.page(.get, "/admin/invitations?done=invited", cookie: s.manager)
            #expect(list.html.contains("new@smb.example") && list.html.contains("招待メールを送りました。"))
            #expect(!list.html.contains("token=") && !list.html.contains("bso_"), "the link is never shown")
            let mails = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*) FROM mail_outbox WHERE kind = 'invitation'").scalar(Int.self) ?? 0
            }
            #expect(mails == 1)
            let id = try #require(try await client.call(.get, "/v1/invitations", token: a.ownerToken).body.items.first?["id"] as? String)
            #expect(try await client.page(.post, "/admin/invitations/\(id)/revoke", cookie: s.other, form: "").status == .notFound)
            #expect(try await client.page(.post, "/admin/invitations/\(id)/revoke", cookie: s.manager, form: "").status == .seeOther)
            #expect(try await client.call(.get, "/v1/invitations", token: a.ownerToken).body.items.isEmpty)
            _ = try await client.page(.post, "/me/locale", cookie: s.manager, form: "locale=en&back=%2F")
            #expect(try await client.page(.get, "/admin/invitations", cookie: s.manager).html.contains("<h1>Invitations</h1>"))
        }
    }

    @Test func tokensSecretShownOnce() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebDirectoryAdminStructureTests.sessions(client, a, b, services)
            let mine = try await client.page(.get, "/me/tokens", cookie: s.csm)
            #expect(mine.status == .ok && mine.html.contains("<h1>API トークン</h1>"))
            #expect(!mine.html.contains("scope_admin"), "the admin scope is offered only to those who administer")

            let noName = try await client.page(.post, "/me/tokens", cookie: s.csm, form: "name=&scope_read=on")
            #expect(noName.status == .unprocessableContent && noName.html.contains("id=\"token-name-error\""))
            let noScope = try await client.page(.post, "/me/tokens", cookie: s.csm, form: "name=CRM")
            #expect(noScope.status == .unprocessableContent && noScope.html.contains("id=\"token-scopes-error\"") && noScope.html.contains("value=\"CRM\""))
            let past = try await client.page(.post, "/me/tokens", cookie: s.csm, form: "name=CRM&scope_read=on&expires_on=2020-01-01")
            #expect(past.status == .unprocessableContent && past.html.contains("id=\"token-expires-error\""))
            let garbled = try await client.page(.post, "/me/tokens", cookie: s.csm, form: "name=CRM&scope_read=on&expires_on=soon")
            #expect(garbled.status == .unprocessableContent && garbled.html.contains("id=\"token-expires-error\""))

            let created = try await client.page(.post, "/me/tokens", cookie: s.csm, form: "name=CRM+sync&scope_read=on&scope_write=on&expires_on=2099-12-31")
            #expect(created.status == .created)
            #expect(created.headers[.cacheControl] == "no-store" && created.headers[.location] == nil)
            let secret = try #require(created.html.range(of: "id=\"token-secret\" type=\"text\" value=\"").map {
                String(created.html[$0.upperBound...].prefix { $0 != "\"" })
            })
            #expect(secret.count > 20)
            #expect(try await client.call(.get, "/v1/me", token: secret).status == .ok, "the secret shown works")
            let again = try await client.page(.get, "/me/tokens", cookie: s.csm)
            #expect(again.html.contains("CRM sync") && !again.html.contains(secret), "never shown again")
            #expect(again.html.contains("2099年12月31日"))
            let all = try await client.page(.get, "/admin/tokens", cookie: s.owner)
            #expect(all.status == .ok && all.html.contains("CRM sync") && !all.html.contains(secret))
            #expect(try await client.page(.get, "/admin/tokens", cookie: s.manager).status == .forbidden)
            _ = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2F")
            #expect(try await client.page(.get, "/admin/tokens", cookie: s.owner).html.contains("<h1>Everyone’s API tokens</h1>"))
            #expect(try await client.page(.get, "/admin/tokens", cookie: s.csm).status == .forbidden)

            let tokens = try await client.call(.get, "/v1/tokens", token: secret).body.items
            let id = try #require(tokens.first { $0["name"] as? String == "CRM sync" }?["id"] as? String)
            // Someone else's token from one's own page, and another organisation's: the 404 page.
            #expect(try await client.page(.post, "/me/tokens/\(id)/revoke", cookie: s.manager, form: "").status == .notFound)
            #expect(try await client.page(.post, "/admin/tokens/\(id)/revoke", cookie: s.other, form: "").status == .notFound)
            #expect(try await client.page(.post, "/admin/tokens/\(id)/revoke", cookie: s.manager, form: "").status == .forbidden)
            #expect(try await client.page(.post, "/me/tokens/\(id)/revoke", cookie: s.csm, form: "").status == .seeOther)
            #expect(try await client.call(.get, "/v1/me", token: secret).status == .unauthorized)
            _ = try await client.page(.post, "/me/locale", cookie: s.csm, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/me/tokens", cookie: s.csm)
            #expect(english.html.contains("<h1>API tokens</h1>") && english.html.contains("Revoked"))
        }
    }
}
