import API
import Hummingbird

extension WebPages {
    /// The routes of a customer's contracts, monthly revenue and NPS responses, behind the session.
    static func registerCustomerRevenue(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let revenue = CustomerRevenuePage(store: store)
        pages.get("/customers/:id/revenue") { request, context in try await revenue.show(request, context) }
        pages.post("/customers/:id/contracts") { request, context in try await revenue.addContract(request, context) }
        pages.post("/customers/:id/contracts/:contract") { request, context in try await revenue.editContract(request, context) }
        pages.post("/customers/:id/contracts/:contract/renewal") { request, context in try await revenue.recordRenewal(request, context) }
        pages.post("/customers/:id/revenue") { request, context in try await revenue.putSnapshot(request, context) }
        pages.post("/customers/:id/revenue/delete") { request, context in try await revenue.deleteSnapshot(request, context) }
        let nps = CustomerNPSPage(store: store)
        pages.get("/customers/:id/nps") { request, context in try await nps.show(request, context) }
        pages.post("/customers/:id/nps") { request, context in try await nps.add(request, context) }
        pages.post("/customers/:id/nps/:response/delete") { request, context in try await nps.delete(request, context) }
    }
}
