import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/meetings/bodies/new` and `/meeting-bodies/{id}/edit`: a meeting body's form — name, purpose (each with the one
/// line that says what it puts first), objective, scope, facilitator, participants (members and positions),
/// cadence in a few plain fields, duration and how far ahead the agenda is written. The agenda template is the
/// purpose's standard one; an edit can set each section's time box (a change of purpose starts again from the new
/// purpose's standard agenda). Refused input comes back with everything kept and the message beside its field.
struct MeetingBodyFormPage: Sendable {
    let store: Store

    struct Choice: Sendable {
        let id: String
        let value: String
        let label: String
        let hint: String?
        let checked: Bool
    }

    struct Box: Sendable {
        let id: String
        let label: String
        let value: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let action: String
        let cancel: String
        let isNew: Bool
        let version: String
        let error: String?
        let name: String
        let nameError: String?
        let purposes: [Choice]
        let purposeError: String?
        let objective: String
        let objectiveError: String?
        let scopes: [FormOption]
        let scopeText: String?
        let scopeError: String?
        let facilitators: [FormOption]
        let facilitatorError: String?
        let members: [Choice]
        let positions: [Choice]
        let hasPositions: Bool
        let participantsError: String?
        let cadences: [FormOption]
        let currentCadence: String?
        let nths: [FormOption]
        let weekdays: [FormOption]
        let time: String
        let shifts: [FormOption]
        let cadenceError: String?
        let duration: String
        let durationError: String?
        let lead: String
        let leadError: String?
        let boxes: [Box]
        let hasBoxes: Bool
        let templateError: String?
    }

    struct Fields: Decodable, Sendable {
        var name: String?
        var purpose: String?
        var objective: String?
        var scope: String?
        var facilitator: String?
        var participants: [String]?
        var cadence: String?
        var nth: String?
        var weekday: String?
        var time: String?
        var shift: String?
        var duration: String?
        var lead: String?
        var boxes: [String]?
        var version: String?
    }

    // MARK: - New

    func new(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, body: nil, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("mtg-body-form", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let id: UUID = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                let (company, team) = try Self.scope(form.scope)
                let new = MeetingBodies.New(
                    name: form.name ?? "", purpose: try Self.purpose(form.purpose), objective: form.objective ?? "",
                    companyID: company, teamID: team, facilitatorID: try Self.member(form.facilitator),
                    participants: try Self.participants(form.participants), cadence: try Self.cadence(form, current: nil, today: reader.today(caller.now)),
                    durationMinutes: try Self.number(form.duration, "mtg_err_duration", field: "duration_minutes"),
                    agendaLeadDays: try Self.number(form.lead, "mtg_err_lead", field: "agenda_lead_days"))
                return try await MeetingBodies(tx, caller).create(new).id
            }
            return .seeOther("/meeting-bodies/\(id.lowercased)?done=created")
        } catch let error as DomainError where [.invalid, .missing, .conflict, .preconditionFailed].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, body: nil, typed: form, error: error, page: "/meetings/bodies/new")
            }
            return PageResponse.render("mtg-body-form", model, status: Problem(domain: error).status)
        }
    }

    // MARK: - Edit

    func edit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try MeetingBodyPage.id(context)
        let model = try await store.tenant(context) { tx, caller in
            let body = try await MeetingBodies(tx, caller).get(id)
            return try await load(tx, caller, body: body, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("mtg-body-form", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try MeetingBodyPage.id(context)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                let bodies = MeetingBodies(tx, caller)
                let body = try await bodies.get(id)
                var changes = MeetingBodies.Changes()
                let purpose = try Self.purpose(form.purpose)
                changes.name = form.name ?? ""
                changes.purpose = purpose
                changes.objective = form.objective ?? ""
                changes.facilitatorID = .set(try Self.member(form.facilitator))
                changes.participants = try Self.participants(form.participants)
                if form.cadence != "keep" {
                    changes.cadence = .set(try Self.cadence(form, current: body.cadence, today: reader.today(caller.now)))
                }
                changes.durationMinutes = try Self.number(form.duration, "mtg_err_duration", field: "duration_minutes")
                changes.agendaLeadDays = try Self.number(form.lead, "mtg_err_lead", field: "agenda_lead_days")
                changes.template = purpose == body.purpose ? try Self.timeBoxes(form.boxes, body.template) : .standard(for: purpose)
                _ = try await bodies.update(id, changes, expectedVersion: form.version.flatMap { Int($0) })
            }
            return .seeOther("/meeting-bodies/\(id.lowercased)?done=saved")
        } catch let error as DomainError where [.invalid, .missing, .conflict, .preconditionFailed].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                let body = try await MeetingBodies(tx, caller).get(id)
                return try await load(tx, caller, body: body, typed: form, error: error, page: "/meeting-bodies/\(id.lowercased)/edit")
            }
            return PageResponse.render("mtg-body-form", model, status: Problem(domain: error).status)
        }
    }

    // MARK: - Reading the form

    static func purpose(_ text: String?) throws -> MeetingPurpose {
        guard let purpose = text.flatMap(MeetingPurpose.init(rawValue:)) else { throw DomainError(.missing, "mtg_err_purpose", field: "purpose") }
        return purpose
    }

    /// `org`, `company:<id>` or `team:<id>`.
    static func scope(_ text: String?) throws -> (UUID?, UUID?) {
        let parts = (text ?? "").split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first {
        case "org": return (nil, nil)
        case "company": if let id = MeetingPageText.id(parts.last) { return (id, nil) }
        case "team": if let id = MeetingPageText.id(parts.last) { return (nil, id) }
        default: break
        }
        throw DomainError(.missing, "mtg_err_scope", field: "company_id")
    }

    static func member(_ text: String?) throws -> UUID? {
        guard let text, !text.isEmpty else { return nil }
        guard let id = MeetingPageText.id(text) else { throw DomainError(.invalid, "mtg_err_member", field: "facilitator_id") }
        return id
    }

    /// `member:<id>` and `position:<id>`.
    static func participants(_ values: [String]?) throws -> [MeetingParticipant] {
        try (values ?? []).map { value in
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            switch (parts.first, MeetingPageText.id(parts.last)) {
            case ("member", let id?): return .member(id)
            case ("position", let id?): return .position(id)
            default: throw DomainError(.invalid, "mtg_err_participants", field: "participants")
            }
        }
    }

    static func number(_ text: String?, _ message: String, field: String) throws -> Int {
        guard let value = text.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw DomainError(.invalid, message, field: field)
        }
        return value
    }

    /// The few cadence fields as a recurrence: the Nth weekday of each month, every week or every other week on one
    /// weekday, with an optional move off closed days. A fortnightly rule counts its weeks from the current one
    /// (or keeps the turn it had, when the weekday stays the same).
    static func cadence(_ form: Fields, current: Recurrence?, today: LocalDate) throws -> Recurrence? {
        let kind = form.cadence ?? "none"
        guard kind != "none" else { return nil }
        guard let at = form.time.flatMap({ LocalTime($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw DomainError(.invalid, "mtg_err_time", field: "cadence")
        }
        guard let weekday = form.weekday.flatMap({ Int($0) }), (1...7).contains(weekday) else {
            throw DomainError(.invalid, "mtg_err_weekday", field: "cadence")
        }
        let shift: BusinessCalendar.Shift?
        switch form.shift ?? "" {
        case "", "none": shift = nil
        case let text:
            guard let parsed = BusinessCalendar.Shift(rawValue: text) else { throw DomainError(.invalid, "mtg_err_shift", field: "cadence") }
            shift = parsed
        }
        let recurrence: Recurrence
        switch kind {
        case "monthly":
            guard let n = form.nth.flatMap({ Int($0) }), [1, 2, 3, 4, -1].contains(n) else { throw DomainError(.invalid, "mtg_err_nth", field: "cadence") }
            recurrence = .nthWeekday(n: n, weekday: weekday, at: at, shift: shift)
        case "weekly":
            recurrence = .weekly(weekdays: [weekday], at: at, onClosedDay: shift.map { .shift($0) })
        case "fortnightly":
            var anchor = today
            if case .fortnightly(let days, let kept, _, _)? = current, days == [weekday] { anchor = kept }
            recurrence = .fortnightly(weekdays: [weekday], anchor: anchor, at: at, onClosedDay: shift.map { .shift($0) })
        default:
            throw DomainError(.invalid, "mtg_err_cadence", field: "cadence")
        }
        return try recurrence.validated()
    }

    /// The template with each section's time box as typed, in the order the form showed them.
    static func timeBoxes(_ values: [String]?, _ template: AgendaTemplate) throws -> AgendaTemplate? {
        guard let values else { return nil }
        guard values.count == template.sections.count else { throw DomainError(.invalid, "mtg_err_box", field: "agenda_template") }
        var copy = template
        for (index, text) in values.enumerated() {
            guard let minutes = Int(text.trimmingCharacters(in: .whitespaces)), (0...240).contains(minutes) else {
                throw DomainError(.invalid, "mtg_err_box", field: "agenda_template")
            }
            copy.sections[index].minutes = minutes
        }
        return copy
    }

    /// The cadence fields of a recurrence the form can show; `nil` for one it cannot (kept as it is unless changed).
    static func fields(of recurrence: Recurrence?) -> (kind: String, nth: Int, weekday: Int, time: String, shift: String)? {
        func name(_ rule: Recurrence.OnClosedDay?) -> String? {
            switch rule {
            case nil: "none"
            case .shift(let shift)?: shift.rawValue
            case .skip?: nil
            }
        }
        switch recurrence {
        case nil: return ("none", 2, 2, "10:00", "previous")
        case .nthWeekday(let n, let weekday, let at, let shift)?: return ("monthly", n, weekday, at.description, shift?.rawValue ?? "none")
        case .weekly(let days, let at, let rule)? where days.count == 1:
            guard let shift = name(rule) else { return nil }
            return ("weekly", 2, days.first!, at.description, shift)
        case .fortnightly(let days, _, let at, let rule)? where days.count == 1:
            guard let shift = name(rule) else { return nil }
            return ("fortnightly", 2, days.first!, at.description, shift)
        default: return nil
        }
    }

    // MARK: - The form

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, body: MeetingBody?, typed: Fields?, error: DomainError?, page: String
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let places = try await MeetingPageText.places(tx, caller)
        // Shown only to those the use case would not refuse; the use case checks again on saving.
        var scopes: [Scope] = [.org] + places.companies.map { .company($0.id) } + places.teams.map { .team($0.id) }
        scopes = scopes.filter { identity.authorizer.can(identity.actor, .manageMeetings, in: $0).allowed }
        if let body {
            guard identity.authorizer.can(identity.actor, .manageMeetings, in: body.scope).allowed else {
                throw DomainError(.forbidden, "only meeting managers may edit a meeting body", permission: Permission.manageMeetings.rawValue)
            }
        } else if scopes.isEmpty {
            throw DomainError(.forbidden, "only meeting managers may create a meeting body", permission: Permission.manageMeetings.rawValue)
        }
        let members = try await MemberRepository.list(
            tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items.filter(\.active)
        let positions = try await PositionRepository.list(tx, visibleTo: identity.reach(.readGoals), after: nil, limit: 300).items

        func scopeValue(_ scope: Scope) -> String {
            switch scope {
            case .org: "org"
            case .company(let id): "company:\(id.lowercased)"
            case .team(let id): "team:\(id.lowercased)"
            }
        }
        let chosenScope = typed?.scope ?? body.map { scopeValue($0.scope) } ?? scopes.last.map(scopeValue) ?? "org"
        let chosenPurpose = typed?.purpose ?? body?.purpose.rawValue ?? MeetingPurpose.decide.rawValue
        let chosenFacilitator = typed?.facilitator ?? body?.facilitatorID?.lowercased ?? identity.memberID.lowercased
        var chosenParticipants = Set(typed?.participants ?? [])
        if typed == nil, let body {
            chosenParticipants = Set(body.participants.map {
                switch $0 {
                case .member(let id): "member:\(id.lowercased)"
                case .position(let id): "position:\(id.lowercased)"
                }
            })
        }
        let current = Self.fields(of: body?.cadence)
        let kind = typed?.cadence ?? (body == nil ? "monthly" : current?.kind ?? "keep")
        let nth = typed?.nth ?? String(current?.nth ?? 2)
        let weekday = typed?.weekday ?? String(current?.weekday ?? 2)
        let shift = typed?.shift ?? current?.shift ?? "previous"
        var kinds = ["none", "monthly", "weekly", "fortnightly"]
        if body != nil, current == nil { kinds.insert("keep", at: 0) }

        let message = error.map { $0.code == .preconditionFailed ? t["mtg_err_stale_body"] : t.explain($0) }
        func on(_ fields: String...) -> String? { fields.contains(error?.field ?? "") ? message : nil }
        let known = ["name", "purpose", "objective", "company_id", "team_id", "facilitator_id", "participants", "cadence",
                     "duration_minutes", "agenda_lead_days", "agenda_template"]
        let boxes = typed?.boxes
        let title = body.map { t.format("mtg_body_edit_title", ["name": $0.name]) } ?? t["mtg_body_new"]
        return Model(
            chrome: reader.chrome(title: title, current: "/meetings", page: page), t: t.strings, title: title,
            action: body.map { "/meeting-bodies/\($0.id.lowercased)/edit" } ?? "/meetings/bodies/new",
            cancel: body.map { "/meeting-bodies/\($0.id.lowercased)" } ?? "/meetings", isNew: body == nil,
            version: body.map { String($0.version) } ?? "",
            error: known.contains(error?.field ?? "") ? nil : message,
            name: typed?.name ?? body?.name ?? "", nameError: on("name"),
            purposes: MeetingPurpose.allCases.map {
                Choice(id: "purpose-\($0.rawValue)", value: $0.rawValue, label: MeetingPageText.purpose($0, t), hint: t["mtg_purpose_hint_\($0.rawValue)"],
                       checked: $0.rawValue == chosenPurpose)
            },
            purposeError: on("purpose"),
            objective: typed?.objective ?? body?.objective ?? "", objectiveError: on("objective"),
            scopes: body == nil ? scopes.map { FormOption(value: scopeValue($0), label: places.name(of: $0, t), selected: scopeValue($0) == chosenScope) } : [],
            scopeText: body.map { places.name(of: $0.scope, t) },
            scopeError: on("company_id", "team_id"),
            facilitators: [FormOption(value: "", label: t["mtg_no_facilitator"], selected: chosenFacilitator.isEmpty)]
                + members.map { FormOption(value: $0.id.lowercased, label: $0.displayName, selected: $0.id.lowercased == chosenFacilitator) },
            facilitatorError: on("facilitator_id"),
            members: members.map {
                Choice(id: "p-member-\($0.id.lowercased)", value: "member:\($0.id.lowercased)", label: $0.displayName, hint: nil,
                       checked: chosenParticipants.contains("member:\($0.id.lowercased)"))
            },
            positions: positions.map {
                Choice(id: "p-position-\($0.id.lowercased)", value: "position:\($0.id.lowercased)",
                       label: t.format("mtg_position_holders", ["name": $0.name]), hint: nil,
                       checked: chosenParticipants.contains("position:\($0.id.lowercased)"))
            },
            hasPositions: !positions.isEmpty,
            participantsError: on("participants"),
            cadences: kinds.map { FormOption(value: $0, label: t["mtg_cadence_\($0)"], selected: $0 == kind) },
            currentCadence: body?.cadence.map { t.format("mtg_cadence_current", ["cadence": f.recurrence($0)]) },
            nths: ["1", "2", "3", "4", "-1"].map { FormOption(value: $0, label: t["mtg_nth_\($0 == "-1" ? "last" : $0)"], selected: $0 == nth) },
            weekdays: (1...7).map { FormOption(value: String($0), label: t["mtg_weekday_\($0)"], selected: String($0) == weekday) },
            time: typed?.time ?? current?.time ?? "10:00",
            shifts: ["none", "previous", "next"].map { FormOption(value: $0, label: t["mtg_shift_\($0)"], selected: $0 == shift) },
            cadenceError: on("cadence"),
            duration: typed?.duration ?? body.map { String($0.durationMinutes) } ?? "60", durationError: on("duration_minutes"),
            lead: typed?.lead ?? body.map { String($0.agendaLeadDays) } ?? "2", leadError: on("agenda_lead_days"),
            boxes: body.map { body in
                body.template.sections.enumerated().map { index, section in
                    var generator: AgendaGenerator?
                    if case .generator(let g) = section.content { generator = g }
                    return Box(
                        id: "box-\(index)",
                        label: AgendaWording.heading(title: section.title, generator: generator, key: section.key, MeetingPageText.locale(t)),
                        value: boxes.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? String(section.minutes))
                }
            } ?? [],
            hasBoxes: body != nil,
            templateError: on("agenda_template"))
    }
}
