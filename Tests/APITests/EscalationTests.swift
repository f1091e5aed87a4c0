import API
import UseCases
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// Issue 10, items 2–4 and the invitation re-check: nobody reaches a person of higher rank or work outside their
/// scope, however they combine routes that are each allowed.
@Suite struct EscalationTests {
    /// Item 2, as reproduced: a manager put the owner into a team they manage, then deactivated the owner.
    @Test func aManagerCannotPullTheOwnerIntoTheirTeamNorDeactivateThem() async throws {
        try await withTenants { client, a, _, _ in
            let pull = try await client.call(.put, "/v1/teams/\(a.smbTeam.lower)/members/\(a.owner.lower)", token: a.smbManagerToken)
            #expect(pull.status == .forbidden, "the owner is not inside the manager's scope")
            // Even when the owner is in the manager's team (the owner joined it), the manager cannot touch them.
            try await check(await client.call(.put, "/v1/teams/\(a.smbTeam.lower)/members/\(a.owner.lower)", token: a.ownerToken).status == .noContent)
            let deactivate = try await client.call(.patch, "/v1/members/\(a.owner.lower)", token: a.smbManagerToken, json: #"{"active":false}"#)
            #expect(deactivate.status == .forbidden)
            let rename = try await client.call(.patch, "/v1/members/\(a.owner.lower)", token: a.smbManagerToken, json: #"{"display_name":"x"}"#)
            #expect(rename.status == .forbidden)
            let remove = try await client.call(.delete, "/v1/teams/\(a.smbTeam.lower)/members/\(a.owner.lower)", token: a.smbManagerToken)
            #expect(remove.status == .forbidden)
            let reset = try await client.call(.post, "/v1/members/\(a.owner.lower)/password-reset", token: a.smbManagerToken, json: "{}")
            #expect(reset.status == .forbidden)
            // Nor give them a lower role in the team (it would still be acting on them), nor take one away.
            let lower = try await client.call(
                .post, "/v1/grants", token: a.smbManagerToken,
                json: #"{"member_id":"\#(a.owner.lower)","role":"csm","scope_type":"team","scope_id":"\#(a.smbTeam.lower)"}"#)
            #expect(lower.status == .forbidden)
            let ownerGrants = try await client.call(.get, "/v1/grants?member_id=\(a.owner.lower)", token: a.ownerToken).body.items
            #expect(!ownerGrants.contains { $0["role"] as? String == "csm" })
            // Within their reach, managers still manage: their CSM.
            let csm = try await client.call(.patch, "/v1/members/\(a.csm.lower)", token: a.smbManagerToken, json: #"{"display_name":"CSM さん"}"#)
            #expect(csm.status == .ok)
            // A CSM made admin by the owner is out of the manager's reach: their team grant stays where it is.
            let teamGrant = try #require(try await client.call(.get, "/v1/grants?member_id=\(a.csm.lower)", token: a.ownerToken).body.items
                .first { $0["role"] as? String == "csm" }?["id"] as? String)
            try await check(await client.call(
                .post, "/v1/grants", token: a.ownerToken,
                json: #"{"member_id":"\#(a.csm.lower)","role":"admin","scope_type":"org"}"#).status == .created)
            #expect(try await client.call(.delete, "/v1/grants/\(teamGrant)", token: a.smbManagerToken).status == .forbidden)
            #expect(try await client.call(.get, "/v1/grants?member_id=\(a.csm.lower)", token: a.ownerToken).body.items.count == 2)
            let owner = try await client.call(.get, "/v1/members/\(a.owner.lower)", token: a.ownerToken)
            #expect(owner.body["active"] as? Bool == true)
            #expect(owner.body["display_name"] as? String != "x")
        }
    }

    /// Item 3: a team-scoped `ops` grant reads its team, not the org; and nobody grants themselves a role.
    @Test func opsMadeByAManagerReadsOnlyItsScopeAndSelfGrantsAreRefused() async throws {
        try await withTenants { client, a, _, _ in
            let created = try await client.call(.post, "/v1/members", token: a.smbManagerToken, json: body([
                "email": "ops@smb.example", "display_name": "Ops", "password": "a long enough password", "team_ids": [a.smbTeam.lower]]))
            let ops = try #require(created.body["id"] as? String)
            try await check(await client.call(.post, "/v1/grants", token: a.smbManagerToken, json: body([
                "member_id": ops, "role": "ops", "scope_type": "team", "scope_id": a.smbTeam.lower])).status == .created)
            let login = try await client.call(.post, "/v1/auth/login", token: nil, json: body([
                "org": a.slug, "email": "ops@smb.example", "password": "a long enough password"]))
            let token = try #require(login.body["token"] as? String)
            #expect(try await client.call(.get, "/v1/teams/\(a.smbTeam.lower)", token: token).status == .ok)
            let enterprise = try await client.call(.get, "/v1/teams/\(a.enterpriseTeam.lower)", token: token)
            #expect(enterprise.status == .forbidden || enterprise.status == .notFound)
            let members = try await client.call(.get, "/v1/members", token: token).body.ids
            #expect(!members.contains(a.owner.lower), "the owner is in no team the ops grant covers")

            let selfGrant = try await client.call(.post, "/v1/grants", token: a.smbManagerToken, json: body([
                "member_id": a.smbManager.lower, "role": "csm", "scope_type": "team", "scope_id": a.smbTeam.lower]))
            #expect(selfGrant.status == .forbidden)
            let ownerSelf = try await client.call(.post, "/v1/grants", token: a.ownerToken, json: body([
                "member_id": a.owner.lower, "role": "admin", "scope_type": "org"]))
            #expect(ownerSelf.status == .forbidden)
        }
    }

    /// Item 4: a transfer moves only the reviews inside the caller's `transferWork` scope.
    @Test func aTransferMovesOnlyReviewsInsideTheCallersScope() async throws {
        try await withTenants { client, a, _, services in
            func goal(_ title: String, company: UUID) async throws -> UUID {
                let created = try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                    "kind": "kpi", "title": title, "company_id": company.lower, "period": "FY2026-H2", "owner_id": a.owner.lower,
                    "metric": "GRR", "unit": "%", "baseline": 90, "target": 95, "due_date": "2027-03-31"]))
                return try #require(created.body.uuid("id"))
            }
            let smbGoal = try await goal("SMB GRR", company: a.smb)
            let entGoal = try await goal("Enterprise GRR", company: a.enterprise)
            for id in [smbGoal, entGoal] {
                try await check(await client.call(.put, "/v1/goals/\(id.lower)/check-ins/2026-10", token: a.ownerToken,
                                                  json: body(["actual": 93, "confidence": "on_track", "submit": true])).status == .ok)
            }
            // The SMB CSM reviews both (as a position would make them).
            _ = try await services.store.tenant(a.orgID) { tx in
                try await tx.execute("UPDATE check_in SET reviewer_id = \(a.csm) WHERE org_id = \(a.orgID)")
            }
            let transfer = try await client.call(.post, "/v1/transfers", token: a.smbManagerToken, json: body([
                "from_member_id": a.csm.lower, "to_member_id": a.smbManager.lower]))
            #expect(transfer.status == .created)
            let reviewers = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT goal_id, reviewer_id FROM check_in WHERE org_id = \(a.orgID)").map { try $0.decode((UUID, UUID).self) }
            }
            #expect(Dictionary(uniqueKeysWithValues: reviewers)[smbGoal] == a.smbManager)
            #expect(Dictionary(uniqueKeysWithValues: reviewers)[entGoal] == a.csm, "Enterprise is outside the SMB manager's scope")
        }
    }

    /// An invitation does not outlive its inviter's right to grant the role.
    @Test func anInvitationLapsesWhenItsInviterLosesTheRight() async throws {
        try await withTenants { client, a, _, services in
            let invited = try await client.call(.post, "/v1/invitations", token: a.smbManagerToken, json: body([
                "email": "late.viewer@alpha.example", "team_id": a.smbTeam.lower, "role": "viewer"]))
            #expect(invited.status == .created)
            let secret = try #require(invited.body["token"] as? String)
            let grant = try await services.store.tenant(a.orgID) { tx in
                try await GrantRepository.forMember(tx, member: a.smbManager).first!.id
            }
            try await check(await client.call(.delete, "/v1/grants/\(grant.lower)", token: a.ownerToken).status == .noContent)
            let accepted = try await client.call(.post, "/v1/auth/invitations/accept", token: nil, json: body([
                "token": secret, "password": "a long new password"]))
            #expect(accepted.status == .gone)
            #expect(accepted.body["code"] as? String == "invitation_invalid")
        }
    }

    /// The last active org-wide owner keeps that grant and stays active: a company-scoped owner grant or a
    /// deactivated owner does not count as another.
    @Test func theLastActiveOrgWideOwnerStays() async throws {
        try await withTenants { client, a, _, services in
            let (second, _) = try await MailRelayTakeoverTests.member(client, a, email: "owner2@alpha.example", role: "owner")
            let (companyOwner, _) = try await MailRelayTakeoverTests.member(client, a, email: "viewer2@alpha.example", role: "viewer")
            try await check(await client.call(.post, "/v1/grants", token: a.ownerToken, json: body([
                "member_id": companyOwner, "role": "owner", "scope_type": "company", "scope_id": a.smb.lower])).status == .created)
            try await check(await client.call(.patch, "/v1/members/\(second)", token: a.ownerToken, json: #"{"active":false}"#).status == .ok)
            let grant = try await services.store.tenant(a.orgID) { tx in
                try await GrantRepository.forMember(tx, member: a.owner).first { $0.grant.role == .owner }!.id
            }
            let removed = try await client.call(.delete, "/v1/grants/\(grant.lower)", token: a.ownerToken)
            #expect(removed.status == .conflict, "the other owners are company-scoped or inactive")
        }
    }

    /// References to other objects must be readable by the caller, else they are refused as if unknown; the
    /// reporting line shows only the positions the caller may read.
    @Test func referencesOutOfSightAreUnknownAndTheChainShowsOnlyWhatIsReadable() async throws {
        try await withTenants { client, a, _, _ in
            let entGoal = try #require(try await client.call(.post, "/v1/goals", token: a.ownerToken, json: body([
                "kind": "kgi", "title": "Enterprise NRR", "company_id": a.enterprise.lower, "period": "FY2026-H2", "owner_id": a.owner.lower,
                "metric": "NRR", "unit": "%", "baseline": 100, "target": 110, "due_date": "2027-03-31"])).body["id"] as? String)
            let underIt = try await client.call(.post, "/v1/goals", token: a.smbManagerToken, json: body([
                "kind": "ksf", "title": "x", "parent_id": entGoal, "company_id": a.smb.lower, "period": "FY2026-H2"]))
            #expect(underIt.status == .unprocessableContent)
            #expect(underIt.body["field"] as? String == "parent_id")

            func position(_ token: String, _ fields: [String: Any?]) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
                let answer = try await client.call(.post, "/v1/positions", token: token, json: body(fields))
                return (answer.status, answer.body)
            }
            let head = try #require(try await position(a.ownerToken, ["name": "Head of CS", "scope_type": "org"]).body["id"] as? String)
            let entLead = try #require(try await position(a.ownerToken, [
                "name": "Enterprise lead", "scope_type": "company", "scope_id": a.enterprise.lower, "reports_to": head]).body["id"] as? String)
            let smbLead = try #require(try await position(a.ownerToken, [
                "name": "SMB lead", "scope_type": "company", "scope_id": a.smb.lower, "reports_to": head]).body["id"] as? String)
            let csm = try #require(try await position(a.ownerToken, [
                "name": "SMB CSM", "scope_type": "team", "scope_id": a.smbTeam.lower, "reports_to": smbLead]).body["id"] as? String)

            let reportsToEnterprise = try await position(a.smbManagerToken, [
                "name": "x", "scope_type": "team", "scope_id": a.smbTeam.lower, "reports_to": entLead])
            #expect(reportsToEnterprise.status == .unprocessableContent)
            #expect(reportsToEnterprise.body["field"] as? String == "reports_to")
            let ownsEnterpriseGoal = try await position(a.smbManagerToken, [
                "name": "y", "scope_type": "team", "scope_id": a.smbTeam.lower, "goal_ids": [entGoal]])
            #expect(ownsEnterpriseGoal.status == .unprocessableContent)
            #expect(ownsEnterpriseGoal.body["field"] as? String == "goal_ids")

            func chain(of id: String, as token: String) async throws -> [String] {
                try await client.call(.get, "/v1/positions/\(id)/chain", token: token).body.items
                    .compactMap { (($0["position"] as? [String: Any])?["id"] as? String)?.lowercased() }
            }
            // Above one's scope is in sight (the company's lead, the org's head), as goals are.
            #expect(try await chain(of: csm, as: a.smbManagerToken) == [csm, smbLead, head].map { $0.lowercased() })
            // A line that runs through Enterprise shows the SMB manager only what they may read.
            let odd = try #require(try await position(a.ownerToken, [
                "name": "SMB analyst", "scope_type": "team", "scope_id": a.smbTeam.lower, "reports_to": entLead]).body["id"] as? String)
            #expect(try await chain(of: odd, as: a.smbManagerToken) == [odd, head].map { $0.lowercased() })
            #expect(try await chain(of: odd, as: a.ownerToken) == [odd, entLead, head].map { $0.lowercased() })
        }
    }
}
