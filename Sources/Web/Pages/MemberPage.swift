import API
import Credentials
import Domain
import Foundation
import Hummingbird
import Settings
import Scheduler
import Store
import UseCases

/// `/admin/members/{id}`: one member as an administrator sees them — profile, roles with where they apply, teams,
/// status — and, when the reader may act on them, the forms: edit the profile, grant a role (only the roles the
/// reader may grant, where they may grant them), revoke one, deactivate or reactivate, and send a password reset
/// (the secret link goes by mail to the member, never onto this page). A member of higher rank than the reader is
/// shown without forms, and every action on them is refused (403) before any use case runs.
struct MemberPage: Sendable {
    let services: AppServices
    var store: Store { services.store }

    /// How long a reset link lives: as the JSON route's and the forgot-password job's.
    static let resetLifetime = PasswordResetRequests.lifetime

    struct GrantRow: Sendable {
        let id: String
        let role: String
        let scope: String
        let canRevoke: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let memberID: String
        let name: String
        let email: String
        let status: String
        let active: Bool
        let teams: String
        let language: String
        let zone: String
        let notice: String?
        let grants: [GrantRow]
        let noGrants: Bool
        let mayAct: Bool
        let readOnlyReason: String?
        let isSelf: Bool
        // The profile form.
        let nameValue: String
        let languages: [FormOption]
        let zones: [FormOption]
        let nameError: String?
        let zoneError: String?
        let profileError: String?
        // The grant form.
        let canGrant: Bool
        let roles: [FormOption]
        let scopes: [FormOption]
        let roleError: String?
        let scopeError: String?
        let grantError: String?
        let revokeError: String?
        let statusError: String?
        let resetError: String?
    }

    enum Refused {
        case profile(ProfileFields, DomainError)
        case grant(GrantFields, DomainError)
        case revoke(DomainError)
        case status(DomainError)
        case reset(DomainError)

        var error: DomainError {
            switch self {
            case .profile(_, let e), .grant(_, let e), .revoke(let e), .status(let e), .reset(let e): e
            }
        }
    }

