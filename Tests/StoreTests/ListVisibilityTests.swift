import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport
import UseCases

/// The seven lists that keep in their SQL only what the reader may see (issue 11) keep exactly what the single-read
/// rule admits row by row, whoever reads — org-wide, company, team, mixed grants, none but their own rows, an API
/// token — and read in pages of 2, none is short while a next cursor is set.
@Suite struct ListVisibilityTests {
    @Test func everyListKeepsWhatTheSingleReadRuleAdmitsAndFillsItsPages() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let org = try await Rows.make(store, fixture)
            let structure = try await store.tenant(org.id) { tx in try await TeamRepository.structure(tx) }
            #expect(structure.companyOfTeam.count == 5)

            var filtered: [String: Int] = [:]
            for (name, memberID, scopes) in org.actors {
                let grants = try await store.tenant(org.id) { tx in try await GrantRepository.forMember(tx, member: memberID) }
                let identity = Identity(
                    orgID: org.id, memberID: memberID,
                    credential: Credential(kind: scopes == nil ? .session : .apiToken, id: .v7(), orgID: org.id, memberID: memberID, scopes: scopes),
                    actor: Actor(memberID: memberID, grants: grants.map(\.grant), tokenScopes: scopes), structure: structure,
                    fiscalYearStartMonth: 4)
                let caller = Caller(identity: identity, requestID: "test", now: store.now)
                let authorizer = identity.authorizer

                func check<Item: Sendable>(
                    _ list: String, all: [Item], id: (Item) -> UUID, admits: (Item) -> Bool,
                    page: @escaping @Sendable (TenantTransaction, UUID?) async throws -> Page<Item>
                ) async throws {
                    let expected = all.filter(admits).map(id)
                    if expected.count < all.count { filtered[list, default: 0] += 1 }
                    var seen: [UUID] = []
                    var cursor: UUID?
                    repeat {
                        let after = cursor
                        let next = try await store.tenant(org.id) { tx in try await page(tx, after) }
                        if next.nextCursor != nil { #expect(next.items.count == 2, "\(name) · \(list): a page with a next cursor is full") }
                        #expect(next.items.count <= 2)
                        seen += next.items.map(id)
                        cursor = next.nextCursor
                    } while cursor != nil && seen.count <= all.count
                    #expect(seen == expected, "\(name) · \(list)")
                }

                let all = try await store.tenant(org.id) { tx in try await org.everyRow(tx) }
                try await check("teams", all: all.teams, id: \.id,
                                admits: { authorizer.can(identity.actor, .readDirectory, in: .team($0.id)).allowed }) { tx, after in
                    try await TeamRepository.list(tx, companyID: nil, visibleTo: identity.reach(.readDirectory), after: after, limit: 2)
                }
                try await check("members", all: all.members, id: \.id, admits: { Members.covers(identity, .readDirectory, member: $0) }) { tx, after in
                    try await MemberRepository.list(tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: after, limit: 2)
                }
                try await check("grants", all: all.grants, id: \.id, admits: { Grants.canSee(identity, $0) }) { tx, after in
                    try await GrantRepository.list(tx, member: nil, visibleTo: identity.reach(.readDirectory), after: after, limit: 2)
                }
                try await check("goals", all: all.goals, id: \.id, admits: { GoalAccess.canRead(identity, $0) }) { tx, after in
                    try await GoalRepository.list(tx, filter: .init(), visibleTo: identity.reach(.readGoals), after: after, limit: 2)
                }
                // PositionController's single read: somewhere within the position's scope.
                try await check("positions", all: all.positions, id: \.id,
                                admits: { authorizer.canSomewhere(identity.actor, .readGoals, within: $0.scope) }) { tx, after in
                    try await PositionRepository.list(tx, visibleTo: identity.reach(.readGoals), after: after, limit: 2)
                }
                try await check("accountabilities", all: all.accountabilities, id: \.id, admits: { Accountabilities.canRead(identity, $0) }) { tx, after in
                    try await AccountabilityRepository.list(tx, filter: .init(), visibleTo: identity.reach(.readGoals), after: after, limit: 2)
                }
                let mayManage = try await store.tenant(org.id) { tx in Invitations(tx, caller).mayManage }
                try await check("invitations", all: all.invitations.filter(\.pending), id: \.id, admits: mayManage) { tx, after in
                    try await Invitations(tx, caller).pending(teamID: nil, after: after, limit: 2)
                }
            }
            // The fixture is only a test of the SQL if some reader of each list is refused some of its rows.
            for list in ["teams", "members", "grants", "goals", "positions", "accountabilities", "invitations"] {
                #expect(filtered[list, default: 0] > 0, "no reader of \(list) was refused a row")
            }

            // The filters the lists already had still apply alongside the reader's reach.
            let manager = org.actors[1].member
            let grants = try await store.tenant(org.id) { tx in try await GrantRepository.forMember(tx, member: manager) }
            let reach = Authorizer(structure: structure).reach(Actor(memberID: manager, grants: grants.map(\.grant)), .readGoals)
            let teamGoals = try await store.tenant(org.id) { tx in
                try await GoalRepository.list(tx, filter: .init(teamID: org.teams[0]), visibleTo: reach, after: nil, limit: 100)
            }
            #expect(!teamGoals.items.isEmpty && teamGoals.items.allSatisfy { $0.teamID == org.teams[0] })
        }
    }
}

