import API
import Hummingbird

extension WebPages {
    /// The routes of meetings: bodies, a series, an occurrence with its agenda, minutes, decisions and action items.
    static func registerMeetings(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let index = MeetingsPage(services: services)
        pages.get("/meetings") { request, context in try await index.show(request, context) }
        pages.post("/meetings/calendar") { request, context in try await index.issueFeed(request, context) }
        pages.post("/meetings/calendar/:feed/rotate") { request, context in try await index.rotateFeed(request, context) }
        pages.post("/meetings/calendar/:feed/revoke") { request, context in try await index.revokeFeed(request, context) }

        let form = MeetingBodyFormPage(store: store)
        pages.get("/meetings/bodies/new") { request, context in try await form.new(request, context) }
        pages.post("/meetings/bodies/new") { request, context in try await form.create(request, context) }
        pages.get("/meeting-bodies/:id/edit") { request, context in try await form.edit(request, context) }
        pages.post("/meeting-bodies/:id/edit") { request, context in try await form.save(request, context) }
        let body = MeetingBodyPage(store: store)
        pages.get("/meeting-bodies/:id") { request, context in try await body.show(request, context) }
        pages.get("/meeting-bodies/:id/archive") { request, context in try await body.confirmArchive(request, context) }
        pages.post("/meeting-bodies/:id/archive") { request, context in try await body.archive(request, context) }

        let meeting = MeetingPage(services: services)
        pages.get("/meetings/:id") { request, context in try await meeting.show(request, context) }
        pages.get("/meetings/:id/agenda.md") { request, context in try await meeting.markdown(request, context) }
        pages.post("/meetings/:id/agenda/generate") { request, context in try await meeting.generate(request, context) }
        pages.post("/meetings/:id/agenda/items") { request, context in try await meeting.addItem(request, context) }
        pages.post("/meetings/:id/agenda/items/:item/move") { request, context in try await meeting.moveItem(request, context) }
        pages.post("/meetings/:id/agenda/items/:item/remove") { request, context in try await meeting.removeItem(request, context) }
        pages.post("/meetings/:id/agenda/items/:item/carry-over") { request, context in try await meeting.carryOver(request, context) }
        pages.post("/meetings/:id/minutes") { request, context in try await meeting.saveMinutes(request, context) }
        pages.post("/meetings/:id/decisions") { request, context in try await meeting.recordDecision(request, context) }
        pages.post("/meetings/:id/decisions/:decision/remove") { request, context in try await meeting.removeDecision(request, context) }
        pages.post("/meetings/:id/actions") { request, context in try await meeting.recordAction(request, context) }
        pages.post("/meetings/:id/actions/:action/done") { request, context in try await meeting.completeAction(request, context) }
        pages.post("/meetings/:id/attendance") { request, context in try await meeting.setAttendance(request, context) }
        pages.post("/meetings/:id/state") { request, context in try await meeting.setState(request, context) }
        pages.post("/meetings/:id/reschedule") { request, context in try await meeting.reschedule(request, context) }
        pages.post("/meetings/:id/note") { request, context in try await meeting.saveNote(request, context) }
    }
}
