import API
import Hummingbird

extension WebPages {
    /// The routes of the pages of check-ups and NPS surveys: questionnaires, team plans, settings, response rates.
    static func registerCheckUps(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let index = CheckUpsPage(store: store)
        pages.get("/check-ups") { request, context in try await index.show(request, context) }

        let templates = CheckUpTemplatePages(store: store)
        pages.get("/check-ups/templates/new") { request, context in try await templates.new(request, context) }
        pages.post("/check-ups/templates/new") { request, context in try await templates.create(request, context) }
        pages.get("/check-up-templates/:id") { request, context in try await templates.show(request, context) }
        pages.post("/check-up-templates/:id") { request, context in try await templates.save(request, context) }
        pages.get("/check-up-templates/:id/archive") { request, context in try await templates.confirmArchive(request, context) }
        pages.post("/check-up-templates/:id/archive") { request, context in try await templates.archive(request, context) }

        let settings = CheckUpSettingsPages(store: store)
        pages.get("/check-ups/settings") { request, context in try await settings.settings(request, context) }
        pages.post("/check-ups/settings") { request, context in try await settings.saveSettings(request, context) }
        pages.get("/teams/:id/check-up-plan") { request, context in try await settings.plan(request, context) }
        pages.post("/teams/:id/check-up-plan") { request, context in try await settings.savePlan(request, context) }

        let nps = NPSCampaignPages(services: services)
        pages.get("/nps-campaigns/new") { request, context in try await nps.new(request, context) }
        pages.post("/nps-campaigns/new") { request, context in try await nps.create(request, context) }
        pages.get("/nps-campaigns/:id") { request, context in try await nps.show(request, context) }
        pages.get("/nps-campaigns/:id/send") { request, context in try await nps.confirmSend(request, context) }
        pages.post("/nps-campaigns/:id/send") { request, context in try await nps.send(request, context) }

        let sendNow = CheckUpSendNowPage(services: services)
        pages.post("/customers/:id/check-ups/send") { request, context in try await sendNow.send(request, context) }
    }
}
