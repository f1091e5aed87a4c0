import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/success-definitions/{id}`: one light or deep success definition — where it applies (a company's own replaces
/// the org's for that company's customers), whom it serves, its aims, measures, responsible team and method.
/// Those who may manage it edit it or archive it (a second step that says what archiving does).
struct SuccessDefinitionPage: Sendable {
    let store: Store

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let id: String
        let title: String
        let tier: String
        let tierClass: String
        let scope: String
        let scopeNote: String
        let definition: String
        let audience: String
        let aims: [String]
        let hasAims: Bool
        let team: String
        let method: String
        let measures: [SuccessPageText.Measure]
        let updated: String
        let canManage: Bool
        let archived: Bool
        let archivedText: String?
        let confirmArchive: Bool
        let version: String
        let notice: String?
    }

    static let notices = ["created": "sdf_notice_created", "saved": "sdf_notice_saved"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(context)
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, confirm: false, page: request.uri.description, notice: notice)
        }
        return PageResponse.render("sdf-definition", model)
    }

    /// The second step of archiving: what it does, and the button that does it.
    func confirmArchive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(context)
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, confirm: true, page: request.uri.description, notice: nil)
        }
        guard model.canManage else {
            throw DomainError(.forbidden, "sdf_err_forbidden", permission: Permission.manageSuccess.rawValue)
        }
        return PageResponse.render("sdf-definition", model)
    }

    struct ArchiveFields: Decodable {
        var version: String?
    }

    func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(context)
        let form = try await request.decodeForm(as: ArchiveFields.self, context: context)
        let expected = try SuccessPageText.version(form.version)
        _ = try await store.tenant(context) { tx, caller in
            try await SuccessDefinitions(tx, caller).archive(id, expectedVersion: expected)
        }
        return .seeOther("/success?done=archived")
    }

    static func id(_ context: AuthenticatedContext) throws -> UUID {
        try SuccessPageText.id(context.parameters.get("id"), what: "success definition not found")
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, confirm: Bool, page: String, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let d = try await SuccessDefinitions(tx, caller).get(id)
        let companies = try await SuccessPageText.companies(tx)
        let teams = try await SuccessPageText.teams(tx, caller)
        let scope = SuccessPageText.scope(d, companies: companies, t)
        let tier = SuccessPageText.tier(d.tier, t)
        let title = t.format("sdf_definition_title", ["tier": tier, "scope": scope])
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .definitions), id: d.id.lowercased, title: title, tier: tier,
            tierClass: "sdf-tier-\(d.tier.rawValue)", scope: scope,
            scopeNote: d.companyID == nil ? t["sdf_scope_org_note"] : t.format("sdf_scope_company_note", ["company": scope]),
            definition: d.definition, audience: d.audience, aims: d.aims, hasAims: !d.aims.isEmpty,
            team: d.responsibleTeamID.map { id in teams.first { $0.id == id }?.name ?? t["sdf_unknown_team"] } ?? t["sdf_no_team"],
            method: d.method.isEmpty ? t["sdf_no_method"] : d.method, measures: d.measures.map { SuccessPageText.measure($0, t, f) },
            updated: f.dateTime(d.updatedAt),
            canManage: SuccessPageText.canManage(caller.identity, d.scope) && d.archivedAt == nil,
            archived: d.archivedAt != nil, archivedText: d.archivedAt.map { t.format("sdf_archived_on", ["date": f.dateTime($0)]) },
            confirmArchive: confirm, version: String(d.version), notice: notice.map { t[$0] })
    }
}
