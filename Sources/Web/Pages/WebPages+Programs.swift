import API
import Hummingbird

extension WebPages {
    /// The routes of the pages of success programs: templates, enrolments, goal sheets, sessions, hour budgets.
    static func registerPrograms(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let index = ProgramsPage(store: store)
        pages.get("/programs") { request, context in try await index.show(request, context) }
        pages.post("/programs/capacity/:member") { request, context in try await index.setCapacity(request, context) }

        let template = ProgramTemplatePage(store: store)
        pages.get("/programs/templates/new") { request, context in try await template.new(request, context) }
        pages.post("/programs/templates/new") { request, context in try await template.create(request, context) }
        pages.get("/program-templates/:id") { request, context in try await template.show(request, context) }
        pages.post("/program-templates/:id") { request, context in try await template.save(request, context) }
        pages.get("/program-templates/:id/archive") { request, context in try await template.confirmArchive(request, context) }
        pages.post("/program-templates/:id/archive") { request, context in try await template.archive(request, context) }

        let enrol = EnrolmentFormPage(store: store)
        pages.get("/programs/enrol") { request, context in try await enrol.show(request, context) }
        pages.post("/programs/enrol") { request, context in try await enrol.create(request, context) }

        let enrolment = EnrolmentPage(services: services)
        pages.get("/enrolments/:id") { request, context in try await enrolment.show(request, context) }
        pages.post("/enrolments/:id/goal-sheet") { request, context in try await enrolment.saveSheet(request, context) }
        pages.post("/enrolments/:id/agree") { request, context in try await enrolment.agree(request, context) }
        pages.post("/enrolments/:id/links") { request, context in try await enrolment.issueLink(request, context) }
        pages.post("/enrolments/:id/progress") { request, context in try await enrolment.saveProgress(request, context) }
        pages.post("/enrolments/:id/sessions") { request, context in try await enrolment.addSession(request, context) }
        pages.post("/enrolments/:id/sessions/:session") { request, context in try await enrolment.editSession(request, context) }
        pages.post("/enrolments/:id/sessions/:session/delete") { request, context in try await enrolment.deleteSession(request, context) }
        pages.post("/enrolments/:id/presentation") { request, context in try await enrolment.savePresentation(request, context) }
        pages.post("/enrolments/:id/result") { request, context in try await enrolment.saveResult(request, context) }
        pages.post("/enrolments/:id/manage") { request, context in try await enrolment.manage(request, context) }
        pages.post("/enrolments/:id/state") { request, context in try await enrolment.changeState(request, context) }
    }
}
