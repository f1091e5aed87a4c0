import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// What the directory administration pages share: who may open them, the ids in their paths, how a refusal reads
/// in the reader's language, and how roles and scopes are named.
enum DirectoryAdmin {
    /// The 403 page unless the reader holds one of `permissions` somewhere. The use cases check every action; this
    /// keeps a CSM from even reading an administration page.
    static func requireAny(_ reader: Reader, _ permissions: [Permission]) throws {
        guard permissions.contains(where: reader.may) else {
            throw DomainError(.forbidden, "administration pages need an administrative role", permission: permissions.first?.rawValue)
        }
    }

    /// Whether the reader holds `permission` over the whole org (the settings pages' rights are org-wide).
    static func orgWide(_ reader: Reader, _ permission: Permission) -> Bool {
        reader.identity.authorizer.can(reader.identity.actor, permission, in: .org).allowed
    }

    /// A path's id: one that is not a UUID is as unknown as another organisation's (404).
    static func id(_ context: AuthenticatedContext, _ name: String = "id", what: String) throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else {
            throw DomainError(.notFound, "\(what) not found")
        }
        return id
    }

    /// A refused form's message in the reader's words, chosen by the field and the code the use case gave (the same
    /// the API gives); a message the catalogue does not know is shown as the use case wrote it.
    static func message(_ error: DomainError, _ t: Catalogue) -> String {
        let key: String? =
            switch (error.field, error.code) {
            case ("name", .missing), ("display_name", .missing): "dir_error_name_missing"
            case ("name", .conflict): "dir_error_name_taken"
            case ("name", _), ("display_name", _): "dir_error_name_long"
            case ("email", .conflict): "dir_error_email_taken"
            case ("email", _): "dir_error_email"
            case ("time_zone", _): "dir_error_time_zone"
            case ("locale", _): "dir_error_locale"
            case ("scopes", _): "dir_error_scopes"
            case ("expires_at", _): "dir_error_expires"
            case ("company_id", _): "dir_error_company"
            case ("team_id", _), ("team_ids", _): "dir_error_team"
            case ("member_id", _): "dir_error_member"
            case ("role", .conflict): "dir_error_grant_exists"
            case ("role", _): "dir_error_role"
            case ("scope_id", _), ("scope_type", _), ("scope", _): "dir_error_scope"
            case ("status", _): "dir_error_status"
            case ("active", .conflict): "dir_error_last_owner"
            case ("active", _): "dir_error_deactivate_self"
            case (_, .preconditionFailed): "dir_error_stale"
            case (nil, .conflict) where error.message.hasPrefix("the company still has"): "dir_error_company_has_teams"
            case (nil, .conflict) where error.message.hasPrefix("the team still has"): "dir_error_team_has_work"
            case (nil, .conflict) where error.message.contains("last active owner"): "dir_error_last_owner"
            case (nil, .conflict) where error.message.contains("deactivated"): "dir_error_reset_inactive"
            case (nil, .conflict) where error.message.contains("invitation was accepted"): "dir_error_invitation_accepted"
            default: nil
            }
        return key.map { t[$0] } ?? t.explain(error)
    }

    /// Whether a refusal is answered in place (the form again, with why) rather than as the 403 or 404 page.
    static func answeredInPlace(_ error: DomainError) -> Bool {
        error.code != .notFound && error.code != .forbidden
    }

    static func roleLabel(_ role: Role, _ t: Catalogue) -> String { t["dir_role_\(role.rawValue)"] }

    /// "CSM（SMB / SMB 1）" / "CSM (SMB / SMB 1)".
    static func grantLabel(_ grant: Grant, _ names: Names, _ t: Catalogue) -> String {
        t.format("dir_role_at", ["role": roleLabel(grant.role, t), "scope": names.scope(grant.scope, t)])
    }

    /// The structure's names, for saying where a grant or an invitation applies.
    struct Names: Sendable {
        var companies: [UUID: String] = [:]
        var teams: [UUID: String] = [:]
        var companyOfTeam: [UUID: UUID] = [:]

        static func load(_ tx: TenantTransaction) async throws -> Names {
            var names = Names()
            for company in try await CompanyRepository.list(tx, after: nil, limit: 1000).items { names.companies[company.id] = company.name }
            var cursor: UUID?
            repeat {
                let page = try await TeamRepository.list(
                    tx, companyID: nil, visibleTo: Reach(memberID: UUID(), everywhere: true, companies: [], teams: [], companiesWithin: [], anywhere: true),
                    after: cursor, limit: 500)
                for team in page.items {
                    names.teams[team.id] = team.name
                    names.companyOfTeam[team.id] = team.companyID
                }
                cursor = page.nextCursor
            } while cursor != nil
            return names
        }

        /// "全社", "SMB", "SMB / SMB 1".
        func scope(_ scope: Scope, _ t: Catalogue) -> String {
            switch scope {
            case .org: t["dir_scope_org"]
            case .company(let id): companies[id] ?? t["dir_scope_unknown"]
            case .team(let id): team(id)
            }
        }

        func team(_ id: UUID) -> String {
            let company = companyOfTeam[id].flatMap { companies[$0] }
            let name = teams[id] ?? "—"
            return company.map { "\($0) / \(name)" } ?? name
        }
    }

    /// A form's scope choice as sent: `org`, `company:<id>` or `team:<id>`.
    static func scope(_ raw: String?) throws -> Scope {
        let parts = (raw ?? "").split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count > 1 ? UUID(uuidString: parts[1]) : nil) {
        case ("org", nil) where parts.count == 1: return .org
        case ("company", let id?): return .company(id)
        case ("team", let id?): return .team(id)
        default: throw DomainError(.missing, "choose where the role applies", field: "scope")
        }
    }

    static func scopeValue(_ scope: Scope) -> String {
        switch scope {
        case .org: "org"
        case .company(let id): "company:\(id.lowercased)"
        case .team(let id): "team:\(id.lowercased)"
        }
    }

    /// A text field as typed, or nil when left empty. A NUL (which PostgreSQL refuses in text) is dropped, so a
    /// search for one finds nothing rather than failing.
    static func text(_ value: String?) -> String? {
        guard let value = value?.replacingOccurrences(of: "\u{0}", with: "").trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        return value
    }
}