/// An org with rows at every level — the org, two companies, two teams in each — and readers with different reach.
private struct Rows {
    let id: UUID
    let companies: [UUID]
    /// Teams 0 and 1 are in company 0, teams 2 and 3 in company 1; team 4 (the fixture's) in company 0.
    let teams: [UUID]
    /// (name, member, token scopes — `nil` for a session).
    let actors: [(name: String, member: UUID, scopes: Set<TokenScope>?)]

    struct All {
        var teams: [Team] = []
        var members: [Member] = []
        var grants: [GrantRecord] = []
        var goals: [Goal] = []
        var positions: [Position] = []
        var accountabilities: [Accountability] = []
        var invitations: [InvitationRecord] = []
    }

    /// Every row of the org in id order, each read by its single-row read.
    func everyRow(_ tx: TenantTransaction) async throws -> All {
        func ids(_ table: String) async throws -> [UUID] {
            try await tx.query("SELECT id FROM \(identifier: table) WHERE org_id = \(tx.org) ORDER BY id").map { try $0.decode(UUID.self) }
        }
        var all = All()
        for id in try await ids("team") { all.teams.append(try #require(try await TeamRepository.get(tx, id: id))) }
        for id in try await ids("member") { all.members.append(try #require(try await MemberRepository.get(tx, id: id))) }
        for id in try await ids("role_grant") { all.grants.append(try #require(try await GrantRepository.get(tx, id: id))) }
        for id in try await ids("goal") { all.goals.append(try #require(try await GoalRepository.get(tx, id: id))) }
        for id in try await ids("position") { all.positions.append(try #require(try await PositionRepository.get(tx, id: id))) }
        for id in try await ids("accountability") {
            all.accountabilities.append(try #require(try await AccountabilityRepository.get(tx, id: id)))
        }
        for id in try await ids("invitation") { all.invitations.append(try #require(try await InvitationRepository.get(tx, id: id))) }
        return all
    }

    static func make(_ store: Store, _ fixture: StoreFixture) async throws -> Rows {
        let a = fixture.a
        let org = a.id
        let companies = [a.company, UUID.v7()]
        let teams = [UUID.v7(), UUID.v7(), UUID.v7(), UUID.v7()]
        let (viewer, owner, teamCsm, mixed, loner) = (UUID.v7(), UUID.v7(), UUID.v7(), UUID.v7(), UUID.v7())
        let others = [UUID.v7(), UUID.v7(), UUID.v7()]
        let everyone = [a.member, viewer, owner, teamCsm, mixed, loner] + others
        // Scopes as (company, team): nil, nil is the org.
        let scopes: [(UUID?, UUID?)] = [(nil, nil), (companies[0], nil), (companies[1], nil)]
            + [(companies[0], teams[0]), (companies[0], teams[1]), (companies[1], teams[2]), (companies[1], teams[3]), (companies[0], a.team)]

        try await store.system { tx in
            try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(companies[1]), 'SMB')")
            for (n, team) in teams.enumerated() {
                try await tx.execute(
                    "INSERT INTO team (org_id, id, company_id, name) VALUES (\(org), \(team), \(companies[n / 2]), \("Team \(n)"))")
            }
            for (n, member) in everyone.dropFirst().enumerated() {
                try await tx.execute(
                    "INSERT INTO member (org_id, id, email, display_name) VALUES (\(org), \(member), \("m\(n)@example.com"), \("M\(n)"))")
            }
            let memberships = [(loner, a.team), (teamCsm, teams[2]), (mixed, teams[1]), (others[0], teams[3]), (others[1], a.team),
                               (others[1], teams[2]), (a.member, teams[0])]
            for (member, team) in memberships {
                try await tx.execute("INSERT INTO team_membership (org_id, team_id, member_id) VALUES (\(org), \(team), \(member))")
            }
            let grants: [(UUID, String, String, UUID?)] = [
                (viewer, "viewer", "org", nil), (owner, "owner", "org", nil), (teamCsm, "csm", "team", teams[2]),
                (mixed, "manager", "team", teams[1]), (mixed, "support", "team", teams[3]), (others[0], "viewer", "team", teams[3]),
                (others[1], "ops", "company", companies[1]), (others[2], "support", "org", nil), (others[2], "viewer", "team", a.team),
            ]
            for (member, role, kind, scope) in grants {
                try await tx.execute(
                    """
                    INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
                    VALUES (\(org), \(UUID.v7()), \(member), \(role), \(kind), \(scope))
                    """)
            }
            for (n, (company, team)) in scopes.enumerated() {
                for copy in 0..<2 {
                    let goalOwner = everyone[(n * 2 + copy) % everyone.count]
                    let kind = team != nil ? "team" : company != nil ? "company" : "org"
                    try await tx.execute(
                        """
                        INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, team_id, period, period_start, period_end)
                        VALUES (\(org), \(UUID.v7()), 'kgi', \("Goal \(n).\(copy)"), \(goalOwner), \(kind), \(company), \(team), 'FY2026',
                                '2026-04-01', '2027-03-31')
                        """)
                    try await tx.execute(
                        """
                        INSERT INTO position (org_id, id, name, scope_type, scope_id)
                        VALUES (\(org), \(UUID.v7()), \("Position \(n).\(copy)"), \(kind), \(team ?? company))
                        """)
                    try await tx.execute(
                        """
                        INSERT INTO accountability (org_id, id, assignee_id, assigned_by, subject_type, duty, company_id, team_id)
                        VALUES (\(org), \(UUID.v7()), \(everyone[(n + copy) % everyone.count]), \(everyone[(n * 3 + copy + 1) % everyone.count]),
                                'duty', \("Duty \(n).\(copy)"), \(company), \(team))
                        """)
                    if let team {
                        try await tx.execute(
                            """
                            INSERT INTO invitation (org_id, id, email, team_id, role, token_hash, invited_by, expires_at, revoked_at)
                            VALUES (\(org), \(UUID.v7()), \("invitee\(n).\(copy)@example.com"), \(team), 'viewer',
                                    \(Array(UUID().uuidString.utf8)), \(owner), banso_now() + interval '7 days',
                                    CASE WHEN \(copy == 1 && n == 3) THEN banso_now() END)
                            """)
                    }
                }
            }
            // Rows of another org that no reader of this one may see.
            try await tx.execute(
                """
                INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, period, period_start, period_end)
                VALUES (\(fixture.b.id), \(UUID.v7()), 'kgi', 'Elsewhere', \(fixture.b.member), 'org', 'FY2026', '2026-04-01', '2027-03-31')
                """)
        }
        return Rows(
            id: org, companies: companies, teams: teams,
            actors: [
                ("org viewer", viewer, nil),
                ("company manager", a.member, nil),
                ("company manager, read-only token", a.member, [.read]),
                ("org owner, write token", owner, [.write]),
                ("team csm", teamCsm, nil),
                ("team manager and other team's support", mixed, nil),
                ("company ops", others[1], nil),
                ("org support and team viewer", others[2], nil),
                ("no grants, own rows only", loner, nil),
            ])
    }
}
