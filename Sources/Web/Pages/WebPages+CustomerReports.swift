import API
import Hummingbird

extension WebPages {
    /// The routes of the customer reports (the renewals calendar, GRR/NRR with its breakdown and trend, ticket metrics, health distribution), behind the session.
    static func registerCustomerReports(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let healthModel = HealthModelPage(store: store)
        pages.get("/admin/health-model") { request, context in try await healthModel.show(request, context) }
        pages.post("/admin/health-model") { request, context in try await healthModel.save(request, context) }
        let health = HealthReportPage(store: store)
        pages.get("/reports/health") { request, context in try await health.show(request, context) }
        let retention = RetentionReportPage(store: store)
        pages.get("/reports/retention") { request, context in try await retention.show(request, context) }
        let renewals = RenewalsPage(store: store)
        pages.get("/renewals") { request, context in try await renewals.show(request, context) }
        let tickets = TicketReportPage(store: store)
        pages.get("/reports/tickets") { request, context in try await tickets.show(request, context) }
        let problems = ProblemsPage(store: store)
        pages.get("/problems") { request, context in try await problems.list(request, context) }
        pages.post("/problems") { request, context in try await problems.create(request, context) }
        pages.get("/problems/:id") { request, context in try await problems.show(request, context) }
        pages.post("/problems/:id") { request, context in try await problems.update(request, context) }
        pages.post("/problems/:id/link") { request, context in try await problems.link(request, context, unlink: false) }
        pages.post("/problems/:id/unlink") { request, context in try await problems.link(request, context, unlink: true) }
    }
}
