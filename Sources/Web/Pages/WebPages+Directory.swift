import API
import Hummingbird

extension WebPages {
    /// The directory pages (companies, teams, members and roles, invitations, API tokens), behind the session.
    static func registerDirectory(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let index = AdminIndexPage(store: store)
        pages.get("/admin") { request, context in try await index.show(request, context) }

        let companies = CompaniesPage(store: store)
        pages.get("/admin/companies") { request, context in try await companies.list(request, context) }
        pages.post("/admin/companies") { request, context in try await companies.create(request, context) }
        pages.post("/admin/companies/:id/rename") { request, context in try await companies.rename(request, context) }
        pages.post("/admin/companies/:id/delete") { request, context in try await companies.delete(request, context) }

        let teams = TeamsPage(store: store)
        pages.get("/admin/teams") { request, context in try await teams.list(request, context) }
        pages.post("/admin/teams") { request, context in try await teams.create(request, context) }
        pages.post("/admin/teams/:id/rename") { request, context in try await teams.rename(request, context) }
        pages.post("/admin/teams/:id/delete") { request, context in try await teams.delete(request, context) }
        let team = TeamPage(store: store)
        pages.get("/admin/teams/:id") { request, context in try await team.show(request, context) }
        pages.post("/admin/teams/:id/members") { request, context in try await team.add(request, context) }
        pages.post("/admin/teams/:id/members/:member/remove") { request, context in try await team.remove(request, context) }

        let members = MembersPage(store: store)
        pages.get("/admin/members") { request, context in try await members.list(request, context) }
        let member = MemberPage(services: services)
        pages.get("/admin/members/:id") { request, context in try await member.show(request, context) }
        pages.post("/admin/members/:id/profile") { request, context in try await member.saveProfile(request, context) }
        pages.post("/admin/members/:id/grants") { request, context in try await member.grant(request, context) }
        pages.post("/admin/members/:id/grants/:grant/revoke") { request, context in try await member.revoke(request, context) }
        pages.post("/admin/members/:id/status") { request, context in try await member.setStatus(request, context) }
        pages.post("/admin/members/:id/password-reset") { request, context in try await member.resetPassword(request, context) }

        let invitations = InvitationsPage(services: services)
        pages.get("/admin/invitations") { request, context in try await invitations.list(request, context) }
        pages.post("/admin/invitations") { request, context in try await invitations.invite(request, context) }
        pages.post("/admin/invitations/:id/revoke") { request, context in try await invitations.revoke(request, context) }

        let tokens = TokensPage(store: store)
        pages.get("/me/tokens") { request, context in try await tokens.list(request, context) }
        pages.post("/me/tokens") { request, context in try await tokens.create(request, context) }
        pages.post("/me/tokens/:id/revoke") { request, context in try await tokens.revoke(request, context) }
        let allTokens = AdminTokensPage(store: store)
        pages.get("/admin/tokens") { request, context in try await allTokens.list(request, context) }
        pages.post("/admin/tokens/:id/revoke") { request, context in try await allTokens.revoke(request, context) }
    }
}
