import API
import Hummingbird

extension WebPages {
    /// The routes of the pages of success definitions, a customer's success status and the attainment report.
    static func registerSuccess(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let index = SuccessPage(store: store)
        pages.get("/success") { request, context in try await index.show(request, context) }

        let form = SuccessDefinitionFormPage(store: store)
        pages.get("/success/definitions/new") { request, context in try await form.new(request, context) }
        pages.post("/success/definitions/new") { request, context in try await form.create(request, context) }
        pages.get("/success-definitions/:id/edit") { request, context in try await form.edit(request, context) }
        pages.post("/success-definitions/:id/edit") { request, context in try await form.save(request, context) }
        let customer = CustomerSuccessPage(store: store)
        pages.get("/customers/:id/success") { request, context in try await customer.show(request, context) }
        pages.post("/customers/:id/success/measures/:measure") { request, context in try await customer.assess(request, context) }

        let definition = SuccessDefinitionPage(store: store)
        pages.get("/success-definitions/:id") { request, context in try await definition.show(request, context) }
        pages.get("/success-definitions/:id/archive") { request, context in try await definition.confirmArchive(request, context) }
        pages.post("/success-definitions/:id/archive") { request, context in try await definition.archive(request, context) }
    }
}
