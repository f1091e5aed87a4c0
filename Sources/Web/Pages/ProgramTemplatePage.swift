import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/programs/templates/new` and `/program-templates/{id}`: a program template — name, months, the monthly hour
/// budget and the planned sessions (kind, program month, title: the rows it has and three blank ones) — and its
/// archiving after a confirming step. Readers who may not shape programs see the plan without the form.
struct ProgramTemplatePage: Sendable {
    let store: Store

    struct Row: Sendable {
        let index: String
        let kinds: [FormOption]
        let month: String
        let title: String
        let kindLabel: String
        let monthLabel: String
        let titleLabel: String
    }

    struct Planned: Sendable {
        let kind: String
        let month: String
        let title: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let title: String
        let isNew: Bool
        let canManage: Bool
        let archived: Bool
        let confirmArchive: Bool
        let notice: String?
        let action: String
        let archiveHref: String
        let version: String
        let error: String?
        let name: String
        let nameError: String?
        let months: String
        let monthsError: String?
        let budget: String
        let budgetError: String?
        let rows: [Row]
        let sessionsError: String?
        let planned: [Planned]
        let noPlanned: Bool
        let facts: [EnrolmentPage.Fact]
    }

    struct Fields: Decodable, Sendable {
        var name: String?
        var months: String?
        var budget: String?
        var kind: [String]?
        var month: [String]?
        var title: [String]?
        var version: String?
    }

    static let notices = ["created": "prg_notice_template_created", "saved": "prg_notice_template"]

    func new(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, template: nil, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("prg-template", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let id: UUID = try await store.tenant(context) { tx, caller in
                let new = ProgramTemplates.New(
                    name: form.name ?? "", months: try Self.months(form.months),
                    monthlyBudgetMinutes: try Self.budget(form.budget), sessions: try Self.sessions(form))
                return try await ProgramTemplates(tx, caller).create(new).id
            }
            return .seeOther("/program-templates/\(id.lowercased)?done=created")
        } catch let error as DomainError where EnrolmentPage.refusals.contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, template: nil, typed: form, error: error, page: "/programs/templates/new")
            }
            return PageResponse.render("prg-template", model, status: Problem(domain: error).status)
        }
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProgramPageText.id(context.parameters.get("id"), "program template")
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            let template = try await ProgramTemplates(tx, caller).get(id)
            return try await load(tx, caller, template: template, typed: nil, error: nil, page: request.uri.description, notice: notice)
        }
        return PageResponse.render("prg-template", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProgramPageText.id(context.parameters.get("id"), "program template")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                var changes = ProgramTemplates.Changes()
                changes.name = form.name ?? ""
                changes.months = try Self.months(form.months) ?? ProgramTemplate.defaultMonths
                changes.monthlyBudgetMinutes = try Self.budget(form.budget)
                changes.sessions = try Self.sessions(form) ?? []
                _ = try await ProgramTemplates(tx, caller).update(id, changes, expectedVersion: ProgramPageText.version(form.version))
            }
            return .seeOther("/program-templates/\(id.lowercased)?done=saved")
        } catch let error as DomainError where EnrolmentPage.refusals.contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                let template = try await ProgramTemplates(tx, caller).get(id)
                return try await load(tx, caller, template: template, typed: form, error: error, page: "/program-templates/\(id.lowercased)")
            }
            return PageResponse.render("prg-template", model, status: Problem(domain: error).status)
        }
    }

    func confirmArchive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProgramPageText.id(context.parameters.get("id"), "program template")
        let model = try await store.tenant(context) { tx, caller in
            let template = try await ProgramTemplates(tx, caller).get(id)
            guard caller.identity.authorizer.canSomewhere(caller.identity.actor, .manageSuccess, within: .org) else {
                throw DomainError(.forbidden, "only managers and CS ops edit program templates", permission: Permission.manageSuccess.rawValue)
            }
            return try await load(tx, caller, template: template, typed: nil, error: nil, page: request.uri.description, confirm: true)
        }
        return PageResponse.render("prg-template", model)
    }

    func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try ProgramPageText.id(context.parameters.get("id"), "program template")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        try await store.tenant(context) { tx, caller in
            try await ProgramTemplates(tx, caller).archive(id, expectedVersion: ProgramPageText.version(form.version))
        }
        return .seeOther("/programs?done=archived#templates-heading")
    }

    // MARK: - Reading the form

    static func months(_ text: String?) throws -> Int? {
        guard let months = try ProgramPageText.integer(text, field: "months", "prg_err_months") else { return nil }
        return months
    }

    /// Hours a month as typed (`5`, `4.5`) to minutes; at most five hours, seed 002's ceiling.
    static func budget(_ text: String?) throws -> Int? {
        guard let minutes = try ProgramPageText.minutes(fromHours: text, field: "monthly_budget_minutes") else { return nil }
        guard minutes <= ProgramTemplate.defaultMonthlyBudgetMinutes else {
            throw DomainError(.invalid, "prg_err_budget_max", field: "monthly_budget_minutes")
        }
        return minutes
    }

    /// The planned sessions: every row with a title; a row without one is left out.
    static func sessions(_ form: Fields) throws -> [ProgramTemplate.PlannedSession]? {
        let kinds = form.kind ?? [], months = form.month ?? [], titles = form.title ?? []
        guard kinds.count == titles.count, months.count == titles.count, titles.count <= 103 else {
            throw DomainError(.invalid, "prg_err_sessions", field: "sessions")
        }
        if titles.isEmpty { return nil }
        var planned: [ProgramTemplate.PlannedSession] = []
        for index in titles.indices {
            let title = titles[index].trimmingCharacters(in: .whitespacesAndNewlines)
            if title.isEmpty { continue }
            guard let kind = ProgramSessionKind(rawValue: kinds[index]) else {
                throw DomainError(.invalid, "prg_err_kind", field: "sessions[\(planned.count)].kind")
            }
            guard let month = try ProgramPageText.integer(months[index], field: "sessions[\(planned.count)].month", "prg_err_session_month") else {
                throw DomainError(.missing, "prg_err_session_month", field: "sessions[\(planned.count)].month")
            }
            planned.append(ProgramTemplate.PlannedSession(kind: kind, month: month, title: title))
        }
        return planned
    }

    // MARK: - The page

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, template: ProgramTemplate?, typed: Fields?, error: DomainError?, page: String,
        notice: String? = nil, confirm: Bool = false
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let canManage = identity.authorizer.canSomewhere(identity.actor, .manageSuccess, within: .org)
        if template == nil, !canManage {
            throw DomainError(.forbidden, "only managers and CS ops edit program templates", permission: Permission.manageSuccess.rawValue)
        }
        let message = error.map { $0.code == .preconditionFailed ? t["prg_err_stale"] : t.explain($0) }
        let field = error?.field ?? ""
        func on(_ names: String...) -> String? { names.contains(field) ? message : nil }
        let sessionsError = field.hasPrefix("sessions") ? message : nil

        let months = typed?.months ?? template.map { String($0.months) } ?? String(ProgramTemplate.defaultMonths)
        let budget = typed?.budget ?? f.number(Double(template?.monthlyBudgetMinutes ?? ProgramTemplate.defaultMonthlyBudgetMinutes) / 60)
        var sessions: [(kind: String, month: String, title: String)]
        if let typed, let titles = typed.title {
            func at(_ values: [String]?, _ i: Int) -> String { values.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? "" }
            sessions = titles.indices.map { (at(typed.kind, $0), at(typed.month, $0), titles[$0]) }
        } else {
            let existing = template?.sessions ?? ProgramTemplate.standardSessions().map {
                ProgramTemplate.PlannedSession(kind: $0.kind, month: $0.month, title: t["prg_kind_\($0.kind.rawValue)"])
            }
            sessions = existing.map { ($0.kind.rawValue, String($0.month), $0.title) } + Array(repeating: (ProgramSessionKind.pairSupport.rawValue, "", ""), count: 3)
        }
        let rows = sessions.enumerated().map { index, row in
            let n = String(index + 1)
            return Row(
                index: String(index),
                kinds: ProgramSessionKind.allCases.map { FormOption(value: $0.rawValue, label: ProgramPageText.kind($0, t), selected: $0.rawValue == row.kind) },
                month: row.month, title: row.title,
                kindLabel: t.format("prg_row_kind", ["n": n]), monthLabel: t.format("prg_row_month", ["n": n]),
                titleLabel: t.format("prg_row_title", ["n": n]))
        }
        let title = template.map { t.format("prg_template_title", ["name": $0.name]) } ?? t["prg_template_new"]
        let id = template?.id.lowercased ?? ""
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .programs), title: title, isNew: template == nil,
            canManage: canManage && template?.archivedAt == nil, archived: template?.archivedAt != nil, confirmArchive: confirm,
            notice: notice.map { t[$0] },
            action: template == nil ? "/programs/templates/new" : "/program-templates/\(id)",
            archiveHref: "/program-templates/\(id)/archive", version: template.map { String($0.version) } ?? "",
            error: message, name: typed?.name ?? template?.name ?? "", nameError: on("name"),
            months: months, monthsError: on("months"), budget: budget, budgetError: on("monthly_budget_minutes"),
            rows: rows, sessionsError: sessionsError,
            planned: (template?.sessions ?? []).map {
                Planned(kind: ProgramPageText.kind($0.kind, t), month: t.format("prg_month_n", ["number": String($0.month)]), title: $0.title)
            },
            noPlanned: (template?.sessions ?? []).isEmpty,
            facts: template.map {
                [
                    EnrolmentPage.Fact(label: t["prg_months"], value: String($0.months)),
                    EnrolmentPage.Fact(label: t["prg_budget"], value: t.format("prg_budget_value", ["hours": f.number($0.monthlyBudgetHours)])),
                ]
            } ?? [])
    }
}
