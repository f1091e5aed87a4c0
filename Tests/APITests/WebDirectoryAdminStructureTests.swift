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

/// The administration index, companies and teams: who may open them, forms refused in place, deleting only after a
/// confirmation, and another organisation's ids answering the 404 page.
@Suite struct WebDirectoryAdminStructureTests {
    static let password = "correct horse battery"

    /// Owner, SMB manager and CSM of `a` signed in, and `b`'s owner.
    static func sessions(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, _ services: AppServices) async throws
        -> (owner: String?, manager: String?, csm: String?, other: String?)
    {
        let hash = try await Secrets.hashPassword(password)
        try await services.store.tenant(a.orgID) { tx in
            try await MemberRepository.setPassword(tx, id: a.csm, hash: hash)
            try await MemberRepository.setPassword(tx, id: a.smbManager, hash: hash)
        }
        return (
            try await client.signIn(a.slug, "owner@alpha.example", password).session,
            try await client.signIn(a.slug, "manager@smb.example", password).session,
            try await client.signIn(a.slug, "csm@smb.example", password).session,
            try await client.signIn(b.slug, "owner@beta.example", password).session
        )
    }

    @Test func indexShowsWhatEachRoleMayUse() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)
            let owner = try await client.page(.get, "/admin", cookie: s.owner)
            #expect(owner.status == .ok)
            #expect(owner.html.contains("<h1>管理</h1>"))
            for link in ["/admin/companies", "/admin/teams", "/admin/members", "/admin/invitations", "/admin/tokens", "/admin/webhooks",
                "/admin/audit", "/admin/jobs", "/admin/closures", "/admin/mail-relay"]
            {
                #expect(owner.html.contains("href=\"\(link)\""), "owner sees \(link)")
            }
            let manager = try await client.page(.get, "/admin", cookie: s.manager)
            #expect(manager.status == .ok)
            #expect(manager.html.contains("href=\"/admin/teams\"") && manager.html.contains("href=\"/admin/invitations\""))
            for link in ["/admin/companies", "/admin/tokens", "/admin/webhooks", "/admin/audit", "/admin/jobs"] {
                #expect(!manager.html.contains("href=\"\(link)\""), "a manager does not see \(link)")
            }
            for path in ["/admin", "/admin/companies", "/admin/teams", "/admin/teams/\(a.smbTeam.lower)"] {
                let refused = try await client.page(.get, path, cookie: s.csm)
                #expect(refused.status == .forbidden, "\(path) refuses a CSM")
                #expect(refused.html.contains("この操作はできません"))
            }
            #expect(try await client.page(.post, "/admin/companies", cookie: s.csm, form: "name=X").status == .forbidden)
            #expect(try await client.page(.post, "/admin/teams", cookie: s.csm, form: "company=\(a.smb.lower)&name=X").status == .forbidden)

            let switched = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2Fadmin")
            #expect(switched.status == .seeOther)
            let english = try await client.page(.get, "/admin", cookie: s.owner)
            #expect(english.html.contains("<h1>Administration</h1>") && english.html.contains("Closure days"))
            let companies = try await client.page(.get, "/admin/companies", cookie: s.owner)
            #expect(companies.html.contains("<h1>Companies</h1>"))
            let teams = try await client.page(.get, "/admin/teams", cookie: s.owner)
            #expect(teams.html.contains("<h1>Teams</h1>"))
            let team = try await client.page(.get, "/admin/teams/\(a.smbTeam.lower)", cookie: s.owner)
            #expect(team.html.contains("Team “SMB 1”"))
        }
    }

    @Test func companies() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)
            let page = try await client.page(.get, "/admin/companies", cookie: s.owner)
            #expect(page.status == .ok)
            #expect(page.html.contains("Enterprise") && page.html.contains("SMB"))
            #expect(try await client.page(.get, "/admin/companies", cookie: s.manager).status == .forbidden)

            let empty = try await client.page(.post, "/admin/companies", cookie: s.owner, form: "name=+")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("id=\"company-name-error\"") && empty.html.contains("名前を入力してください。"))
            #expect(empty.html.contains("aria-invalid=\"true\""))
            let long = try await client.page(.post, "/admin/companies", cookie: s.owner, form: "name=" + String(repeating: "x", count: 201))
            #expect(long.status == .unprocessableContent)
            #expect(long.html.contains("value=\"" + String(repeating: "x", count: 201) + "\""), "the input is kept")

            let taken = try await client.page(.post, "/admin/companies", cookie: s.owner, form: "name=SMB")
            #expect(taken.status == .conflict && taken.html.contains("id=\"company-name-error\"") && taken.html.contains("同じ名前"))
            let created = try await client.page(.post, "/admin/companies", cookie: s.owner, form: "name=Mid+Market")
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/admin/companies?done=created")
            let companies = try await client.call(.get, "/v1/companies", token: a.ownerToken).body.items
            let mid = try #require(companies.first { $0["name"] as? String == "Mid Market" }?["id"] as? String)

            let badRename = try await client.page(.post, "/admin/companies/\(mid)/rename", cookie: s.owner, form: "name=")
            #expect(badRename.status == .unprocessableContent)
            #expect(badRename.html.contains("id=\"rename-\(mid)-error\""))
            let renamed = try await client.page(.post, "/admin/companies/\(mid)/rename", cookie: s.owner, form: "name=Mid")
            #expect(renamed.status == .seeOther)

            // The first POST only asks; nothing is deleted until the confirmation's own POST.
            let asked = try await client.page(.post, "/admin/companies/\(mid)/delete", cookie: s.owner, form: "")
            #expect(asked.status == .ok)
            #expect(asked.html.contains("name=\"confirm\" value=\"yes\""))
            #expect(try await client.call(.get, "/v1/companies/\(mid)", token: a.ownerToken).status == .ok)
            #expect(try await client.page(.get, "/admin/companies/\(mid)/delete", cookie: s.owner).status != .ok)
            let withTeams = try await client.page(.post, "/admin/companies/\(a.smb.lower)/delete", cookie: s.owner, form: "confirm=yes")
            #expect(withTeams.status == .conflict)
            #expect(withTeams.html.contains("このカンパニーにはまだチームがあります"))
            let deleted = try await client.page(.post, "/admin/companies/\(mid)/delete", cookie: s.owner, form: "confirm=yes")
            #expect(deleted.status == .seeOther)
            #expect(try await client.call(.get, "/v1/companies/\(mid)", token: a.ownerToken).status == .notFound)

            // Another organisation's company: the 404 page, whatever the action.
            for path in ["rename", "delete"] {
                let foreign = try await client.page(.post, "/admin/companies/\(a.smb.lower)/\(path)", cookie: s.other, form: "name=X&confirm=yes")
                #expect(foreign.status == .notFound)
            }
            #expect(try await client.page(.post, "/admin/companies/not-an-id/rename", cookie: s.owner, form: "name=X").status == .notFound)
        }
    }

    @Test func teamsAndTheirMembers() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)
            let list = try await client.page(.get, "/admin/teams", cookie: s.manager)
            #expect(list.status == .ok)
            #expect(list.html.contains("SMB 1") && !list.html.contains("Ent 1"), "a manager of SMB sees SMB's teams")

            let noCompany = try await client.page(.post, "/admin/teams", cookie: s.manager, form: "company=&name=Renewals")
            #expect(noCompany.status == .unprocessableContent)
            #expect(noCompany.html.contains("id=\"team-company-error\"") && noCompany.html.contains("value=\"Renewals\""))
            let elsewhere = try await client.page(.post, "/admin/teams", cookie: s.manager, form: "company=\(a.enterprise.lower)&name=Renewals")
            #expect(elsewhere.status == .forbidden, "a manager of SMB cannot add a team to Enterprise")
            let taken = try await client.page(.post, "/admin/teams", cookie: s.manager, form: "company=\(a.smb.lower)&name=SMB+1")
            #expect(taken.status == .conflict && taken.html.contains("id=\"team-name-error\""))
            let created = try await client.page(.post, "/admin/teams", cookie: s.manager, form: "company=\(a.smb.lower)&name=Renewals")
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix("/admin/teams/") && location.hasSuffix("?done=created"))
            let teamPath = String(location.prefix { $0 != "?" })

            let search = try await client.page(.get, teamPath + "?q=csm", cookie: s.manager)
            #expect(search.status == .ok)
            #expect(search.html.contains("csm@smb.example"))
            let added = try await client.page(.post, teamPath + "/members", cookie: s.manager, form: "member=\(a.csm.lower)")
            #expect(added.status == .seeOther)
            let team = try await client.page(.get, teamPath, cookie: s.manager)
            #expect(team.html.contains("csm@smb.example") && team.html.contains("/members/\(a.csm.lower)/remove"))

            // The owner put in the manager's team is shown without a button, and the manager is refused.
            #expect(try await client.page(.post, "/admin/teams/\(a.smbTeam.lower)/members", cookie: s.owner, form: "member=\(a.owner.lower)").status == .seeOther)
            let smb = try await client.page(.get, "/admin/teams/\(a.smbTeam.lower)", cookie: s.manager)
            #expect(smb.html.contains("owner@alpha.example") && !smb.html.contains("/members/\(a.owner.lower)/remove"))
            let refused = try await client.page(.post, "/admin/teams/\(a.smbTeam.lower)/members/\(a.owner.lower)/remove", cookie: s.manager, form: "")
            #expect(refused.status == .forbidden)

            let removed = try await client.page(.post, teamPath + "/members/\(a.csm.lower)/remove", cookie: s.manager, form: "")
            #expect(removed.status == .seeOther)
            let badRename = try await client.page(.post, teamPath + "/rename", cookie: s.manager, form: "name=")
            #expect(badRename.status == .unprocessableContent)
            let asked = try await client.page(.post, teamPath + "/delete", cookie: s.manager, form: "")
            #expect(asked.status == .ok && asked.html.contains("name=\"confirm\" value=\"yes\""))
            #expect(try await client.page(.post, teamPath + "/delete", cookie: s.manager, form: "confirm=yes").status == .seeOther)

            for (method, path) in [
                (HTTPRequest.Method.get, "/admin/teams/\(a.smbTeam.lower)"), (.post, "/admin/teams/\(a.smbTeam.lower)/rename"),
                (.post, "/admin/teams/\(a.smbTeam.lower)/delete"), (.post, "/admin/teams/\(a.smbTeam.lower)/members"),
            ] {
                let foreign = try await client.page(method, path, cookie: s.other, form: method == .post ? "name=X&member=\(a.csm.lower)" : nil)
                #expect(foreign.status == .notFound, "\(path) from another organisation")
            }
        }
    }
}
