import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// The occurrence page's forms: each posts, the use case decides (403 and 404 answered as pages), and the answer is
/// a redirect back to the page with a notice — or, for input the use case refuses, the page again with what was
/// typed and the message beside the field.
extension MeetingPage {
    struct Fields: Decodable, Sendable {
        var section: String?
        var title: String?
        var direction: String?
        var minutes: String?
        var version: String?
        var text: String?
        var decidedBy: String?
        var owner: String?
        var dueDate: String?
        var present: [String]?
        var attended: [String]?
        var state: String?
        var date: String?
        var time: String?
        var duration: String?
        var body: String?

        enum CodingKeys: String, CodingKey {
            case section, title, direction, minutes, version, text, owner, present, attended, state, date, time, duration, body
            case decidedBy = "decided_by"
            case dueDate = "due_date"
        }
    }

    /// Runs `work`; a refusal of what was typed re-renders the page with it, anything else goes to the error page.
    private func handle(
        _ request: Request, _ context: AuthenticatedContext, form name: String, anchor: String,
        typed: (Fields) -> [String: String] = { _ in [:] },
        _ work: @escaping @Sendable (Fields, UUID, Meetings, TenantTransaction, Caller) async throws -> String
    ) async throws -> Response {
        let id = try Self.id(context)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let done = try await store.tenant(context) { tx, caller in try await work(form, id, Meetings(tx, caller), tx, caller) }
            return .seeOther("/meetings/\(id.lowercased)?done=\(done)#\(anchor)")
        } catch let error as DomainError where [.invalid, .missing, .conflict, .preconditionFailed].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                let t = try await Reader.load(tx, caller).t
                // Someone saved first: the page says so in its own words, and what was typed is kept to copy over.
                let message = error.code == .preconditionFailed ? t["mtg_err_stale"] : t.explain(error)
                return try await load(
                    tx, caller, id: id, page: "/meetings/\(id.lowercased)", notice: nil,
                    refused: Refusal(form: name, field: error.field, message: message, typed: typed(form)))
            }
            return PageResponse.render("mtg-meeting", model, status: Problem(domain: error).status)
        }
    }

    static func itemID(_ context: AuthenticatedContext) throws -> UUID {
        guard let id = MeetingPageText.id(context.parameters.get("item")) else { throw DomainError(.notFound, "agenda item not found") }
        return id
    }

    // MARK: - Agenda

    func addItem(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(request, context, form: "item", anchor: "agenda-heading", typed: { ["section": $0.section ?? "", "title": $0.title ?? ""] }) {
            form, id, meetings, _, _ in
            _ = try await meetings.addItem(id, section: form.section ?? "", title: form.title ?? "", subject: nil)
            return "item_added"
        }
    }

    func moveItem(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let item = try Self.itemID(context)
        return try await handle(request, context, form: "agenda", anchor: "item-\(item.lowercased)") { form, id, meetings, _, _ in
            let move: Meetings.Move
            switch form.direction {
            case "up": move = .up
            case "down": move = .down
            default:
                guard let section = form.section, !section.isEmpty else { throw DomainError(.invalid, "mtg_err_direction", field: "direction") }
                move = .section(section)
            }
            try await meetings.moveItem(id, item: item, move)
            return "item_moved"
        }
    }

    func removeItem(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let item = try Self.itemID(context)
        return try await handle(request, context, form: "agenda", anchor: "agenda-heading") { _, id, meetings, _, _ in
            try await meetings.removeItem(id, item: item)
            return "item_removed"
        }
    }

    func carryOver(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let item = try Self.itemID(context)
        return try await handle(request, context, form: "agenda", anchor: "item-\(item.lowercased)") { _, id, meetings, _, _ in
            _ = try await meetings.carryOver(id, item: item)
            return "item_carried"
        }
    }

    func generate(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(request, context, form: "agenda", anchor: "agenda-heading") { _, id, meetings, _, _ in
            _ = try await meetings.generateAgenda(id)
            return "generated"
        }
    }

    // MARK: - Minutes, decisions, actions

    func saveMinutes(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(request, context, form: "minutes", anchor: "minutes-heading", typed: { ["minutes": $0.minutes ?? ""] }) {
            form, id, meetings, _, _ in
            _ = try await meetings.saveMinutes(id, form.minutes ?? "", expectedVersion: form.version.flatMap { Int($0) })
            return "minutes"
        }
    }

    func recordDecision(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(
            request, context, form: "decision", anchor: "decisions-heading", typed: { ["text": $0.text ?? "", "decided_by": $0.decidedBy ?? ""] }
        ) { form, id, meetings, _, _ in
            let decider = try Self.optionalMember(form.decidedBy, field: "decided_by")
            _ = try await meetings.recordDecision(id, text: form.text ?? "", decidedBy: decider, subject: nil)
            return "decision"
        }
    }

    func removeDecision(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        guard let decision = MeetingPageText.id(context.parameters.get("decision")) else { throw DomainError(.notFound, "decision not found") }
        return try await handle(request, context, form: "decision", anchor: "decisions-heading") { _, id, meetings, _, _ in
            try await meetings.removeDecision(id, decision: decision)
            return "decision_removed"
        }
    }

    func recordAction(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(
            request, context, form: "action", anchor: "actions-heading",
            typed: { ["title": $0.title ?? "", "owner": $0.owner ?? "", "due_date": $0.dueDate ?? ""] }
        ) { form, id, meetings, _, _ in
            guard let owner = try Self.optionalMember(form.owner, field: "owner_id") else {
                throw DomainError(.missing, "mtg_err_owner", field: "owner_id")
            }
            let due = try form.dueDate.flatMap { text -> LocalDate? in
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { return nil }
                guard let day = LocalDate(iso: trimmed) else { throw DomainError(.invalid, "mtg_err_date", field: "due_date") }
                return day
            }
            _ = try await meetings.recordAction(id, title: form.title ?? "", owner: owner, dueDate: due)
            return "action"
        }
    }

    func completeAction(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        guard let action = MeetingPageText.id(context.parameters.get("action")) else { throw DomainError(.notFound, "action item not found") }
        return try await handle(request, context, form: "action", anchor: "actions-heading") { _, id, meetings, _, _ in
            _ = try await meetings.completeAction(id, action: action)
            return "action_done"
        }
    }

    static func optionalMember(_ text: String?, field: String) throws -> UUID? {
        guard let text, !text.isEmpty else { return nil }
        guard let id = MeetingPageText.id(text) else { throw DomainError(.invalid, "mtg_err_member", field: field) }
        return id
    }

    // MARK: - Attendance, state, time

    /// Every participant the form listed is recorded: ticked as attended, the others as absent.
    func setAttendance(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(request, context, form: "attendance", anchor: "attendance-heading") { form, id, meetings, _, _ in
            let attended = Set((form.attended ?? []).compactMap(MeetingPageText.id))
            let listed = (form.present ?? []).compactMap(MeetingPageText.id)
            guard listed.count == (form.present ?? []).count else { throw DomainError(.invalid, "mtg_err_member", field: "member_id") }
            try await meetings.setAttendance(id, Set(listed).sorted().map { ($0, attended.contains($0)) })
            return "attendance"
        }
    }

    func setState(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(request, context, form: "state", anchor: "run-heading") { form, id, meetings, _, _ in
            guard let state = form.state.flatMap(Meeting.State.init(rawValue:)) else { throw DomainError(.invalid, "mtg_err_state", field: "state") }
            _ = try await meetings.setState(id, state, expectedVersion: form.version.flatMap { Int($0) })
            return state.rawValue
        }
    }

    /// Moves the occurrence to a day and time read in the reader's own time zone (the one the page shows).
    func reschedule(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(
            request, context, form: "move", anchor: "run-heading",
            typed: { ["date": $0.date ?? "", "time": $0.time ?? "", "duration": $0.duration ?? ""] }
        ) { form, id, meetings, tx, caller in
            guard let day = form.date.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else {
                throw DomainError(.invalid, "mtg_err_date", field: "date")
            }
            guard let time = form.time.flatMap({ LocalTime($0.trimmingCharacters(in: .whitespaces)) }) else {
                throw DomainError(.invalid, "mtg_err_time", field: "time")
            }
            guard let duration = form.duration.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                throw DomainError(.invalid, "mtg_err_duration", field: "duration_minutes")
            }
            let zone = try await Reader.load(tx, caller).format.timeZone
            _ = try await meetings.reschedule(
                id, startsAt: Recurrence.instant(day, time, in: zone), durationMinutes: duration, expectedVersion: form.version.flatMap { Int($0) })
            return "moved"
        }
    }

    // MARK: - My note

    func saveNote(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await handle(request, context, form: "note", anchor: "note-heading", typed: { ["body": $0.body ?? ""] }) {
            form, id, _, tx, caller in
            _ = try await MeetingNotes(tx, caller).save(id, body: form.body ?? "", expectedVersion: form.version.flatMap { Int($0) })
            return "note"
        }
    }
}
