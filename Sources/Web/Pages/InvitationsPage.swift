import API
import Credentials
import Domain
import Foundation
import Hummingbird
import Settings
import Store
import UseCases

/// `/admin/invitations`: the pending invitations the reader may manage — who, with which role, into which team, who
/// invited them, until when — 50 to a page; invite someone (e-mail, name, role, team: only the roles the reader may
/// grant, only the teams whose members they manage), revoke one. The invitation's link goes by mail to the invitee
/// and is never shown here.
struct InvitationsPage: Sendable {
    let services: AppServices
    var store: Store { services.store }

    static let pageSize = 50

    struct Row: Sendable {
        let id: String
        let email: String
        let invitedName: String?
        let role: String
        let team: String
        let invitedBy: String
        let expires: String
        let canRevoke: Bool
        let revokeError: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let notice: String?
        let rows: [Row]
        let empty: Bool
        let next: String?
        let first: String?
        let email: String
        let name: String
        let roles: [FormOption]
        let teams: [FormOption]
        let canInvite: Bool
        let emailError: String?
        let nameError: String?
        let roleError: String?
        let teamError: String?
        let formError: String?
    }

    struct Fields: Decodable {
        var email: String?
        var name: String?
        var role: String?
        var team: String?
    }

    enum Refused {
        case invite(Fields, DomainError)
        case revoke(UUID, DomainError)
    }

    static let notices = ["invited": "dir_invitations_sent", "revoked": "dir_invitations_revoked"]

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let after = request.uri.queryParameters["after"].flatMap { UUID(uuidString: String($0)) }
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, after: after, refused: nil, done: done) }
        return PageResponse.render("admin-invitations", model)
    }

    func invite(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        let publicURL = services.configuration.publicURL
        do {
            try await store.tenant(context) { tx, caller in
                guard let team = form.team.flatMap(UUID.init(uuidString:)) else {
                    throw DomainError(.missing, "choose a team", field: "team_id")
                }
                guard let role = DirectoryAdmin.text(form.role) else { throw DomainError(.missing, "choose a role", field: "role") }
                let invitations = Invitations(tx, caller)
                let draft = try await invitations.draft(
                    email: form.email ?? "", teamID: team, role: role, displayName: DirectoryAdmin.text(form.name))
                // The secret lives only in the mailed link; only its hash is stored, and this page never shows it.
                let secret = Secrets.newToken()
                _ = try await invitations.send(
                    draft, tokenHash: Secrets.hash(token: secret), link: publicURL + "\(Invitations.pagePath)?token=\(secret)")
            }
            return .seeOther("/admin/invitations?done=invited")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            return try await refused(context, .invite(form, error), error)
        }
    }

    func revoke(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "invitation")
        do {
            try await store.tenant(context) { tx, caller in try await Invitations(tx, caller).revoke(id) }
            return .seeOther("/admin/invitations?done=revoked")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            return try await refused(context, .revoke(id, error), error)
        }
    }

    private func refused(_ context: AuthenticatedContext, _ refused: Refused, _ error: DomainError) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, after: nil, refused: refused, done: nil) }
        return PageResponse.render("admin-invitations", model, status: Problem(domain: error).status)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, after: UUID?, refused: Refused?, done: String?) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        try DirectoryAdmin.requireAny(reader, [.manageMembers])
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let authorizer = identity.authorizer
        let invitations = Invitations(tx, caller)
        let page = try await invitations.pending(teamID: nil, after: after, limit: Self.pageSize)
        let names = try await DirectoryAdmin.Names.load(tx)
        let people = try await MemberRepository.displayNames(tx)
        func say(_ error: DomainError) -> String { DirectoryAdmin.message(error, t) }

        let teams = names.teams.keys
            .filter { authorizer.can(identity.actor, .manageMembers, in: .team($0)).allowed }
            .sorted { names.team($0).localizedStandardCompare(names.team($1)) == .orderedAscending }
        let roles = Role.allCases.filter { role in teams.contains { authorizer.canGrant(identity.actor, role: role, in: .team($0)).allowed } }

        var typed: Fields?, emailError: String?, nameError: String?, roleError: String?, teamError: String?, formError: String?
        var revokeRefusal: (UUID, String)?
        switch refused {
        case .invite(let form, let error):
            typed = form
            switch error.field {
            case "email": emailError = say(error)
            case "display_name": nameError = say(error)
            case "role": roleError = say(error)
            case "team_id": teamError = say(error)
            default: formError = say(error)
            }
        case .revoke(let id, let error): revokeRefusal = (id, say(error))
        case nil: break
        }
        let rows = page.items.map { invitation in
            let scope = invitation.teamID.map(Scope.team) ?? .org
            return Row(
                id: invitation.id.lowercased, email: invitation.email, invitedName: invitation.displayName,
                role: DirectoryAdmin.roleLabel(invitation.role, t),
                team: invitation.teamID.map(names.team) ?? t["dir_scope_org"], invitedBy: people[invitation.invitedBy] ?? "—",
                expires: f.date(f.day(of: invitation.expiresAt)),
                canRevoke: invitations.mayManage(invitation) && authorizer.canGrant(identity.actor, role: invitation.role, in: scope).allowed,
                revokeError: revokeRefusal.flatMap { $0.0 == invitation.id ? $0.1 : nil })
        }
        return Model(
            chrome: reader.chrome(title: t["dir_invitations_title"], current: "/admin", page: "/admin/invitations"), t: t.strings,
            notice: done.flatMap { Self.notices[$0] }.map { t[$0] }, rows: rows, empty: rows.isEmpty,
            next: page.nextCursor.map { "/admin/invitations?after=\($0.lowercased)" }, first: after == nil ? nil : "/admin/invitations",
            email: typed?.email ?? "", name: typed?.name ?? "",
            roles: [FormOption(value: "", label: t["dir_choose"], selected: (typed?.role ?? "").isEmpty)]
                + roles.map { FormOption(value: $0.rawValue, label: DirectoryAdmin.roleLabel($0, t), selected: typed?.role == $0.rawValue) },
            teams: [FormOption(value: "", label: t["dir_choose"], selected: (typed?.team ?? "").isEmpty)]
                + teams.map { FormOption(value: $0.lowercased, label: names.team($0), selected: typed?.team == $0.lowercased) },
            canInvite: !teams.isEmpty && !roles.isEmpty, emailError: emailError, nameError: nameError, roleError: roleError,
            teamError: teamError, formError: formError)
    }
}
