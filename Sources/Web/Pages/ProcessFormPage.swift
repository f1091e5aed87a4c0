import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/processes/new` and `/processes/{id}/edit`: a process's name, summary and whether it is the org's standard
/// (offered only to those who manage success over the org). A new process starts with an empty draft, opened next.
struct ProcessFormPage: Sendable {
    let store: Store

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let title: String
        let action: String
        let cancel: String
        let isNew: Bool
        let version: String
        let error: String?
        let name: String
        let nameError: String?
        let summary: String
        let summaryError: String?
        let mayStandard: Bool
        let standard: Bool
        let standardError: String?
    }

    struct Fields: Decodable, Sendable {
        var name: String?
        var summary: String?
        var standard: String?
        var version: String?
    }

    func new(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, process: nil, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("prc-form", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let id: UUID = try await store.tenant(context) { tx, caller in
                try await StandardProcesses(tx, caller).create(
                    .init(name: form.name ?? "", summary: form.summary ?? "", isOrgStandard: form.standard == "yes", steps: nil, notes: nil)
                ).process.id
            }
            return .seeOther("/processes/\(id.lowercased)/versions/1?done=created")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, process: nil, typed: form, error: error, page: "/processes/new")
            }
            return PageResponse.render("prc-form", model, status: Problem(domain: error).status)
        }
    }

    func edit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProcessPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in
            let process = try await StandardProcesses(tx, caller).get(id)
            return try await load(tx, caller, process: process, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("prc-form", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProcessPageText.id(context.parameters.get("id"))
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                let identity = caller.identity
                let mayStandard = identity.authorizer.can(identity.actor, .manageSuccess, in: .org).allowed
                let changes = StandardProcesses.Changes(
                    name: form.name ?? "", summary: form.summary ?? "", isOrgStandard: mayStandard ? form.standard == "yes" : nil)
                _ = try await StandardProcesses(tx, caller).update(id, changes, expectedVersion: form.version.flatMap { Int($0) })
            }
            return .seeOther("/processes/\(id.lowercased)?done=saved")
        } catch let error as DomainError where [.invalid, .missing, .conflict, .preconditionFailed].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                let process = try await StandardProcesses(tx, caller).get(id)
                return try await load(tx, caller, process: process, typed: form, error: error, page: "/processes/\(id.lowercased)/edit")
            }
            return PageResponse.render("prc-form", model, status: Problem(domain: error).status)
        }
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, process: StandardProcess?, typed: Fields?, error: DomainError?, page: String
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let identity = caller.identity
        // Shown only to those the use case would not refuse; it checks again on saving.
        guard identity.authorizer.canSomewhere(identity.actor, .manageSuccess, within: .org) else {
            throw DomainError(.forbidden, "only those who manage success define processes", permission: Permission.manageSuccess.rawValue)
        }
        if let process, process.archivedAt != nil { throw DomainError(.conflict, "the process is archived") }
        let message = error.map { $0.code == .preconditionFailed ? t["prc_err_stale"] : t.explain($0) }
        func on(_ field: String) -> String? { error?.field == field ? message : nil }
        let known = ["name", "summary", "is_org_standard"]
        let title = process.map { t.format("prc_edit_title", ["name": $0.name]) } ?? t["prc_new"]
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .processes), title: title,
            action: process.map { "/processes/\($0.id.lowercased)/edit" } ?? "/processes/new",
            cancel: process.map { "/processes/\($0.id.lowercased)" } ?? "/processes", isNew: process == nil,
            version: process.map { String($0.version) } ?? "",
            error: known.contains(error?.field ?? "") ? nil : message,
            name: typed?.name ?? process?.name ?? "", nameError: on("name"),
            summary: typed?.summary ?? process?.summary ?? "", summaryError: on("summary"),
            mayStandard: identity.authorizer.can(identity.actor, .manageSuccess, in: .org).allowed,
            standard: typed.map { $0.standard == "yes" } ?? process?.isOrgStandard ?? false, standardError: on("is_org_standard"))
    }
}
