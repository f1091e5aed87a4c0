import API
import Settings
import Database
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

@Suite struct TenantIsolationTests {
    /// Every /v1 route, called with the second org's owner token on the first org's ids, answers 404 — never 403,
    /// which would confirm the id exists — and every list shows none of the first org's rows.
    @Test func aSecondOrgSeesNothingOfTheFirst() async throws {
        // Private egress: the webhooks and relays it configures point at local and documentation addresses.
        try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, b, services in
            let aGrant = try #require(try await client.call(.get, "/v1/grants?member_id=\(a.csm.lower)", token: a.ownerToken).body.items.first?["id"] as? String)
            let aToken = try #require(try await client.call(.get, "/v1/tokens", token: a.ownerToken).body.items.first?["id"] as? String)
            let aInvitation = try #require(try await client.call(
                .post, "/v1/invitations", token: a.ownerToken,
                json: #"{"email":"invitee@alpha.example","team_id":"\#(a.smbTeam.lower)","role":"viewer"}"#).body["id"] as? String)
            var covered = Set<String>()
            func expect404(_ method: HTTPRequest.Method, _ template: String, _ uri: String, json: String? = nil) async throws {
                covered.insert("\(method.rawValue) \(template)")
                let response = try await client.call(method, uri, token: b.ownerToken, json: json)
                #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status)")
            }
            try await expect404(.get, "/v1/companies/{id}", "/v1/companies/\(a.enterprise.lower)")
            try await expect404(.patch, "/v1/companies/{id}", "/v1/companies/\(a.enterprise.lower)", json: #"{"name":"x"}"#)
            try await expect404(.delete, "/v1/companies/{id}", "/v1/companies/\(a.enterprise.lower)")
            try await expect404(.get, "/v1/teams/{id}", "/v1/teams/\(a.smbTeam.lower)")
            try await expect404(.patch, "/v1/teams/{id}", "/v1/teams/\(a.smbTeam.lower)", json: #"{"name":"x"}"#)
            try await expect404(.delete, "/v1/teams/{id}", "/v1/teams/\(a.smbTeam.lower)")
            try await expect404(.put, "/v1/teams/{id}/members/{member_id}", "/v1/teams/\(a.smbTeam.lower)/members/\(a.csm.lower)")
            try await expect404(.delete, "/v1/teams/{id}/members/{member_id}", "/v1/teams/\(a.smbTeam.lower)/members/\(a.csm.lower)")
            try await expect404(.get, "/v1/members/{id}", "/v1/members/\(a.csm.lower)")
            try await expect404(.patch, "/v1/members/{id}", "/v1/members/\(a.csm.lower)", json: #"{"display_name":"x"}"#)
            try await expect404(.delete, "/v1/grants/{id}", "/v1/grants/\(aGrant)")
            try await expect404(.delete, "/v1/tokens/{id}", "/v1/tokens/\(aToken)")
            try await expect404(.delete, "/v1/invitations/{id}", "/v1/invitations/\(aInvitation)")
            try await expect404(.post, "/v1/members/{id}/password-reset", "/v1/members/\(a.csm.lower)/password-reset")

            // Creates that name the first org's ids are refused as if the ids did not exist.
            func expectUnknown(_ template: String, _ json: String, field: String) async throws {
                covered.insert("POST \(template)")
                let response = try await client.call(.post, template, token: b.ownerToken, json: json)
                #expect(response.status == .unprocessableContent, "\(template) answered \(response.status)")
                #expect(response.body["field"] as? String == field)
            }
            try await expectUnknown("/v1/teams", #"{"company_id":"\#(a.smb.lower)","name":"x"}"#, field: "company_id")
            try await expectUnknown("/v1/grants", #"{"member_id":"\#(a.csm.lower)","role":"viewer","scope_type":"org"}"#, field: "member_id")
            try await expectUnknown("/v1/members", #"{"email":"n@b.example","display_name":"n","team_ids":["\#(a.smbTeam.lower)"]}"#, field: "team_ids")
            try await expectUnknown("/v1/invitations", #"{"email":"n@b.example","team_id":"\#(a.smbTeam.lower)","role":"viewer"}"#, field: "team_id")
            covered.insert("POST /v1/companies")
            covered.insert("POST /v1/tokens")
            try await check(await client.call(.post, "/v1/companies", token: b.ownerToken, json: #"{"name":"Enterprise"}"#).status == .conflict,
                    "B already has its own Enterprise")

            let aIDs: Set<String> = [a.enterprise.lower, a.smb.lower, a.enterpriseTeam.lower, a.smbTeam.lower, a.csm.lower,
                                     a.smbManager.lower, a.owner.lower, aGrant.lowercased(), aToken.lowercased(),
                                     aInvitation.lowercased()]
            for (template, uri) in [
                ("/v1/companies", "/v1/companies"), ("/v1/teams", "/v1/teams?company_id=\(a.smb.lower)"),
                ("/v1/teams", "/v1/teams"), ("/v1/members", "/v1/members"), ("/v1/members", "/v1/members?team_id=\(a.smbTeam.lower)"),
                ("/v1/members", "/v1/members?company_id=\(a.smb.lower)"), ("/v1/grants", "/v1/grants"),
                ("/v1/grants", "/v1/grants?member_id=\(a.csm.lower)"), ("/v1/tokens", "/v1/tokens"), ("/v1/audit", "/v1/audit"),
                ("/v1/audit", "/v1/audit?resource_id=\(a.enterprise.lower)"), ("/v1/invitations", "/v1/invitations"),
                ("/v1/invitations", "/v1/invitations?team_id=\(a.smbTeam.lower)"),
            ] {
                covered.insert("GET \(template)")
                let response = try await client.call(.get, uri, token: b.ownerToken)
                #expect(response.status == .ok, "\(uri)")
                #expect(response.body.ids.isDisjoint(with: aIDs), "\(uri) leaked the first org's rows")
                for item in response.body.items {
                    for key in ["member_id", "company_id", "resource_id", "actor_id", "team_id", "invited_by"] {
                        if let value = (item[key] as? String)?.lowercased() { #expect(!aIDs.contains(value), "\(uri) \(key)") }
                    }
                }
            }
            for uri in ["/v1/me", "/v1/org"] {
                covered.insert("GET \(uri)")
                let response = try await client.call(.get, uri, token: b.ownerToken)
                let org = (response.body["org"] as? [String: Any]) ?? response.body
                #expect((org["id"] as? String)?.lowercased() == b.orgID.lower)
            }
            covered.insert("PATCH /v1/org")
            try await check(await client.call(.patch, "/v1/org", token: b.ownerToken, json: #"{"name":"Beta 2"}"#).status == .ok)
            try await check(await client.call(.get, "/v1/org", token: a.ownerToken).body["name"] as? String == "Alpha")
            covered.insert("POST /v1/auth/logout")
            covered.insert("POST /v1/auth/login")

            // The public links carry no org and no id: the token alone finds its invitation or reset, and the work
            // runs in the org that issued it. The same e-mail invited into both orgs: accepting the first org's
            // link makes a member of the first org only, and the second org's invitation stays pending.
            covered.insert("POST /v1/auth/invitations/accept")
            let shared = #"{"email":"both@orgs.example","team_id":"TEAM","role":"viewer"}"#
            let aLink = try await client.call(
                .post, "/v1/invitations", token: a.ownerToken, json: shared.replacingOccurrences(of: "TEAM", with: a.smbTeam.lower))
            let bLink = try await client.call(
                .post, "/v1/invitations", token: b.ownerToken, json: shared.replacingOccurrences(of: "TEAM", with: b.smbTeam.lower))
            let aInviteToken = try #require(aLink.body["token"] as? String)
            let accepted = try await client.call(
                .post, "/v1/auth/invitations/accept", token: nil, json: #"{"token":"\#(aInviteToken)","password":"shared password 1"}"#)
            #expect(accepted.status == .created)
            #expect((accepted.body["org_id"] as? String)?.lowercased() == a.orgID.lower)
            let newMember = try #require(accepted.body["member_id"] as? String).lowercased()
            try await check(await client.call(.get, "/v1/members/\(newMember)", token: a.ownerToken).status == .ok)
            try await check(await client.call(.get, "/v1/members/\(newMember)", token: b.ownerToken).status == .notFound)
            try await check(await !client.call(.get, "/v1/members", token: b.ownerToken).body.items.contains {
                ($0["email"] as? String) == "both@orgs.example"
            })
            try await check(await client.call(.get, "/v1/invitations", token: b.ownerToken).body.ids.contains(
                try #require(bLink.body["id"] as? String).lowercased()))
            for slug in [a.slug, b.slug] {
                let login = try await client.call(
                    .post, "/v1/auth/login", token: nil, json: #"{"org":"\#(slug)","email":"both@orgs.example","password":"shared password 1"}"#)
                #expect(login.status == (slug == a.slug ? .ok : .unauthorized), "\(slug)")
            }
            // A reset link of the first org sets a password there only: both orgs have manager@smb.example.
            covered.insert("POST /v1/auth/password-reset/redeem")
            let resetToken = try #require(try await client.call(
                .post, "/v1/members/\(a.smbManager.lower)/password-reset", token: a.ownerToken).body["token"] as? String)
            try await check(await client.call(
                .post, "/v1/auth/password-reset/redeem", token: nil,
                json: #"{"token":"\#(resetToken)","password":"manager password 1"}"#).status == .noContent)
            for slug in [a.slug, b.slug] {
                let login = try await client.call(
                    .post, "/v1/auth/login", token: nil, json: #"{"org":"\#(slug)","email":"manager@smb.example","password":"manager password 1"}"#)
                #expect(login.status == (slug == a.slug ? .ok : .unauthorized), "\(slug)")
            }

            // The first org's data is untouched.
            let company = try await client.call(.get, "/v1/companies/\(a.enterprise.lower)", token: a.ownerToken)
            #expect(company.body["name"] as? String == "Enterprise")
            try await check(await client.call(.get, "/v1/teams/\(a.smbTeam.lower)", token: a.ownerToken).status == .ok)

            covered.formUnion(try await checkGoalIsolation(client, a, b, services: services))
            covered.formUnion(try await checkNotificationPreferenceIsolation(client, a, b))
            covered.formUnion(try await checkScheduleIsolation(client, a, b))
            covered.formUnion(try await checkMailRelayIsolation(client, a, b))
            covered.formUnion(try await checkPasswordResetRequestIsolation(client, a, b, services: services))
            covered.formUnion(try await checkCustomerIsolation(client, a, b, services: services))
            covered.formUnion(try await checkRevenueIsolation(client, a, b, services: services))
            covered.formUnion(try await checkSupportIsolation(client, a, b, services: services))
            covered.formUnion(try await checkHealthIsolation(client, a, b, services: services))
            covered.formUnion(try await checkImportIsolation(client, a, b, services: services))
            covered.formUnion(try await checkMeetingIsolation(client, a, b))
            covered.formUnion(try await checkCalendarFeedIsolation(client, a, b, services: services))
            covered.formUnion(try await checkSuccessDefinitionIsolation(client, a, b, services: services))
            covered.formUnion(try await checkProgramIsolation(client, a, b, services: services))
            covered.formUnion(try await checkCheckUpIsolation(client, a, b, services: services))
            covered.formUnion(try await checkProcessIsolation(client, a, b, services: services))
            // The redirects for links mailed before the pages existed hold no org's data: they only move the token.
            covered.formUnion(["GET /v1/auth/invitations/accept", "GET /v1/auth/password-reset/redeem"])

            // Every /v1 route is covered above; a new route must join this test.
            let routes = Set(APIRoutes.operations.filter { $0.path.hasPrefix("/v1/") }.map { "\($0.method) \($0.path)" })
            #expect(routes.subtracting(covered).isEmpty, "not isolation-tested: \(routes.subtracting(covered).sorted())")
        }
    }

    /// Row-level security on its own: an unscoped query inside a tenant transaction sees only that tenant's rows,
    /// and cannot write rows for another org.
    @Test func rowLevelSecurityHoldsWithoutWhereClauses() async throws {
        try await withTenants { _, a, b, services in
            let store = services.store
            for org in [a, b] {
                let companies = try await store.tenant(org.orgID) { tx in
                    try await tx.query("SELECT id FROM company").decodeColumn(UUID.self)
                }
                #expect(Set(companies) == [org.enterprise, org.smb])
                let orgs = try await store.tenant(org.orgID) { tx in try await tx.query("SELECT id FROM org").decodeColumn(UUID.self) }
                #expect(orgs == [org.orgID])
                let members = try await store.tenant(org.orgID) { tx in
                    try await tx.query("SELECT DISTINCT org_id FROM member").decodeColumn(UUID.self)
                }
                #expect(members == [org.orgID])
            }
            let error = await #expect(throws: DatabaseError.self) {
                try await store.tenant(b.orgID) { tx in
                    try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(a.orgID), \(UUID.v7()), 'sneaky')")
                }
            }
            #expect(error?.isInsufficientPrivilege == true || error?.sqlState == "42501")
            let hidden = try await store.tenant(b.orgID) { tx in
                try await tx.execute("UPDATE company SET name = 'taken over' WHERE org_id = \(a.orgID)")
            }
            #expect(hidden == 0)
        }
    }

    /// The goals tables are behind row-level security too: the second org's unscoped reads see nothing of the
    /// first's tree, check-ins, positions, accountabilities and inbox.
    @Test func goalTablesAreIsolatedByRowLevelSecurity() async throws {
        try await withTenants { client, a, b, services in
            let tree = try await SampleTree.make(client, a)
            _ = try await CheckInReviewTests.positions(client, a)
            try await check(await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/2026-10", token: a.csmToken,
                                              json: body(["actual": 93, "confidence": "on_track", "submit": true])).status == .ok)
            let store = services.store
            for table in ["goal", "check_in", "position", "position_holder", "notification", "audit_event"] {
                let seen = try await store.tenant(b.orgID) { tx in
                    try await tx.query("SELECT count(*) FROM \(identifier: table) WHERE org_id = \(a.orgID)").scalar(Int.self)
                }
                #expect(seen == 0, "\(table)")
                let own = try await store.tenant(a.orgID) { tx in try await tx.query("SELECT count(*) FROM \(identifier: table)").scalar(Int.self) }
                #expect((own ?? 0) > 0, "\(table) has the first org's rows")
            }
        }
    }

    /// The audit log is append-only for the application role.
    @Test func auditLogCannotBeRewritten() async throws {
        try await withTenants { _, a, _, services in
            let store = services.store
            for statement: SQLQuery in ["UPDATE audit_event SET action = 'forged'", "DELETE FROM audit_event"] {
                let error = await #expect(throws: DatabaseError.self) {
                    try await store.tenant(a.orgID) { tx in try await tx.execute(statement) }
                }
                #expect(error?.sqlState == "42501", "\(statement)")
            }
        }
    }
}
