import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/teams`: the teams the reader may read, grouped by company, with how many members each holds; create
/// (in a company the reader manages teams of), rename, and delete after a confirmation that needs no script. A
/// team that still has goals or accountabilities is refused in place, with why.
struct TeamsPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let id: String
        let name: String
        let href: String
        let members: String
        let canManage: Bool
        let renameValue: String
        let renameError: String?
        let deleteError: String?
        let open: Bool
    }

    struct Company: Sendable {
        let id: String
        let name: String
        let rows: [Row]
        let empty: Bool
    }

    struct Confirm: Sendable {
        let id: String
        let question: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let notice: String?
        let companies: [Company]
        let empty: Bool
        let canCreate: Bool
        let companyOptions: [FormOption]
        let createName: String
        let createError: String?
        let companyError: String?
        let confirm: Confirm?
    }

    enum State {
        case create(company: String, name: String, error: DomainError)
        case rename(id: UUID, name: String, error: DomainError)
        case delete(id: UUID, error: DomainError)
        case confirm(id: UUID)
    }

    static let notices = ["created": "dir_teams_created", "renamed": "dir_teams_renamed", "deleted": "dir_teams_deleted"]

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, state: nil, done: done) }
        return PageResponse.render("admin-teams", model)
    }

    struct Fields: Decodable {
        var company: String?
        var name: String?
        var confirm: String?
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let team = try await store.tenant(context) { tx, caller in
                guard let company = form.company.flatMap(UUID.init(uuidString:)) else {
                    throw DomainError(.missing, "choose a company", field: "company_id")
                }
                let teams = Teams(tx, caller)
                return try await teams.create(try await teams.check(company: company, name: form.name ?? ""))
            }
            return .seeOther("/admin/teams/\(team.id.lowercased)?done=created")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            return try await refused(context, .create(company: form.company ?? "", name: form.name ?? "", error: error), error)
        }
    }

    func rename(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "team")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await Teams(tx, caller).rename(id, to: form.name ?? "", expectedVersion: nil)
            }
            return .seeOther("/admin/teams?done=renamed")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            return try await refused(context, .rename(id: id, name: form.name ?? "", error: error), error)
        }
    }

    /// Without `confirm=yes` this only asks (nothing changes); with it, deletes.
    func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "team")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        guard form.confirm == "yes" else {
            let model = try await store.tenant(context) { tx, caller in
                let team = try await Teams(tx, caller).get(id)
                try caller.identity.require(.manageTeams, in: .company(team.companyID))
                return try await load(tx, caller, state: .confirm(id: id), done: nil)
            }
            return PageResponse.render("admin-teams", model)
        }
        do {
            try await store.tenant(context) { tx, caller in try await Teams(tx, caller).delete(id) }
            return .seeOther("/admin/teams?done=deleted")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            return try await refused(context, .delete(id: id, error: error), error)
        }
    }

    private func refused(_ context: AuthenticatedContext, _ state: State, _ error: DomainError) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, state: state, done: nil) }
        return PageResponse.render("admin-teams", model, status: Problem(domain: error).status)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, state: State?, done: String?) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        try DirectoryAdmin.requireAny(reader, [.manageTeams, .manageMembers])
        let t = reader.t, f = reader.format
        let identity = caller.identity
        var teams: [Team] = []
        var cursor: UUID?
        repeat {
            let page = try await Teams(tx, caller).list(company: nil, after: cursor, limit: 500)
            teams += page.items
            cursor = page.nextCursor
        } while cursor != nil && teams.count < 5000
        let companies = try await CompanyRepository.list(tx, after: nil, limit: 1000).items
            .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        let counts = try await MemberRepository.counts(tx)
        func manages(_ company: UUID) -> Bool { identity.authorizer.can(identity.actor, .manageTeams, in: .company(company)).allowed }
        var confirm: Confirm?
        if case .confirm(let id) = state, let team = teams.first(where: { $0.id == id }) {
            confirm = Confirm(id: id.lowercased, question: t.format("dir_teams_delete_question", ["name": team.name]))
        }
        let grouped = Dictionary(grouping: teams, by: \.companyID)
        let sections = companies.compactMap { company -> Company? in
            let rows = (grouped[company.id] ?? []).sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }.map { team -> Row in
                var renameValue = team.name, renameError: String?, deleteError: String?
                switch state {
                case .rename(let id, let name, let error) where id == team.id:
                    renameValue = name
                    renameError = DirectoryAdmin.message(error, t)
                case .delete(let id, let error) where id == team.id: deleteError = DirectoryAdmin.message(error, t)
                default: break
                }
                return Row(
                    id: team.id.lowercased, name: team.name, href: "/admin/teams/\(team.id.lowercased)",
                    members: f.number(Double(counts.teams[team.id] ?? 0), fractionDigits: 0), canManage: manages(company.id),
                    renameValue: renameValue, renameError: renameError, deleteError: deleteError, open: renameError != nil)
            }
            // A company with none of the reader's teams is left out unless they may add one to it.
            guard !rows.isEmpty || manages(company.id) else { return nil }
            return Company(id: company.id.lowercased, name: company.name, rows: rows, empty: rows.isEmpty)
        }
        var typedCompany = "", createName = "", createError: String?, companyError: String?
        if case .create(let company, let name, let error) = state {
            (typedCompany, createName) = (company, name)
            if error.field == "company_id" { companyError = DirectoryAdmin.message(error, t) } else { createError = DirectoryAdmin.message(error, t) }
        }
        let creatable = companies.filter { manages($0.id) }
        return Model(
            chrome: reader.chrome(title: t["dir_teams_title"], current: "/admin", page: "/admin/teams"), t: t.strings,
            notice: done.flatMap { Self.notices[$0] }.map { t[$0] }, companies: sections, empty: sections.isEmpty,
            canCreate: !creatable.isEmpty,
            companyOptions: [FormOption(value: "", label: t["dir_choose"], selected: typedCompany.isEmpty)]
                + creatable.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: typedCompany == $0.id.lowercased) },
            createName: createName, createError: createError, companyError: companyError, confirm: confirm)
    }
}
