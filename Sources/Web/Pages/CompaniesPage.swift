import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/companies`: the org's companies with how many teams and members each holds; create, rename, and delete
/// with a confirmation that needs no script (the delete button asks first; only the confirmation's own POST
/// deletes). A company that still has teams is refused in place, with why.
struct CompaniesPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let id: String
        let name: String
        let teams: String
        let members: String
        let renameValue: String
        let renameError: String?
        let deleteError: String?
        /// The rename form starts open when it was refused.
        let open: Bool
    }

    struct Confirm: Sendable {
        let id: String
        let question: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let notice: String?
        let rows: [Row]
        let empty: Bool
        let createName: String
        let createError: String?
        let confirm: Confirm?
    }

    /// What a refused or pending form brings back to the page.
    enum State {
        case create(name: String, error: DomainError)
        case rename(id: UUID, name: String, error: DomainError)
        case delete(id: UUID, error: DomainError)
        case confirm(id: UUID)
    }

    static let notices = ["created": "dir_companies_created", "renamed": "dir_companies_renamed", "deleted": "dir_companies_deleted"]

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, state: nil, done: done) }
        return PageResponse.render("admin-companies", model)
    }

    struct NameFields: Decodable {
        var name: String?
        var confirm: String?
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: NameFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                let companies = Companies(tx, caller)
                _ = try await companies.create(try companies.check(name: form.name ?? ""))
            }
            return .seeOther("/admin/companies?done=created")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            return try await refused(context, .create(name: form.name ?? "", error: error), error)
        }
    }

    func rename(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "company")
        let form = try await request.decodeForm(as: NameFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await Companies(tx, caller).rename(id, to: form.name ?? "", expectedVersion: nil)
            }
            return .seeOther("/admin/companies?done=renamed")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            return try await refused(context, .rename(id: id, name: form.name ?? "", error: error), error)
        }
    }

    /// Without `confirm=yes` this only asks (nothing changes); with it, deletes.
    func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "company")
        let form = try await request.decodeForm(as: NameFields.self, context: context)
        guard form.confirm == "yes" else {
            let model = try await store.tenant(context) { tx, caller in
                let company = try await Companies(tx, caller).get(id)
                try caller.identity.require(.manageCompanies, in: .company(company.id))
                return try await load(tx, caller, state: .confirm(id: id), done: nil)
            }
            return PageResponse.render("admin-companies", model)
        }
        do {
            try await store.tenant(context) { tx, caller in try await Companies(tx, caller).delete(id) }
            return .seeOther("/admin/companies?done=deleted")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            return try await refused(context, .delete(id: id, error: error), error)
        }
    }

    private func refused(_ context: AuthenticatedContext, _ state: State, _ error: DomainError) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, state: state, done: nil) }
        return PageResponse.render("admin-companies", model, status: Problem(domain: error).status)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, state: State?, done: String?) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        try DirectoryAdmin.requireAny(reader, [.manageCompanies])
        let t = reader.t, f = reader.format
        let companies = try await Companies(tx, caller).list(after: nil, limit: 500).items
            .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        let names = try await DirectoryAdmin.Names.load(tx)
        let teamsPerCompany = names.companyOfTeam.values.reduce(into: [UUID: Int]()) { $0[$1, default: 0] += 1 }
        let counts = try await MemberRepository.counts(tx)
        var confirm: Confirm?
        if case .confirm(let id) = state, let company = companies.first(where: { $0.id == id }) {
            confirm = Confirm(id: id.lowercased, question: t.format("dir_companies_delete_question", ["name": company.name]))
        }
        let rows = companies.map { company -> Row in
            var renameValue = company.name, renameError: String?, deleteError: String?
            switch state {
            case .rename(let id, let name, let error) where id == company.id:
                renameValue = name
                renameError = DirectoryAdmin.message(error, t)
            case .delete(let id, let error) where id == company.id: deleteError = DirectoryAdmin.message(error, t)
            default: break
            }
            return Row(
                id: company.id.lowercased, name: company.name,
                teams: f.number(Double(teamsPerCompany[company.id] ?? 0), fractionDigits: 0),
                members: f.number(Double(counts.companies[company.id] ?? 0), fractionDigits: 0),
                renameValue: renameValue, renameError: renameError, deleteError: deleteError, open: renameError != nil)
        }
        var createName = "", createError: String?
        if case .create(let name, let error) = state {
            createName = name
            createError = DirectoryAdmin.message(error, t)
        }
        return Model(
            chrome: reader.chrome(title: t["dir_companies_title"], current: "/admin", page: "/admin/companies"), t: t.strings,
            notice: done.flatMap { Self.notices[$0] }.map { t[$0] }, rows: rows, empty: rows.isEmpty, createName: createName,
            createError: createError, confirm: confirm)
    }
}
