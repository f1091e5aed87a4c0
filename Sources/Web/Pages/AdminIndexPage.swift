import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin`: the administration sections the reader may use, each with a line on what it is for, grouped as
/// structure, access and operations. A link shows only to a reader the page behind it would not refuse; someone
/// with no administrative permission at all gets the 403 page.
struct AdminIndexPage: Sendable {
    let store: Store

    struct Link: Sendable {
        let label: String
        let href: String
        let purpose: String
    }

    struct Group: Sendable {
        let id: String
        let heading: String
        let links: [Link]
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let groups: [Group]
    }

    /// Each section, the page it opens and what the page needs. The operations pages' needs are those of the use
    /// cases behind them (webhooks, schedules, jobs and reading the mail relay: jobs.manage; closure days, goal
    /// settings and the notification cap: goal_settings.manage; the audit log: audit.read), all org-wide.
    static let sections: [(group: String, key: String, href: String, allowed: @Sendable (Reader) -> Bool)] = [
        ("structure", "companies", "/admin/companies", { $0.may(.manageCompanies) }),
        ("structure", "teams", "/admin/teams", { $0.may(.manageTeams) }),
        ("structure", "members", "/admin/members", { $0.may(.manageMembers) || $0.may(.manageGrants) }),
        ("structure", "invitations", "/admin/invitations", { $0.may(.manageMembers) }),
        ("access", "tokens", "/admin/tokens", { DirectoryAdmin.orgWide($0, .manageAllTokens) }),
        ("access", "my_tokens", "/me/tokens", { $0.may(.manageOwnTokens) }),
        ("operations", "webhooks", "/admin/webhooks", { DirectoryAdmin.orgWide($0, .manageJobs) }),
        ("operations", "schedules", "/admin/schedules", { DirectoryAdmin.orgWide($0, .manageJobs) }),
        ("operations", "closures", "/admin/closures", { DirectoryAdmin.orgWide($0, .manageGoalSettings) }),
        ("operations", "goal_settings", "/admin/goal-settings", { DirectoryAdmin.orgWide($0, .manageGoalSettings) }),
        ("operations", "notifications", "/admin/notifications", { DirectoryAdmin.orgWide($0, .manageGoalSettings) }),
        ("operations", "mail_relay", "/admin/mail-relay", { DirectoryAdmin.orgWide($0, .manageJobs) || DirectoryAdmin.orgWide($0, .manageOrg) }),
        ("operations", "audit", "/admin/audit", { DirectoryAdmin.orgWide($0, .readAudit) }),
        ("operations", "jobs", "/admin/jobs", { DirectoryAdmin.orgWide($0, .manageJobs) }),
        ("operations", "health_model", "/admin/health-model", { DirectoryAdmin.orgWide($0, .manageHealthModels) }),
        ("operations", "customer_fields", "/admin/customer-fields", { DirectoryAdmin.orgWide($0, .manageCustomers) }),
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            try DirectoryAdmin.requireAny(reader, Reader.administration)
            let t = reader.t
            let groups = ["structure", "access", "operations"].compactMap { group -> Group? in
                let links = Self.sections.filter { $0.group == group && $0.allowed(reader) }.map {
                    Link(label: t["dir_admin_\($0.key)"], href: $0.href, purpose: t["dir_admin_\($0.key)_purpose"])
                }
                return links.isEmpty ? nil : Group(id: "admin-\(group)", heading: t["dir_admin_group_\(group)"], links: links)
            }
            return Model(
                chrome: reader.chrome(title: t["dir_admin_title"], current: "/admin", page: "/admin"), t: t.strings, groups: groups)
        }
        return PageResponse.render("admin-index", model)
    }
}