    static let notices = [
        "profile": "dir_member_saved", "granted": "dir_member_granted", "revoked": "dir_member_revoked",
        "deactivated": "dir_member_deactivated", "reactivated": "dir_member_reactivated", "reset": "dir_member_reset_sent",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "member")
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, id: id, refused: nil, done: done) }
        return PageResponse.render("admin-member", model)
    }

    // MARK: - Forms

    /// The same fields as the reader's own profile form on `/me`.
    typealias ProfileFields = MePage.ProfileFields

    func saveProfile(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: ProfileFields.self, context: context)
        return try await act(context, done: "profile", refusal: { .profile(form, $0) }) { member, tx, caller in
            _ = try await Members(tx, caller).update(
                member.id, .init(displayName: form.name ?? "", locale: form.locale, timeZone: form.timeZone, active: nil),
                expectedVersion: nil)
        }
    }

    struct GrantFields: Decodable {
        var role: String?
        var scope: String?
    }

    func grant(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: GrantFields.self, context: context)
        return try await act(context, done: "granted", refusal: { .grant(form, $0) }) { member, tx, caller in
            guard let role = form.role.flatMap(Role.init(rawValue:)) else {
                throw DomainError(.missing, "choose a role", field: "role")
            }
            let scope = try DirectoryAdmin.scope(form.scope)
            let grants = Grants(tx, caller)
            _ = try await grants.grant(try await grants.check(member: member.id, grant: Grant(role: role, scope: scope)))
        }
    }

    func revoke(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let grantID = try DirectoryAdmin.id(context, "grant", what: "grant")
        return try await act(context, done: "revoked", refusal: { .revoke($0) }) { member, tx, caller in
            // A grant of someone else, reached through this member's path, is as unknown as any other.
            guard let record = try await GrantRepository.get(tx, id: grantID), record.memberID == member.id else {
                throw DomainError(.notFound, "grant not found")
            }
            try await Grants(tx, caller).revoke(grantID)
        }
    }

    struct StatusFields: Decodable {
        var active: String?
    }

    func setStatus(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: StatusFields.self, context: context)
        let active = form.active == "true"
        return try await act(context, done: active ? "reactivated" : "deactivated", refusal: { .status($0) }) { member, tx, caller in
            guard form.active == "true" || form.active == "false" else {
                throw DomainError(.invalid, "active is true or false", field: "status")
            }
            _ = try await Members(tx, caller).update(
                member.id, .init(displayName: nil, locale: nil, timeZone: nil, active: active), expectedVersion: nil)
        }
    }

    /// As `POST /v1/members/{id}/password-reset` does it, through the same use case: the link is mailed to the
    /// member, and this page never shows it.
    func resetPassword(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let publicURL = services.configuration.publicURL
        return try await act(context, done: "reset", refusal: { .reset($0) }) { member, tx, caller in
            let resets = PasswordResets(tx, caller)
            let target = try await resets.target(member.id)
            let secret = Secrets.newToken()
            _ = try await resets.issue(
                target, tokenHash: Secrets.hash(token: secret), link: publicURL + "\(PasswordResetRequests.pagePath)?token=\(secret)",
                lifetime: Self.resetLifetime)
        }
    }

    /// Runs an action on the member of the path: 404 unless the reader may read them, 403 unless they may act on
    /// them at all (rank included), the form again with why when the use case refuses the input.
    private func act(
        _ context: AuthenticatedContext, done: String, refusal: (DomainError) -> Refused,
        _ body: (Member, TenantTransaction, Caller) async throws -> Void
    ) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "member")
        do {
            try await store.tenant(context) { tx, caller in
                let members = Members(tx, caller)
                let member = try await members.get(id)
                try await members.requireMayActOn(member)
                try await body(member, tx, caller)
            }
            return .seeOther("/admin/members/\(id.lowercased)?done=\(done)")
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            let refused = refusal(error)
            let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, id: id, refused: refused, done: nil) }
            return PageResponse.render("admin-member", model, status: Problem(domain: error).status)
        }
    }

    // MARK: - The page

    private func load(_ tx: TenantTransaction, _ caller: Caller, id: UUID, refused: Refused?, done: String?) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        try DirectoryAdmin.requireAny(reader, [.manageMembers, .manageGrants])
        let t = reader.t
        let identity = caller.identity
        let authorizer = identity.authorizer
        let members = Members(tx, caller)
        let member = try await members.get(id)
        let held = try await GrantRepository.forMember(tx, member: id)
        let names = try await DirectoryAdmin.Names.load(tx)
        let isSelf = id == identity.memberID
        let mayAct = !isSelf && members.mayActOn(member, grants: held.map(\.grant))
        func say(_ error: DomainError) -> String { DirectoryAdmin.message(error, t) }

        // Where the reader may grant, and which roles they may grant in at least one of those places.
        var scopes: [Scope] = []
        if authorizer.can(identity.actor, .manageGrants, in: .org).allowed { scopes.append(.org) }
        let companies = names.companies.sorted { $0.value.localizedStandardCompare($1.value) == .orderedAscending }
        for company in companies where authorizer.can(identity.actor, .manageGrants, in: .company(company.key)).allowed {
            scopes.append(.company(company.key))
        }
        let teams = names.teams.keys.sorted { names.team($0).localizedStandardCompare(names.team($1)) == .orderedAscending }
        for team in teams where authorizer.can(identity.actor, .manageGrants, in: .team(team)).allowed { scopes.append(.team(team)) }
        let grantable = Role.allCases.filter { role in scopes.contains { authorizer.canGrant(identity.actor, role: role, in: $0).allowed } }

        var nameValue = member.displayName
        var locale = member.locale?.rawValue ?? reader.profile.org.locale.rawValue
        var zone = member.timeZone ?? reader.profile.org.timeZone
        var nameError: String?, zoneError: String?, profileError: String?
        var typedRole: String?, typedScope: String?, roleError: String?, scopeError: String?, grantError: String?
        var revokeError: String?, statusError: String?, resetError: String?
        switch refused {
        case .profile(let form, let error):
            nameValue = form.name ?? ""
            locale = form.locale ?? locale
            zone = form.timeZone ?? zone
            switch error.field {
            case "display_name": nameError = say(error)
            case "time_zone": zoneError = say(error)
            default: profileError = say(error)
            }
        case .grant(let form, let error):
            (typedRole, typedScope) = (form.role, form.scope)
            switch error.field {
            case "role": roleError = say(error)
            case "scope", "scope_id", "scope_type": scopeError = say(error)
            default: grantError = say(error)
            }
        case .revoke(let error): revokeError = say(error)
        case .status(let error): statusError = say(error)
        case .reset(let error): resetError = say(error)
        case nil: break
        }
        let zones = MePage.zones.contains(zone) ? MePage.zones : [zone] + MePage.zones
        let path = "/admin/members/\(id.lowercased)"
        return Model(
            chrome: reader.chrome(title: member.displayName, current: "/admin", page: path), t: t.strings,
            memberID: id.lowercased, name: member.displayName, email: member.email,
            status: member.active ? t["dir_status_active"] : t["dir_status_inactive"], active: member.active,
            teams: member.teamIDs.isEmpty ? t["dir_none"] : member.teamIDs.map(names.team).sorted().joined(separator: t["dir_list_separator"]),
            language: t["language_\(member.locale?.rawValue ?? reader.profile.org.locale.rawValue)"], zone: zone.replacingOccurrences(of: "_", with: " "),
            notice: done.flatMap { Self.notices[$0] }.map { t.format($0, ["email": member.email]) },
            grants: held.map { record in
                GrantRow(
                    id: record.id.lowercased, role: DirectoryAdmin.roleLabel(record.grant.role, t), scope: names.scope(record.grant.scope, t),
                    canRevoke: mayAct && authorizer.canGrant(identity.actor, role: record.grant.role, in: record.grant.scope).allowed)
            },
            noGrants: held.isEmpty, mayAct: mayAct,
            readOnlyReason: mayAct ? nil : t[isSelf ? "dir_member_self" : "dir_member_read_only"], isSelf: isSelf,
            nameValue: nameValue,
            languages: Organization.Locale.allCases.map { FormOption(value: $0.rawValue, label: t["language_\($0.rawValue)"], selected: $0.rawValue == locale) },
            zones: zones.map { FormOption(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == zone) },
            nameError: nameError, zoneError: zoneError, profileError: profileError,
            canGrant: mayAct && !grantable.isEmpty,
            roles: [FormOption(value: "", label: t["dir_choose"], selected: typedRole == nil)]
                + grantable.map { FormOption(value: $0.rawValue, label: DirectoryAdmin.roleLabel($0, t), selected: typedRole == $0.rawValue) },
            scopes: [FormOption(value: "", label: t["dir_choose"], selected: typedScope == nil)]
                + scopes.map {
                    let value = DirectoryAdmin.scopeValue($0)
                    return FormOption(value: value, label: names.scope($0, t), selected: typedScope == value)
                },
            roleError: roleError, scopeError: scopeError, grantError: grantError, revokeError: revokeError,
            statusError: statusError, resetError: resetError)
    }
}
