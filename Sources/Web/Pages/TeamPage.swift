import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/teams/{id}`: who is in a team, with their roles; for whoever manages the team's members, a search to
/// add someone (the directory may hold thousands: a search, not one long list) and a button to take someone out.
/// Someone of higher rank than the reader is listed without a button, and the use case refuses them anyway.
struct TeamPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let id: String
        let name: String
        let href: String
        let email: String
        let roles: String
        let inactive: Bool
        let canRemove: Bool
    }

    struct Candidate: Sendable {
        let id: String
        let name: String
        let email: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let teamID: String
        let name: String
        let company: String
        let notice: String?
        let rows: [Row]
        let empty: Bool
        let capped: String?
        let canAdd: Bool
        let query: String
        let searched: Bool
        let candidates: [Candidate]
        let noCandidates: Bool
    }

    static let notices = ["created": "dir_teams_created", "added": "dir_team_added", "removed": "dir_team_removed"]
    static let limit = 200

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "team")
        let query = DirectoryAdmin.text(request.uri.queryParameters["q"].map(String.init))
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            try DirectoryAdmin.requireAny(reader, [.manageTeams, .manageMembers])
            let t = reader.t
            let identity = caller.identity
            let team = try await Teams(tx, caller).get(id)
            let names = try await DirectoryAdmin.Names.load(tx)
            let members = try await MemberRepository.list(
                tx, companyID: nil, teamID: id, visibleTo: identity.reach(.readDirectory), after: nil, limit: Self.limit)
            let sorted = members.items.sorted { $0.displayName.localizedStandardCompare($1.displayName) == .orderedAscending }
            let grants = try await GrantRepository.forMembers(tx, sorted.map(\.id))
            let canAdd = identity.authorizer.can(identity.actor, .manageMembers, in: .team(id)).allowed
            let directory = Members(tx, caller)
            let rows = sorted.map { member in
                let held = grants[member.id] ?? []
                return Row(
                    id: member.id.lowercased, name: member.displayName, href: "/admin/members/\(member.id.lowercased)",
                    email: member.email,
                    roles: held.isEmpty
                        ? t["dir_none"]
                        : held.map { DirectoryAdmin.grantLabel($0.grant, names, t) }.joined(separator: t["dir_list_separator"]),
                    inactive: !member.active,
                    canRemove: canAdd && directory.mayActOn(member, grants: held.map(\.grant)))
            }
            var candidates: [Candidate] = []
            if canAdd, let query {
                candidates = try await directory.search(.init(text: query, companyID: nil, teamID: nil, role: nil), offset: 0, limit: 20)
                    .members.filter { !$0.teamIDs.contains(id) && $0.active }
                    .map { Candidate(id: $0.id.lowercased, name: $0.displayName, email: $0.email) }
            }
            let title = t.format("dir_team_title", ["name": team.name])
            let path = "/admin/teams/\(id.lowercased)"
            return Model(
                chrome: reader.chrome(title: title, current: "/admin", page: path), t: t.strings, teamID: id.lowercased, name: title,
                company: names.companies[team.companyID] ?? "", notice: done.flatMap { Self.notices[$0] }.map { t[$0] },
                rows: rows, empty: rows.isEmpty,
                capped: members.nextCursor == nil ? nil : t.format("dir_team_capped", ["count": String(Self.limit)]),
                canAdd: canAdd, query: query ?? "", searched: query != nil, candidates: candidates,
                noCandidates: query != nil && candidates.isEmpty)
        }
        return PageResponse.render("admin-team", model)
    }

    struct Fields: Decodable {
        var member: String?
    }

    func add(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "team")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        guard let member = form.member.flatMap(UUID.init(uuidString:)) else { throw DomainError(.notFound, "member not found") }
        try await change(context, team: id, member: member, add: true)
        return .seeOther("/admin/teams/\(id.lowercased)?done=added")
    }

    func remove(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "team")
        let member = try DirectoryAdmin.id(context, "member", what: "member")
        try await change(context, team: id, member: member, add: false)
        return .seeOther("/admin/teams/\(id.lowercased)?done=removed")
    }

    private func change(_ context: AuthenticatedContext, team: UUID, member: UUID, add: Bool) async throws {
        try await store.tenant(context) { tx, caller in
            _ = try await Teams(tx, caller).get(team)
            let members = Members(tx, caller)
            try await members.requireMayActOn(try await members.get(member))
            try await members.setTeamMembership(member: member, team: team, add: add)
        }
    }
}
