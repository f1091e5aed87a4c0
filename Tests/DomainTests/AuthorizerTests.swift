import Domain
import Foundation
import Testing

@Suite struct AuthorizerTests {
    let enterprise = UUID()
    let smb = UUID()
    let entTeam = UUID()
    let smbTeam = UUID()
    var structure: OrgStructure { OrgStructure(companyOfTeam: [entTeam: enterprise, smbTeam: smb]) }
    var authorizer: Authorizer { Authorizer(structure: structure) }

    func actor(_ grants: Grant..., scopes: Set<TokenScope>? = nil) -> Actor {
        Actor(memberID: UUID(), grants: grants, tokenScopes: scopes)
    }

    @Test func ownerMayDoEverythingEverywhere() {
        let owner = actor(Grant(role: .owner, scope: .org))
        for permission in Permission.allCases {
            #expect(authorizer.can(owner, permission, in: .team(smbTeam)).allowed, "\(permission)")
        }
    }

    @Test func adminMayNotManageTheOrgItself() {
        let admin = actor(Grant(role: .admin, scope: .org))
        #expect(authorizer.can(admin, .manageGrants, in: .org).allowed)
        let decision = authorizer.can(admin, .manageOrg, in: .org)
        #expect(!decision.allowed)
        #expect(decision.permission == .manageOrg)
    }

    @Test func managerOfSMBManagesSMBOnly() {
        let manager = actor(Grant(role: .manager, scope: .company(smb)))
        #expect(authorizer.can(manager, .manageTeams, in: .company(smb)).allowed)
        #expect(authorizer.can(manager, .manageMembers, in: .team(smbTeam)).allowed)
        #expect(!authorizer.can(manager, .manageMembers, in: .team(entTeam)).allowed)
        #expect(!authorizer.can(manager, .manageTeams, in: .company(enterprise)).allowed)
        #expect(!authorizer.can(manager, .manageCompanies, in: .org).allowed)
    }

    @Test func teamGrantDoesNotReachTheCompany() {
        let manager = actor(Grant(role: .manager, scope: .team(smbTeam)))
        #expect(authorizer.can(manager, .manageMembers, in: .team(smbTeam)).allowed)
        #expect(!authorizer.can(manager, .manageTeams, in: .company(smb)).allowed)
    }

    @Test func csmCannotGrantRoles() {
        let csm = actor(Grant(role: .csm, scope: .org))
        let decision = authorizer.canGrant(csm, role: .viewer, in: .team(smbTeam))
        #expect(!decision.allowed)
        #expect(decision.permission == .manageGrants)
    }

    @Test func managersGrantOnlyBelowThemselves() {
        let manager = actor(Grant(role: .manager, scope: .company(smb)))
        #expect(authorizer.canGrant(manager, role: .csm, in: .team(smbTeam)).allowed)
        #expect(!authorizer.canGrant(manager, role: .manager, in: .team(smbTeam)).allowed)
        #expect(!authorizer.canGrant(manager, role: .admin, in: .org).allowed)
        let owner = actor(Grant(role: .owner, scope: .org))
        #expect(authorizer.canGrant(owner, role: .admin, in: .org).allowed)
        let admin = actor(Grant(role: .admin, scope: .org))
        #expect(!authorizer.canGrant(admin, role: .owner, in: .org).allowed)
    }

    /// Issue 10, item 3: `ops` reads the scope of its grant — a team manager who may grant `ops` in their team must
    /// not be able to mint org-wide readers. An org-scoped `ops` grant still reads the whole org.
    @Test func opsReadsTheScopeOfItsGrant() {
        let teamOps = actor(Grant(role: .ops, scope: .team(smbTeam)))
        #expect(authorizer.can(teamOps, .readDirectory, in: .team(smbTeam)).allowed)
        #expect(!authorizer.can(teamOps, .readDirectory, in: .company(enterprise)).allowed)
        #expect(!authorizer.can(teamOps, .readGoals, in: .team(entTeam)).allowed)
        #expect(!authorizer.can(teamOps, .manageMembers, in: .team(smbTeam)).allowed)
        let orgOps = actor(Grant(role: .ops, scope: .org))
        #expect(authorizer.can(orgOps, .readGoals, in: .team(entTeam)).allowed)
    }

    /// Issue 10, items 2 and 3: nobody grants themselves a role, and acting on a member needs the right to grant
    /// every role that member holds.
    @Test func noSelfGrantsAndNoReachAboveOnesRank() {
        let manager = actor(Grant(role: .manager, scope: .company(smb)))
        #expect(authorizer.canGrant(manager, role: .csm, in: .team(smbTeam), to: UUID()).allowed)
        #expect(!authorizer.canGrant(manager, role: .csm, in: .team(smbTeam), to: manager.memberID).allowed)
        let owner = actor(Grant(role: .owner, scope: .org))
        #expect(!authorizer.canGrant(owner, role: .admin, in: .org, to: owner.memberID).allowed)
        #expect(authorizer.canActOn(manager, holderOf: [Grant(role: .csm, scope: .team(smbTeam))]).allowed)
        #expect(!authorizer.canActOn(manager, holderOf: [Grant(role: .csm, scope: .team(smbTeam)), Grant(role: .owner, scope: .org)]).allowed)
        #expect(!authorizer.canActOn(manager, holderOf: [Grant(role: .manager, scope: .team(smbTeam))]).allowed, "a peer")
        #expect(!authorizer.canActOn(manager, holderOf: [Grant(role: .csm, scope: .team(entTeam))]).allowed, "outside the company")
        #expect(authorizer.canActOn(owner, holderOf: [Grant(role: .admin, scope: .org)]).allowed)
    }

