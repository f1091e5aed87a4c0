import API
import Hummingbird

extension WebPages {
    /// The routes of the pages of standard processes: versions with their RACI, adoption per company, a customer's process, the reports.
    static func registerProcesses(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let index = ProcessesPage(store: store)
        pages.get("/processes") { request, context in try await index.show(request, context) }
        pages.post("/processes/adoption/:company") { request, context in try await index.adopt(request, context) }

        let form = ProcessFormPage(store: store)
        pages.get("/processes/new") { request, context in try await form.new(request, context) }
        pages.post("/processes/new") { request, context in try await form.create(request, context) }
        pages.get("/processes/:id/edit") { request, context in try await form.edit(request, context) }
        pages.post("/processes/:id/edit") { request, context in try await form.save(request, context) }

        let process = ProcessPage(store: store)
        pages.get("/processes/:id") { request, context in try await process.show(request, context) }
        pages.get("/processes/:id/archive") { request, context in try await process.confirmArchive(request, context) }
        pages.post("/processes/:id/archive") { request, context in try await process.archive(request, context) }
        pages.post("/processes/:id/versions") { request, context in try await process.startDraft(request, context) }

        let report = ProcessReportPage(store: store)
        pages.get("/processes/:id/report") { request, context in try await report.show(request, context) }

        let customer = CustomerProcessPage(store: store)
        pages.get("/customers/:id/process") { request, context in try await customer.show(request, context) }
        pages.post("/customers/:id/process/place") { request, context in try await customer.place(request, context) }
        pages.post("/customers/:id/process/steps/:step/complete") { request, context in try await customer.complete(request, context) }

        let version = ProcessVersionPage(store: store)
        pages.get("/processes/:id/versions/:number") { request, context in try await version.show(request, context) }
        pages.post("/processes/:id/versions/:number") { request, context in try await version.save(request, context) }
        pages.get("/processes/:id/versions/:number/publish") { request, context in try await version.confirmPublish(request, context) }
        pages.post("/processes/:id/versions/:number/publish") { request, context in try await version.publish(request, context) }
    }
}
