import API
import Domain
import Foundation
import Hummingbird
import Settings
import Store
import UseCases

/// `/meetings/{id}`: one occurrence — when, its state and facilitator; the agenda by section with time boxes, each
/// item linked to its subject and saying why it is there (reorder with buttons, add, take off, carry over); the
/// minutes in Markdown; decisions; action items (each its owner's accountability); attendance; cancelling or moving
/// it; and the reader's private note. Every control is a plain form, so it all works from the keyboard and without
/// JavaScript. The forms are in `MeetingPage+Forms.swift`.
struct MeetingPage: Sendable {
    let services: AppServices
    var store: Store { services.store }

    struct Item: Sendable {
        let id: String
        let title: String
        let href: String?
        let reason: String?
        let origin: String
        let canMove: Bool
        let canUp: Bool
        let canDown: Bool
        let upLabel: String
        let downLabel: String
        let canRemove: Bool
        let removeLabel: String
        let canCarry: Bool
        let carryLabel: String
    }

    struct Section: Sendable {
        let key: String
        let heading: String
        let minutes: String
        let items: [Item]
        let empty: Bool
    }

    struct Decision: Sendable {
        let id: String
        let text: String
        let by: String?
        let canRemove: Bool
        let removeLabel: String
    }

    struct Action: Sendable {
        let id: String
        let title: String
        let owner: String
        let due: String?
        let overdue: Bool
        let state: String
        let stateClass: String
        let canComplete: Bool
        let completeLabel: String
        let accountability: String?
    }

    struct Attendee: Sendable {
        let id: String
        let inputID: String
        let name: String
        let attended: Bool
        let status: String
    }

    /// A refused form: which one, the message beside which field, and what was typed.
    struct Refusal: Sendable {
        let form: String
        let field: String?
        let message: String
        let typed: [String: String]
    }

    /// One form's error, placed beside its field.
    struct FormError: Sendable {
        let message: String
        let general: Bool
        let field: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let meetingID: String
        let title: String
        let bodyHref: String
        let when: String
        let state: String
        let stateClass: String
        let offCadence: Bool
        let facilitator: String
        let purpose: String
        let objective: String
        let total: String
        let notice: String?
        let cancelled: Bool
        let canContribute: Bool
        let canRun: Bool
        let sections: [Section]
        let sectionOptions: [FormOption]
        let generatedAt: String?
        let itemTitle: String
        let itemError: FormError?
        let minutes: String
        let minutesHTML: String
        let hasMinutes: Bool
        let version: String
        let minutesError: FormError?
        let decisions: [Decision]
        let noDecisions: Bool
        let decisionText: String
        let decidedBy: [FormOption]
        let decisionError: FormError?
        let actions: [Action]
        let noActions: Bool
        let actionTitle: String
        let owners: [FormOption]
        let actionDue: String
        let actionError: FormError?
        let attendees: [Attendee]
        let noAttendees: Bool
        let isPlanned: Bool
        let moveDate: String
        let moveTime: String
        let moveDuration: String
        let moveError: FormError?
        let stateError: FormError?
        let note: String
        let noteVersion: String
        let noteSaved: String?
        let noteError: FormError?
    }