    @Test func viewerReadsItsScopeOnly() {
        let viewer = actor(Grant(role: .viewer, scope: .company(enterprise)))
        #expect(authorizer.can(viewer, .readDirectory, in: .team(entTeam)).allowed)
        #expect(!authorizer.can(viewer, .readDirectory, in: .team(smbTeam)).allowed)
    }

    @Test func tokenScopesNarrowButNeverWiden() {
        let readOnlyOwner = actor(Grant(role: .owner, scope: .org), scopes: [.read])
        #expect(authorizer.can(readOnlyOwner, .readDirectory, in: .org).allowed)
        let write = authorizer.can(readOnlyOwner, .manageTeams, in: .org)
        #expect(!write.allowed)
        #expect(write.reason.contains("read-only"))
        let writeOwner = actor(Grant(role: .owner, scope: .org), scopes: [.read, .write])
        #expect(writeOwner.grants.count == 1)
        #expect(authorizer.can(writeOwner, .manageTeams, in: .org).allowed)
        #expect(!authorizer.can(writeOwner, .manageGrants, in: .org).allowed, "grants need the admin scope")
        let adminViewer = actor(Grant(role: .viewer, scope: .org), scopes: [.admin])
        #expect(!authorizer.can(adminViewer, .manageGrants, in: .org).allowed, "a token never exceeds its member")
    }

    @Test func effectivePermissionsListWhatIsHeld() {
        let manager = actor(Grant(role: .manager, scope: .company(smb)))
        let held = Set(authorizer.effectivePermissions(manager))
        #expect(held == [.readDirectory, .manageTeams, .manageMembers, .manageGrants, .manageOwnTokens, .readGoals,
                         .writeOwnGoals, .manageGoals, .reviewCheckIns, .managePositions, .assignAccountabilities, .transferWork,
                         .readCustomers, .readContractValues, .writeOwnCustomers, .manageCustomers, .writeTickets, .writeTimeline,
                         .importCustomers, .manageMeetings, .manageSuccess])
        #expect(!held.contains(.manageGoalSettings), "org-wide rules are an admin's")
        #expect(!held.contains(.manageHealthModels), "the health model is CS operations' and admins'")
        let support = actor(Grant(role: .support, scope: .company(smb)))
        #expect(!Set(authorizer.effectivePermissions(support)).contains(.readContractValues), "support never sees what customers pay")
    }

    @Test func scopesParseAndRefuseNonsense() throws {
        #expect(try Scope(kind: "org", id: nil) == .org)
        let id = UUID()
        #expect(try Scope(kind: "team", id: id) == .team(id))
        #expect(throws: DomainError.self) { try Scope(kind: "team", id: nil) }
        #expect(throws: DomainError.self) { try Scope(kind: "org", id: UUID()) }
        #expect(throws: DomainError.self) { try Scope(kind: "planet", id: UUID()) }
    }
}

@Suite struct GoalAccessRulesTests {
    let enterprise = UUID(), smb = UUID(), smbTeam = UUID()
    var authorizer: Authorizer { Authorizer(structure: OrgStructure(companyOfTeam: [smbTeam: smb])) }

    func goal(owner: UUID, company: UUID?, team: UUID?) -> Goal {
        Goal(id: UUID(), kind: .kpi, parentID: nil, title: "g", description: nil, ownerID: owner, scopeKind: team != nil ? .team : company != nil ? .company : .org,
             companyID: company, teamID: team, period: .half(2026, 2, startMonth: 4), metric: "GRR", unit: "%", baseline: 90, target: 95,
             direction: .up, dueDate: nil, status: .active, cadence: .monthly, weight: 1, copiedFromID: nil, createdAt: .distantPast,
             updatedAt: .distantPast, version: 1)
    }

    @Test func goalsCascadeDownInViewAndOwnersWriteTheirOwn() {
        let csm = Actor(memberID: UUID(), grants: [Grant(role: .csm, scope: .team(smbTeam))])
        #expect(GoalAccessRules.canRead(csm, goal(owner: UUID(), company: smb, team: nil), authorizer: authorizer), "the company's goal above the team")
        #expect(GoalAccessRules.canRead(csm, goal(owner: UUID(), company: nil, team: nil), authorizer: authorizer), "the org's goal")
        #expect(!GoalAccessRules.canRead(csm, goal(owner: UUID(), company: enterprise, team: nil), authorizer: authorizer), "another company's")
        let own = goal(owner: csm.memberID, company: smb, team: smbTeam)
        #expect(GoalAccessRules.write(csm, own, authorizer: authorizer).allowed)
        #expect(!GoalAccessRules.write(csm, own, authorizer: authorizer, ownOK: false).allowed, "moving needs goals.manage")
        #expect(!GoalAccessRules.write(csm, goal(owner: UUID(), company: smb, team: smbTeam), authorizer: authorizer).allowed)
        let manager = Actor(memberID: UUID(), grants: [Grant(role: .manager, scope: .company(smb))])
        #expect(GoalAccessRules.write(manager, goal(owner: UUID(), company: smb, team: smbTeam), authorizer: authorizer).allowed)
    }
}
