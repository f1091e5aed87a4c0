import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/processes/{id}`: one standard process — its summary, its versions (draft or published, when, notes), the
/// latest published version's steps read-only with their RACI as position names, and the way to its report. Those
/// who design processes edit it, start the next draft, and — over the org — archive it after a confirming step.
struct ProcessPage: Sendable {
    let store: Store

    struct VersionRow: Sendable {
        let href: String
        let label: String
        let state: String
        let stateClass: String
        let published: String
        let notes: String
        let steps: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let id: String
        let name: String
        let summary: String?
        let standard: Bool
        let archived: Bool
        let notice: String?
        let versions: [VersionRow]
        let noVersions: Bool
        let shownVersion: String?
        let steps: [ProcessPageText.Step]
        let hasSteps: Bool
        let hasPublished: Bool
        let draftHref: String?
        let draftLabel: String?
        let canDesign: Bool
        let canStartDraft: Bool
        let canArchive: Bool
        let confirmArchive: Bool
        let version: String
    }

    static let notices = [
        "created": "prc_notice_created", "saved": "prc_notice_process_saved", "published": "prc_notice_published",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProcessPageText.id(context.parameters.get("id"))
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, confirm: false, page: request.uri.description, notice: notice)
        }
        return PageResponse.render("prc-process", model)
    }

    /// The second step of archiving: what it does, and the button that does it.
    func confirmArchive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProcessPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, confirm: true, page: request.uri.description, notice: nil)
        }
        guard model.canArchive else {
            throw DomainError(.forbidden, "only those who manage success define processes", permission: Permission.manageSuccess.rawValue)
        }
        return PageResponse.render("prc-process", model)
    }

    struct VersionField: Decodable, Sendable {
        var version: String?
    }

    func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProcessPageText.id(context.parameters.get("id"))
        let form = try await request.decodeForm(as: VersionField.self, context: context)
        _ = try await store.tenant(context) { tx, caller in
            try await StandardProcesses(tx, caller).archive(id, expectedVersion: form.version.flatMap { Int($0) })
        }
        return .seeOther("/processes?done=archived")
    }

    /// `POST /processes/{id}/versions`: the next draft, from the latest version's steps.
    func startDraft(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProcessPageText.id(context.parameters.get("id"))
        _ = try await request.decodeForm(as: VersionField.self, context: context)
        let number = try await store.tenant(context) { tx, caller in try await ProcessVersions(tx, caller).draft(id).version.number }
        return .seeOther("/processes/\(id.lowercased)/versions/\(number)?done=drafted")
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, confirm: Bool, page: String, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let process = try await StandardProcesses(tx, caller).get(id)
        let versions = try await ProcessVersions(tx, caller).list(id)
        let latest = versions.last { $0.version.isPublished }?.version
        let positions = Dictionary(
            try await ProcessPageText.positions(tx, caller, naming: latest?.steps ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let draft = versions.last { !$0.version.isPublished }?.version
        let base = "/processes/\(process.id.lowercased)"
        let live = process.archivedAt == nil
        let canDesign = live && identity.authorizer.canSomewhere(identity.actor, .manageSuccess, within: .org)
        return Model(
            chrome: reader.chrome(title: process.name, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .processes), id: process.id.lowercased, name: process.name,
            summary: CustomerPageText.text(process.summary), standard: process.isOrgStandard, archived: !live, notice: notice.map { t[$0] },
            versions: versions.reversed().map { stored in
                let v = stored.version
                return VersionRow(
                    href: "\(base)/versions/\(v.number)", label: ProcessPageText.version(v.number, t),
                    state: v.isPublished ? t["prc_state_published"] : t["prc_state_draft"], stateClass: v.isPublished ? "published" : "draft",
                    published: v.publishedAt.map { f.date(f.day(of: $0)) } ?? "–", notes: v.notes ?? "",
                    steps: t.format("prc_steps_count", ["count": f.number(Double(v.steps.count))]))
            },
            noVersions: versions.isEmpty, shownVersion: latest.map { ProcessPageText.version($0.number, t) },
            steps: latest.map { ProcessPageText.steps($0, positions, t, f) } ?? [], hasSteps: !(latest?.steps.isEmpty ?? true),
            hasPublished: latest != nil,
            draftHref: draft.map { "\(base)/versions/\($0.number)" },
            draftLabel: draft.map { t.format("prc_edit_draft", ["version": ProcessPageText.version($0.number, t)]) },
            canDesign: canDesign, canStartDraft: canDesign && draft == nil,
            canArchive: live && identity.authorizer.can(identity.actor, .manageSuccess, in: .org).allowed,
            confirmArchive: confirm, version: String(process.version))
    }
}
