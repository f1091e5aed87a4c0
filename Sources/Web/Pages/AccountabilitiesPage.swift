import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/accountabilities`: what I am accountable for, what I assigned, and my team's (the views a CS manager switches
/// between), each with its answer in place — acknowledge, decline with a reason, complete — and, for whoever may
/// assign, the form to assign one (a member, a goal or a duty in words, a due day, a note). `/accountabilities/{id}`
/// is one with its history (who had it before a reassignment).
struct AccountabilitiesPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let id: String
        let title: String
        let href: String?
        let who: String
        let due: String?
        let overdue: Bool
        let state: String
        let stateClass: String
        let note: String?
        let reason: String?
        let canAnswer: Bool
        let canComplete: Bool
        let detail: String
    }

    struct Tab: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    struct AssignForm: Sendable {
        let members: [FormOption]
        let goals: [FormOption]
        let duty: String
        let dueDate: String
        let note: String
        let error: String?
        let memberError: String?
        let subjectError: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let tabs: [Tab]
        let rows: [Row]
        let empty: Bool
        let assign: AssignForm?
        let notice: String?
        let history: [Row]
        let hasHistory: Bool
    }

    enum View: String { case mine, assigned, team }

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let view = request.uri.queryParameters["view"].flatMap { View(rawValue: String($0)) } ?? .mine
        let notice = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in
            try await load(view: view, tx: tx, caller: caller, page: request.uri.description, refused: nil, notice: notice)
        }
        return PageResponse.render("accountabilities", model)
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t
            let item = try await Accountabilities(tx, caller).get(id)
            let names = try await MemberRepository.displayNames(tx)
            let titles = try await Self.subjectTitles([item], tx: tx)
            // Earlier holders: follow `replaces` back, as far as the reader may read.
            var history: [Accountability] = []
            var cursor = item.replacesID
            while let previous = cursor, history.count < 20,
                let older = try? await Accountabilities(tx, caller).get(previous)
            {
                history.append(older)
                cursor = older.replacesID
            }
            let today = reader.today(caller.now)
            let row = Self.row(item, caller.identity, names: names, titles: titles, reader: reader, today: today)
            return Model(
                chrome: reader.chrome(title: row.title, current: "/accountabilities", page: request.uri.description),
                t: t.strings, title: row.title, tabs: [], rows: [row], empty: false, assign: nil,
                notice: request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }.map { t[$0] },
                history: history.map { Self.row($0, caller.identity, names: names, titles: titles, reader: reader, today: today) },
                hasHistory: !history.isEmpty)
        }
        return PageResponse.render("accountabilities", model)
    }

    // MARK: - Forms

    struct AnswerFields: Decodable {
        var answer: String?
        var reason: String?
        var back: String?
    }

    func answer(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: AnswerFields.self, context: context)
        let done: String = try await store.tenant(context) { tx, caller in
            let accountabilities = Accountabilities(tx, caller)
            switch form.answer {
            case "acknowledge": _ = try await accountabilities.respond(id, acknowledge: true, reason: nil); return "acknowledged"
            case "decline":
                _ = try await accountabilities.respond(id, acknowledge: false, reason: GoalPage.text(form.reason))
                return "declined"
            case "complete": _ = try await accountabilities.complete(id); return "completed"
            default: throw DomainError(.invalid, "acknowledge, decline or complete", field: "answer")
            }
        }
        let back = SignInTarget.safe(form.back ?? "/accountabilities")
        return .seeOther(back + (back.contains("?") ? "&" : "?") + "done=" + done)
    }

    struct AssignFields: Decodable {
        var assignee: String?
        var goal: String?
        var duty: String?
        var dueDate: String?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case assignee, goal, duty, note
            case dueDate = "due_date"
        }
    }

    func assign(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: AssignFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                guard let assignee = form.assignee.flatMap(UUID.init(uuidString:)) else {
                    throw DomainError(.missing, "form_choose_member", field: "assignee_id")
                }
                let goal = form.goal.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
                let duty = GoalPage.text(form.duty)
                guard goal != nil || duty != nil else { throw DomainError(.missing, "form_subject", field: "subject") }
                let due = try form.dueDate.flatMap { text -> LocalDate? in
                    guard !text.isEmpty else { return nil }
                    guard let day = LocalDate(iso: text) else { throw DomainError(.invalid, "form_date", field: "due_date") }
                    return day
                }
                var companyID: UUID?, teamID: UUID?
                if goal == nil {
                    // A duty lives where the assignee works: their first team, else the org.
                    let member = try await MemberRepository.get(tx, id: assignee)
                    teamID = member?.teamIDs.first
                    companyID = teamID.flatMap { caller.identity.structure.companyOfTeam[$0] }
                }
                let accountabilities = Accountabilities(tx, caller)
                _ = try await accountabilities.assign(
                    try await accountabilities.check(
                        .init(
                            assigneeID: assignee, subjectType: goal == nil ? .duty : .goal, subjectID: goal, duty: goal == nil ? duty : nil,
                            companyID: companyID, teamID: teamID, dueDate: due, note: GoalPage.text(form.note))))
            }
            return .seeOther("/accountabilities?view=assigned&done=assigned")
        } catch let error as DomainError where error.code != .notFound {
            let model = try await store.tenant(context) { tx, caller in
                try await load(view: .assigned, tx: tx, caller: caller, page: "/accountabilities?view=assigned", refused: (form, error), notice: nil)
            }
            return PageResponse.render("accountabilities", model, status: Problem(domain: error).status)
        }
    }

    // MARK: - The list

    static let notices = [
        "acknowledged": "notice_acknowledged", "declined": "notice_declined", "completed": "notice_completed",
        "assigned": "notice_assigned",
    ]

    private func load(
        view: View, tx: TenantTransaction, caller: Caller, page: String, refused: (AssignFields, DomainError)?, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let identity = caller.identity
        let me = identity.memberID
        let open: [Accountability.State] = [.pending, .acknowledged, .declined]
        let filter: AccountabilityRepository.Filter =
            switch view {
            case .mine: .init(assigneeID: me, states: open)
            case .assigned: .init(assignedByID: me, states: open)
            case .team: .init(states: open)
            }
        let items = try await AccountabilityRepository.list(
            tx, filter: filter, visibleTo: identity.reach(.readGoals), after: nil, limit: 200).items
            .sorted { ($0.dueDate ?? .distantFuture, $0.id) < ($1.dueDate ?? .distantFuture, $1.id) }
        let names = try await MemberRepository.displayNames(tx)
        let titles = try await Self.subjectTitles(items, tx: tx)
        let canAssign = identity.actor.grants.contains { $0.role.permissions.contains(.assignAccountabilities) }
        var assign: AssignForm?
        if canAssign {
            let members = try await MemberRepository.list(
                tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items
                .filter(\.active)
            let half = FiscalPeriod.containing(reader.today(caller.now), kind: .half, startMonth: identity.fiscalYearStartMonth)
            let goals = try await GoalRepository.list(
                tx, filter: .init(within: half.fiscalYearPeriod), visibleTo: identity.reach(.readGoals), after: nil, limit: 300).items
            let typed = refused?.0
            let error = refused.map { e -> DomainError in var e = e.1; e.message = t.explain(e); return e }
            assign = AssignForm(
                members: [FormOption(value: "", label: t["assign_choose"], selected: typed?.assignee == nil)]
                    + members.map { FormOption(value: $0.id.lowercased, label: $0.displayName, selected: typed?.assignee == $0.id.lowercased) },
                goals: [FormOption(value: "", label: t["assign_no_goal"], selected: (typed?.goal ?? "").isEmpty)]
                    + goals.map {
                        FormOption(value: $0.id.lowercased, label: "\(t["kind_\($0.kind.rawValue)"]) \($0.title)", selected: typed?.goal == $0.id.lowercased)
                    },
                duty: typed?.duty ?? "", dueDate: typed?.dueDate ?? "", note: typed?.note ?? "",
                error: error.flatMap { ["assignee_id", "subject"].contains($0.field ?? "") ? nil : $0.message },
                memberError: error.flatMap { $0.field == "assignee_id" ? $0.message : nil },
                subjectError: error.flatMap { $0.field == "subject" ? $0.message : nil })
        }
        let tabs: [(View, String)] = [(.mine, "acc_tab_mine"), (.assigned, "acc_tab_assigned"), (.team, "acc_tab_team")]
        return Model(
            chrome: reader.chrome(title: t["acc_title"], current: "/accountabilities", page: page), t: t.strings,
            title: t["acc_title"],
            tabs: tabs.map { Tab(label: t[$0.1], href: "/accountabilities?view=\($0.0.rawValue)", current: $0.0 == view) },
            rows: items.map { Self.row($0, identity, names: names, titles: titles, reader: reader, today: reader.today(caller.now)) },
            empty: items.isEmpty,
            assign: assign, notice: notice.flatMap { Self.notices[$0] }.map { t[$0] }, history: [], hasHistory: false)
    }

    static func subjectTitles(_ items: [Accountability], tx: TenantTransaction) async throws -> [UUID: (String, String)] {
        let ids = Set(items.filter { $0.subjectType == .goal }.compactMap(\.subjectID))
        var titles: [UUID: (String, String)] = try await GoalRepository.titles(tx, ids: Array(ids)).reduce(into: [:]) { titles, goal in
            titles[goal.key] = (goal.value, "/goals/\(goal.key.lowercased)")
        }
        // An action item agreed at a meeting links back to that meeting.
        let actions = Set(items.filter { $0.subjectType == .meetingAction }.compactMap(\.subjectID))
        for (id, link) in try await MeetingActionRepository.meetingLinks(tx, ids: Array(actions)) {
            titles[id] = (link.title, "/meetings/\(link.meetingID.lowercased)")
        }
        return titles
    }

    static func row(
        _ item: Accountability, _ identity: Identity, names: [UUID: String], titles: [UUID: (String, String)], reader: Reader,
        today: LocalDate
    ) -> Row {
        let t = reader.t, f = reader.format
        let subject = item.subjectID.flatMap { titles[$0] }
        let mine = item.assigneeID == identity.memberID
        return Row(
            id: item.id.lowercased, title: item.duty ?? subject?.0 ?? t["acc_subject_\(item.subjectType.rawValue)"],
            href: subject?.1,
            who: t.format("acc_who", ["assignee": names[item.assigneeID] ?? "", "assigner": names[item.assignedByID] ?? ""]),
            due: item.dueDate.map { t.format("home_due", ["date": f.date($0)]) },
            overdue: item.dueDate.map { $0 < today && !item.state.isClosed } ?? false,
            state: t["acc_state_\(item.state.rawValue)"], stateClass: item.state.rawValue, note: item.note,
            reason: item.responseReason,
            canAnswer: mine && item.state == .pending,
            canComplete: (mine || identity.authorizer.can(identity.actor, .assignAccountabilities, in: item.scope).allowed)
                && (item.state == .pending || item.state == .acknowledged),
            detail: "/accountabilities/\(item.id.lowercased)")
    }

    static func id(_ request: Request, _ context: AuthenticatedContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw DomainError(.notFound, "accountability not found")
        }
        return id
    }
}

extension LocalDate {
    /// Later than any due day, for sorting the undated last.
    static let distantFuture = LocalDate(daysSinceEpoch: 1_000_000)
}
