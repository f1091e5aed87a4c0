import API
import Hummingbird

extension WebPages {
    /// The organization pages (positions, the org chart, transfers, notification preferences), behind the session.
    static func registerOrganization(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let chart = OrgChartPage(store: store)
        pages.get("/org") { request, context in try await chart.show(request, context) }
        pages.post("/org/positions") { request, context in try await chart.create(request, context) }
        let position = PositionPage(store: store)
        pages.get("/org/positions/:id") { request, context in try await position.show(request, context) }
        pages.post("/org/positions/:id") { request, context in try await position.update(request, context) }
        pages.post("/org/positions/:id/holders") { request, context in try await position.appoint(request, context) }
        pages.post("/org/positions/:id/holders/:holding/end") { request, context in try await position.endHolding(request, context) }
        let transfers = TransfersPage(store: store)
        pages.get("/transfers") { request, context in try await transfers.list(request, context) }
        pages.get("/transfers/preview") { request, context in try await transfers.preview(request, context) }
        pages.post("/transfers") { request, context in try await transfers.transfer(request, context) }
        pages.get("/transfers/:id") { request, context in try await transfers.show(request, context) }
        let preferences = NotificationPreferencesPage(store: store)
        pages.get("/me/preferences") { request, context in try await preferences.show(request, context) }
        pages.post("/me/preferences") { request, context in try await preferences.save(request, context) }
    }
}