    static let notices = [
        "item_added": "mtg_notice_item_added", "item_moved": "mtg_notice_item_moved", "item_removed": "mtg_notice_item_removed",
        "item_carried": "mtg_notice_item_carried", "generated": "mtg_notice_generated", "minutes": "mtg_notice_minutes",
        "decision": "mtg_notice_decision", "decision_removed": "mtg_notice_decision_removed", "action": "mtg_notice_action",
        "action_done": "mtg_notice_action_done", "attendance": "mtg_notice_attendance", "cancelled": "mtg_notice_cancelled",
        "planned": "mtg_notice_planned", "held": "mtg_notice_held", "moved": "mtg_notice_moved", "note": "mtg_notice_note",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(context)
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, page: request.uri.description, notice: notice, refused: nil)
        }
        return PageResponse.render("mtg-meeting", model)
    }

    /// The agenda as a Markdown document in the reader's language, as the API's `?format=markdown` answers it (the
    /// API wants a token; this answers the signed-in reader).
    func markdown(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(context)
        let publicURL = services.configuration.publicURL
        let (text, locale) = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let locale = MeetingPageText.locale(reader.t)
            let text = try await Meetings(tx, caller).agendaDocument(
                id, locale: locale, zone: reader.format.timeZone, publicURL: publicURL)
            return (text, locale)
        }
        var headers = PageResponse.securityHeaders
        headers[.contentType] = "text/markdown; charset=utf-8"
        headers[.contentLanguage] = locale.rawValue
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func id(_ context: AuthenticatedContext) throws -> UUID {
        guard let id = MeetingPageText.id(context.parameters.get("id")) else { throw DomainError(.notFound, "meeting not found") }
        return id
    }

    // MARK: - The page

    func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, page: String, notice: String?, refused: Refusal?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let locale = MeetingPageText.locale(t)
        let me = caller.identity.memberID
        let meetings = Meetings(tx, caller)
        let view = try await meetings.get(id)
        let agenda = try await meetings.agenda(id)
        let decisions = try await meetings.decisions(id)
        let actions = try await meetings.actions(id)
        let note = try await MeetingNotes(tx, caller).mine(id)
        let names = try await MemberRepository.displayNames(tx)
        let meeting = view.meeting, body = view.body, access = view.access
        let cancelled = meeting.state == .cancelled
        let contribute = access.canContribute && !cancelled
        let today = reader.today(caller.now)

        func error(_ form: String) -> FormError? {
            guard let refused, refused.form == form else { return nil }
            return FormError(message: refused.message, general: refused.field == nil, field: refused.field)
        }
        func typed(_ form: String, _ key: String) -> String? {
            guard let refused, refused.form == form else { return nil }
            return refused.typed[key]
        }

        let sections = agenda.sections.map { section -> Section in
            let items = section.items
            return Section(
                key: section.key,
                heading: AgendaWording.heading(title: section.title, generator: section.generator, key: section.key, locale),
                minutes: t.format("mtg_minutes", ["count": f.number(Double(section.minutes))]),
                items: items.enumerated().map { index, stored in
                    let item = stored.item
                    let origin: String
                    if item.reason?.code == "carried_over" {
                        origin = t["mtg_origin_carried"]
                    } else if item.origin == .manual {
                        origin = t.format("mtg_origin_added", ["name": stored.createdBy.flatMap { names[$0] } ?? t["mtg_unknown_member"]])
                    } else {
                        origin = t["mtg_origin_generated"]
                    }
                    let own = item.origin == .manual && stored.createdBy == me
                    return Item(
                        id: item.id.lowercased, title: item.title, href: AgendaWording.path(item.subject),
                        reason: AgendaWording.reason(item.reason, locale), origin: origin,
                        canMove: contribute, canUp: index > 0, canDown: index < items.count - 1,
                        upLabel: t.format("mtg_item_up", ["title": item.title]), downLabel: t.format("mtg_item_down", ["title": item.title]),
                        canRemove: contribute && (access.canRun || own), removeLabel: t.format("mtg_item_remove", ["title": item.title]),
                        canCarry: contribute, carryLabel: t.format("mtg_item_carry", ["title": item.title]))
                },
                empty: items.isEmpty)
        }
        let chosenSection = typed("item", "section") ?? agenda.sections.last?.key ?? ""
        // Who can be named: the occurrence's participants and its facilitator.
        var people = view.participants.filter(\.active).map { ($0.memberID, $0.displayName) }
        if let facilitator = body.facilitatorID, !people.contains(where: { $0.0 == facilitator }), let name = names[facilitator] {
            people.append((facilitator, name))
        }
        let chosenDecider = typed("decision", "decided_by") ?? ""
        let chosenOwner = typed("action", "owner") ?? ""
        let start = Recurrence.localTime(of: meeting.startsAt, in: f.timeZone)
        let minutes = meeting.minutes ?? ""
        let duration = Int(meeting.endsAt.timeIntervalSince(meeting.startsAt) / 60)
        let state = MeetingPageText.state(meeting, t)
        return Model(
            chrome: reader.chrome(title: body.name, current: "/meetings", page: page), t: t.strings, meetingID: meeting.id.lowercased,
            title: body.name, bodyHref: "/meeting-bodies/\(body.id.lowercased)", when: MeetingPageText.when(meeting, f),
            state: state.label, stateClass: state.css, offCadence: meeting.offCadence,
            facilitator: body.facilitatorID.flatMap { names[$0] } ?? t["mtg_no_facilitator"],
            purpose: MeetingPageText.purpose(body.purpose, t), objective: body.objective,
            total: t.format("mtg_minutes", ["count": f.number(Double(agenda.totalMinutes))]),
            notice: notice.map { t[$0] }, cancelled: cancelled, canContribute: contribute, canRun: access.canRun,
            sections: sections,
            sectionOptions: sections.map { FormOption(value: $0.key, label: $0.heading, selected: $0.key == chosenSection) },
            generatedAt: agenda.generatedAt.map { t.format("mtg_generated_at", ["date": f.dateTime($0)]) },
            itemTitle: typed("item", "title") ?? "", itemError: error("item"),
            minutes: typed("minutes", "minutes") ?? minutes, minutesHTML: Markdown.html(minutes, language: reader.t.language),
            hasMinutes: !minutes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            version: typed("minutes", "version") ?? String(meeting.version), minutesError: error("minutes"),
            decisions: decisions.map { decision in
                Decision(
                    id: decision.id.lowercased, text: decision.text,
                    by: (decision.decidedByName ?? decision.decidedBy.flatMap { names[$0] }).map { t.format("mtg_decided_by_name", ["name": $0]) },
                    canRemove: contribute && (decision.createdBy == me || access.canRun),
                    removeLabel: t.format("mtg_decision_remove_named", ["text": String(decision.text.prefix(40))]))
            },
            noDecisions: decisions.isEmpty, decisionText: typed("decision", "text") ?? "",
            decidedBy: [FormOption(value: "", label: t["mtg_decided_by_none"], selected: chosenDecider.isEmpty)]
                + people.map { FormOption(value: $0.0.lowercased, label: $0.1, selected: $0.0.lowercased == chosenDecider) },
            decisionError: error("decision"),
            actions: actions.map { action in
                let state = action.state ?? .pending
                return Action(
                    id: action.id.lowercased, title: action.title, owner: action.ownerName,
                    due: action.dueDate.map { t.format("home_due", ["date": f.date($0)]) },
                    overdue: action.isOpen && (action.dueDate.map { $0 < today } ?? false),
                    state: t["acc_state_\(state.rawValue)"], stateClass: state.rawValue,
                    canComplete: action.isOpen && (action.ownerID == me || access.canRun),
                    completeLabel: t.format("mtg_action_done_named", ["title": action.title]),
                    accountability: action.ownerID == me ? action.accountabilityID.map { "/accountabilities/\($0.lowercased)" } : nil)
            },
            noActions: actions.isEmpty, actionTitle: typed("action", "title") ?? "",
            owners: [FormOption(value: "", label: t["mtg_choose_owner"], selected: chosenOwner.isEmpty)]
                + people.map { FormOption(value: $0.0.lowercased, label: $0.1, selected: $0.0.lowercased == chosenOwner) },
            actionDue: typed("action", "due_date") ?? "", actionError: error("action"),
            attendees: view.participants.map { p in
                Attendee(
                    id: p.memberID.lowercased, inputID: "attended-\(p.memberID.lowercased)", name: p.displayName, attended: p.attended == true,
                    status: t[p.attended == nil ? "mtg_attended_unknown" : (p.attended! ? "mtg_attended_yes" : "mtg_attended_no")])
            },
            noAttendees: view.participants.isEmpty,
            isPlanned: meeting.state == .planned,
            moveDate: typed("move", "date") ?? f.day(of: meeting.startsAt).description,
            moveTime: typed("move", "time") ?? start.description,
            moveDuration: typed("move", "duration") ?? String(duration), moveError: error("move"), stateError: error("state"),
            note: typed("note", "body") ?? note?.body ?? "", noteVersion: typed("note", "version") ?? note.map { String($0.version) } ?? "",
            noteSaved: note.map { t.format("mtg_note_saved_at", ["date": f.dateTime($0.updatedAt)]) }, noteError: error("note"))
    }
}
