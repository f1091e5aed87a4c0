import API
import Hummingbird

extension WebPages {
    /// The routes of the customer pages (the list with saved views, a customer's page with its health and why, imports), behind the session.
    static func registerCustomers(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let list = CustomerListPage(store: store)
        let form = CustomerFormPage(store: store)
        let customer = CustomerPage(store: store)
        let health = CustomerHealthPage(store: store)
        let timeline = CustomerTimelinePage(store: store)
        pages.get("/customers") { request, context in try await list.list(request, context) }
        pages.post("/customers/views") { request, context in try await list.saveView(request, context) }
        pages.post("/customers/views/:id/delete") { request, context in try await list.deleteView(request, context) }
        pages.get("/customers/new") { request, context in try await form.new(request, context) }
        pages.post("/customers/new") { request, context in try await form.create(request, context) }
        pages.get("/customers/:id") { request, context in try await customer.show(request, context) }
        pages.get("/customers/:id/edit") { request, context in try await form.edit(request, context) }
        pages.post("/customers/:id/edit") { request, context in try await form.update(request, context) }
        pages.post("/customers/:id/phase") { request, context in try await customer.changePhase(request, context) }
        pages.post("/customers/:id/archive") { request, context in try await customer.archive(request, context) }
        pages.post("/customers/:id/score") { request, context in try await customer.scoreNow(request, context) }
        pages.post("/customers/:id/timeline") { request, context in try await customer.addEntry(request, context) }
        pages.get("/customers/:id/timeline") { request, context in try await timeline.show(request, context) }
        pages.get("/customers/:id/health") { request, context in try await health.show(request, context) }

        let imports = ImportsPage(store: store)
        pages.get("/imports") { request, context in try await imports.list(request, context) }
        pages.post("/imports") { request, context in try await imports.upload(request, context) }
        pages.get("/imports/:id") { request, context in try await imports.show(request, context) }
        pages.post("/imports/:id/import") { request, context in try await imports.importForReal(request, context) }
    }
}
