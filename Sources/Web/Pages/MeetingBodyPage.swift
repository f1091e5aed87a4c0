import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/meeting-bodies/{id}`: a meeting body — purpose, objective, cadence, participants, its agenda's sections and
/// time boxes — and its series: the next occurrences (cancelled and moved ones shown as such, off-cadence ones
/// flagged) and the past ones. Managers edit it or archive it (a second step that says what archiving does); anyone
/// who reads it may subscribe to its calendar.
struct MeetingBodyPage: Sendable {
    let store: Store

    struct Occurrence: Sendable {
        let href: String
        let when: String
        let state: String
        let stateClass: String
        let offCadence: Bool
    }

    struct Section: Sendable {
        let heading: String
        let minutes: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let id: String
        let name: String
        let purpose: String
        let purposeHint: String
        let objective: String
        let cadence: String
        let scope: String
        let facilitator: String
        let participants: String
        let duration: String
        let lead: String
        let sections: [Section]
        let total: String
        let next: [Occurrence]
        let noNext: Bool
        let past: [Occurrence]
        let noPast: Bool
        let canManage: Bool
        let archived: Bool
        let confirmArchive: Bool
        let version: String
        let notice: String?
    }

    static let notices = ["created": "mtg_notice_body_created", "saved": "mtg_notice_body_saved"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(context)
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, confirm: false, page: request.uri.description, notice: notice)
        }
        return PageResponse.render("mtg-body", model)
    }

    /// The second step of archiving: what it does, and the button that does it.
    func confirmArchive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(context)
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, confirm: true, page: request.uri.description, notice: nil)
        }
        guard model.canManage else {
            throw DomainError(.forbidden, "only meeting managers may archive a meeting body", permission: Permission.manageMeetings.rawValue)
        }
        return PageResponse.render("mtg-body", model)
    }

    struct ArchiveFields: Decodable {
        var version: String?
    }

    func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(context)
        let form = try await request.decodeForm(as: ArchiveFields.self, context: context)
        _ = try await store.tenant(context) { tx, caller in
            try await MeetingBodies(tx, caller).archive(id, expectedVersion: form.version.flatMap { Int($0) })
        }
        return .seeOther("/meetings?done=archived")
    }

    static func id(_ context: AuthenticatedContext) throws -> UUID {
        guard let id = MeetingPageText.id(context.parameters.get("id")) else { throw DomainError(.notFound, "meeting body not found") }
        return id
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, confirm: Bool, page: String, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let bodies = MeetingBodies(tx, caller)
        let body = try await bodies.get(id)
        let next = try await bodies.occurrences(id, past: false, limit: 12)
        let past = try await bodies.occurrences(id, past: true, limit: 12)
        let names = try await MemberRepository.displayNames(tx)
        let positions = try await PositionRepository.list(tx, visibleTo: caller.identity.reach(.readGoals), after: nil, limit: 300).items
        let places = try await MeetingPageText.places(tx, caller)
        let identity = caller.identity
        func occurrence(_ meeting: Meeting) -> Occurrence {
            let state = MeetingPageText.state(meeting, t)
            return Occurrence(
                href: "/meetings/\(meeting.id.lowercased)", when: MeetingPageText.when(meeting, f), state: state.label, stateClass: state.css,
                offCadence: meeting.offCadence)
        }
        let who = body.participants.map { participant -> String in
            switch participant {
            case .member(let id): return names[id] ?? t["mtg_unknown_member"]
            case .position(let id):
                return t.format("mtg_position_holders", ["name": positions.first { $0.id == id }?.name ?? t["mtg_unknown_position"]])
            }
        }
        let locale = MeetingPageText.locale(t)
        let sections = body.template.ordered(for: body.purpose).map { section -> Section in
            var generator: AgendaGenerator?
            if case .generator(let g) = section.content { generator = g }
            return Section(
                heading: AgendaWording.heading(title: section.title, generator: generator, key: section.key, locale),
                minutes: t.format("mtg_minutes", ["count": f.number(Double(section.minutes))]))
        }
        return Model(
            chrome: reader.chrome(title: body.name, current: "/meetings", page: page), t: t.strings, id: body.id.lowercased,
            name: body.name, purpose: MeetingPageText.purpose(body.purpose, t), purposeHint: t["mtg_purpose_hint_\(body.purpose.rawValue)"],
            objective: body.objective, cadence: body.cadence.map { f.recurrence($0) } ?? t["mtg_no_cadence"],
            scope: places.name(of: body.scope, t), facilitator: body.facilitatorID.flatMap { names[$0] } ?? t["mtg_no_facilitator"],
            participants: who.isEmpty ? t["mtg_no_participants"] : who.joined(separator: t["mtg_list_separator"]),
            duration: t.format("mtg_minutes", ["count": f.number(Double(body.durationMinutes))]),
            lead: t.format("mtg_lead_days", ["count": f.number(Double(body.agendaLeadDays))]),
            sections: sections, total: t.format("mtg_minutes", ["count": f.number(Double(body.template.minutes))]),
            next: next.map(occurrence), noNext: next.isEmpty, past: past.map(occurrence), noPast: past.isEmpty,
            canManage: identity.authorizer.can(identity.actor, .manageMeetings, in: body.scope).allowed && body.archivedAt == nil,
            archived: body.archivedAt != nil, confirmArchive: confirm, version: String(body.version), notice: notice.map { t[$0] })
    }
}
