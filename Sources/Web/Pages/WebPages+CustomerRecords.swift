import API
import Hummingbird

extension WebPages {
    /// The routes of the customer's records beyond the page: contacts, merge and restore, the org's custom fields, behind the session.
    static func registerCustomerRecords(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let contacts = CustomerContactsPage(store: store)
        pages.get("/customers/:id/contacts") { request, context in try await contacts.list(request, context) }
        pages.post("/customers/:id/contacts") { request, context in try await contacts.create(request, context) }
        pages.get("/customers/:id/contacts/:contact") { request, context in try await contacts.edit(request, context) }
        pages.post("/customers/:id/contacts/:contact") { request, context in try await contacts.update(request, context) }
        pages.post("/customers/:id/contacts/:contact/erase") { request, context in try await contacts.erase(request, context) }

        let merge = CustomerMergePage(store: store)
        pages.get("/customers/:id/merge") { request, context in try await merge.show(request, context) }
        pages.post("/customers/:id/merge") { request, context in try await merge.merge(request, context) }
        pages.post("/customers/:id/restore") { request, context in try await merge.restore(request, context) }

        let fields = CustomerFieldAdminPage(store: store)
        pages.get("/admin/customer-fields") { request, context in try await fields.list(request, context) }
        pages.post("/admin/customer-fields") { request, context in try await fields.create(request, context) }
        pages.get("/admin/customer-fields/:id") { request, context in try await fields.edit(request, context) }
        pages.post("/admin/customer-fields/:id") { request, context in try await fields.update(request, context) }
        pages.post("/admin/customer-fields/:id/archive") { request, context in try await fields.archive(request, context) }
    }
}
