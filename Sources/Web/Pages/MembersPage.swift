import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/members`: the directory as the reader may read it — name, e-mail, roles with where they apply, teams,
/// status — searched by text and filtered by company, team and role, 50 to a page in name order (an organisation
/// may hold thousands).
struct MembersPage: Sendable {
    let store: Store

    static let pageSize = 50

    struct Row: Sendable {
        let name: String
        let href: String
        let email: String
        let roles: String
        let teams: String
        let status: String
        let inactive: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let query: String
        let companies: [FormOption]
        let teams: [FormOption]
        let roles: [FormOption]
        let rows: [Row]
        let empty: Bool
        let range: String?
        let previous: String?
        let next: String?
        let pager: Bool
        let canInvite: Bool
    }

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        func value(_ name: String) -> String? { DirectoryAdmin.text(parameters[name[...]].map(String.init)) }
        let query = value("q")
        let companyID = value("company").flatMap(UUID.init(uuidString:))
        let teamID = value("team").flatMap(UUID.init(uuidString:))
        let role = value("role").flatMap(Role.init(rawValue:))
        // Past the last page is an empty page, never an overflow.
        let page = min(100_000, max(0, value("page").flatMap { Int($0) }.map { $0 - 1 } ?? 0))
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            try DirectoryAdmin.requireAny(reader, [.manageMembers, .manageGrants])
            let t = reader.t, f = reader.format
            let names = try await DirectoryAdmin.Names.load(tx)
            let found = try await Members(tx, caller).search(
                .init(text: query, companyID: companyID, teamID: teamID, role: role), offset: page * Self.pageSize, limit: Self.pageSize)
            let grants = try await GrantRepository.forMembers(tx, found.members.map(\.id))
            let readable = caller.identity.reach(.readDirectory)
            let rows = found.members.map { member in
                let held = grants[member.id] ?? []
                return Row(
                    name: member.displayName, href: "/admin/members/\(member.id.lowercased)", email: member.email,
                    roles: held.isEmpty
                        ? t["dir_none"]
                        : held.map { DirectoryAdmin.grantLabel($0.grant, names, t) }.joined(separator: t["dir_list_separator"]),
                    teams: member.teamIDs.isEmpty ? t["dir_none"] : member.teamIDs.map(names.team).sorted().joined(separator: t["dir_list_separator"]),
                    status: member.active ? t["dir_status_active"] : t["dir_status_inactive"], inactive: !member.active)
            }
            func link(_ page: Int) -> String {
                var items: [String] = []
                func add(_ name: String, _ value: String?) {
                    if let value, let escaped = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { items.append("\(name)=\(escaped)") }
                }
                add("q", query)
                add("company", companyID?.lowercased)
                add("team", teamID?.lowercased)
                add("role", role?.rawValue)
                if page > 0 { items.append("page=\(page + 1)") }
                return "/admin/members" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
            }
            let first = page * Self.pageSize + 1
            let visibleTeams = names.teams.keys.filter { readable.reaches(.team($0)) }.sorted { names.team($0) < names.team($1) }
            return Model(
                chrome: reader.chrome(title: t["dir_members_title"], current: "/admin", page: link(page)), t: t.strings,
                query: query ?? "",
                companies: [FormOption(value: "", label: t["dir_all_companies"], selected: companyID == nil)]
                    + names.companies.filter { readable.reachesSomewhere(within: .company($0.key)) }.sorted { $0.value < $1.value }.map {
                        FormOption(value: $0.key.lowercased, label: $0.value, selected: $0.key == companyID)
                    },
                teams: [FormOption(value: "", label: t["dir_all_teams"], selected: teamID == nil)]
                    + visibleTeams.map { FormOption(value: $0.lowercased, label: names.team($0), selected: $0 == teamID) },
                roles: [FormOption(value: "", label: t["dir_all_roles"], selected: role == nil)]
                    + Role.allCases.map { FormOption(value: $0.rawValue, label: DirectoryAdmin.roleLabel($0, t), selected: $0 == role) },
                rows: rows, empty: rows.isEmpty,
                range: rows.isEmpty
                    ? nil
                    : t.format("dir_page_of", ["from": f.number(Double(first), fractionDigits: 0), "to": f.number(Double(first + rows.count - 1), fractionDigits: 0)]),
                previous: page > 0 ? link(page - 1) : nil, next: found.more ? link(page + 1) : nil, pager: page > 0 || found.more,
                canInvite: reader.may(.manageMembers))
        }
        return PageResponse.render("admin-members", model)
    }
}
