import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/success/definitions/new` and `/success-definitions/{id}/edit`: a success definition's form — tier and scope
/// (fixed once made), the definition, audience, aims (one a line), responsible team, method, and the measures as
/// rows without JavaScript: the existing ones (each may be removed with a checkbox) and three blank rows; a blank
/// row is ignored. Refused input comes back with everything kept and the message beside its field or row.
struct SuccessDefinitionFormPage: Sendable {
    let store: Store

    static let blankRows = 3

    struct Choice: Sendable {
        let id: String
        let value: String
        let label: String
        let hint: String
        let checked: Bool
    }

    struct Row: Sendable {
        let n: String
        let legend: String
        let id: String
        let existing: Bool
        let name: String
        let kinds: [FormOption]
        let metric: String
        let comparisons: [FormOption]
        let threshold: String
        let requireds: [FormOption]
        let removed: Bool
        let rowError: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let title: String
        let action: String
        let cancel: String
        let isNew: Bool
        let version: String
        let error: String?
        let hasFieldErrors: Bool
        let errorAnchor: String?
        let tiers: [Choice]
        let tierText: String?
        let tierError: String?
        let scopes: [FormOption]
        let scopeText: String?
        let scopeError: String?
        let definition: String
        let definitionError: String?
        let audience: String
        let audienceError: String?
        let aims: String
        let aimsError: String?
        let teams: [FormOption]
        let teamError: String?
        let method: String
        let methodError: String?
        let rows: [Row]
        let measuresError: String?
    }

    struct Fields: Decodable, Sendable {
        var tier: String?
        var scope: String?
        var definition: String?
        var audience: String?
        var aims: String?
        var team: String?
        var method: String?
        var version: String?
        var measureID: [String]?
        var measureName: [String]?
        var measureKind: [String]?
        var measureMetric: [String]?
        var measureComparison: [String]?
        var measureThreshold: [String]?
        var measureRequired: [String]?
        var remove: [String]?

        enum CodingKeys: String, CodingKey {
            case tier, scope, definition, audience, aims, team, method, version, remove
            case measureID = "measure_id", measureName = "measure_name", measureKind = "measure_kind", measureMetric = "measure_metric"
            case measureComparison = "measure_comparison", measureThreshold = "measure_threshold", measureRequired = "measure_required"
        }

        var rowCount: Int {
            [measureID, measureName, measureKind, measureMetric, measureComparison, measureThreshold, measureRequired]
                .map { $0?.count ?? 0 }.max() ?? 0
        }

        func value(_ list: [String]?, _ i: Int) -> String {
            guard let list, list.indices.contains(i) else { return "" }
            return list[i]
        }
    }

    // MARK: - New

    func new(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, definition: nil, typed: nil, error: nil, rows: [], page: request.uri.description)
        }
        return PageResponse.render("sdf-form", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        let rows = Self.rows(form)
        do {
            let tier = form.tier.flatMap(SuccessTier.init(rawValue:))
            let company = try Self.scope(form.scope)
            let team = try Self.team(form.team)
            let measures = try Self.measures(form, rows: rows)
            let id: UUID = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                guard reader.may(.manageSuccess) else {
                    throw DomainError(.forbidden, "sdf_err_forbidden", permission: Permission.manageSuccess.rawValue)
                }
                guard let tier else { throw DomainError(.missing, "sdf_err_tier", field: "tier") }
                let new = SuccessDefinitions.New(
                    tier: tier, companyID: company, definition: form.definition ?? "", audience: form.audience ?? "",
                    aims: Self.lines(form.aims), measures: measures, responsibleTeamID: team, method: form.method ?? "")
                return try await SuccessDefinitions(tx, caller).create(new).id
            }
            return .seeOther("/success-definitions/\(id.lowercased)?done=created")
        } catch let error as DomainError where Self.refusal(error) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, definition: nil, typed: form, error: error, rows: rows, page: "/success/definitions/new")
            }
            return PageResponse.render("sdf-form", model, status: Problem(domain: error).status)
        }
    }

    // MARK: - Edit

    func edit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try SuccessDefinitionPage.id(context)
        let model = try await store.tenant(context) { tx, caller in
            let definition = try await SuccessDefinitions(tx, caller).get(id)
            return try await load(tx, caller, definition: definition, typed: nil, error: nil, rows: [], page: request.uri.description)
        }
        return PageResponse.render("sdf-form", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try SuccessDefinitionPage.id(context)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        let rows = Self.rows(form)
        do {
            let team = try Self.team(form.team)
            let measures = try Self.measures(form, rows: rows)
            let expected = try SuccessPageText.version(form.version)
            try await store.tenant(context) { tx, caller in
                let definitions = SuccessDefinitions(tx, caller)
                let current = try await definitions.get(id)
                guard SuccessPageText.canManage(caller.identity, current.scope) else {
                    throw DomainError(.forbidden, "sdf_err_forbidden", permission: Permission.manageSuccess.rawValue)
                }
                let changes = SuccessDefinitions.Changes(
                    definition: form.definition ?? "", audience: form.audience ?? "", aims: Self.lines(form.aims), measures: measures,
                    responsibleTeamID: .some(team), method: form.method ?? "")
                _ = try await definitions.update(id, changes, expectedVersion: expected)
            }
            return .seeOther("/success-definitions/\(id.lowercased)?done=saved")
        } catch let error as DomainError where Self.refusal(error) {
            let model = try await store.tenant(context) { tx, caller in
                let definition = try await SuccessDefinitions(tx, caller).get(id)
                return try await load(tx, caller, definition: definition, typed: form, error: error, rows: rows,
                                      page: "/success-definitions/\(id.lowercased)/edit")
            }
            return PageResponse.render("sdf-form", model, status: Problem(domain: error).status)
        }
    }

    /// Refusals of what was typed come back in the form; others (403, 404) go to the error page.
    static func refusal(_ error: DomainError) -> Bool {
        [.invalid, .missing, .preconditionFailed].contains(error.code) || (error.code == .conflict && error.field != nil)
    }

    // MARK: - Reading the form

    /// `org` or `company:<id>`.
    static func scope(_ text: String?) throws -> UUID? {
        let parts = (text ?? "").split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first {
        case "org": return nil
        case "company": if let id = MeetingPageText.id(parts.last) { return id }
        default: break
        }
        throw DomainError(.missing, "sdf_err_scope", field: "company_id")
    }

    static func team(_ text: String?) throws -> UUID? {
        guard let text, !text.isEmpty else { return nil }
        guard let id = MeetingPageText.id(text) else { throw DomainError(.invalid, "sdf_err_team", field: "responsible_team_id") }
        return id
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The form rows that stand for a measure: a blank row (no id, name, metric or threshold) and a removed one are
    /// left out. The use case names a refused measure by its place among these.
    static func rows(_ form: Fields) -> [Int] {
        let removed = Set(form.remove ?? [])
        return (0..<min(form.rowCount, 60)).filter { i in
            let id = form.value(form.measureID, i).trimmingCharacters(in: .whitespaces)
            if !id.isEmpty { return !removed.contains(id) }
            return !(form.value(form.measureName, i).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                && form.value(form.measureMetric, i).trimmingCharacters(in: .whitespaces).isEmpty
                && form.value(form.measureThreshold, i).trimmingCharacters(in: .whitespaces).isEmpty)
        }
    }

    /// The rows as measures, checked as far as the form can (kind, comparison, a threshold that is a number); the
    /// use case checks the rest (names, metrics, that a kept id is one of the definition's).
    static func measures(_ form: Fields, rows: [Int]) throws -> [SuccessDefinitions.MeasureInput] {
        try rows.enumerated().map { index, i in
            let field = "measures[\(index)]"
            let idText = form.value(form.measureID, i).trimmingCharacters(in: .whitespaces)
            var id: UUID?
            if !idText.isEmpty {
                guard let known = MeetingPageText.id(idText) else { throw DomainError(.invalid, "sdf_err_measure_id", field: "\(field).id") }
                id = known
            }
            let metric = form.value(form.measureMetric, i).trimmingCharacters(in: .whitespaces)
            let threshold = form.value(form.measureThreshold, i).trimmingCharacters(in: .whitespaces)
            let criterion: SuccessMeasure.Criterion
            switch form.value(form.measureKind, i) {
            case "manual", "": criterion = .manual
            case "metric":
                guard !metric.isEmpty else { throw DomainError(.missing, "sdf_err_metric", field: "\(field).metric") }
                guard let comparison = MetricComparison(rawValue: form.value(form.measureComparison, i)) else {
                    throw DomainError(.invalid, "sdf_err_comparison", field: "\(field).comparison")
                }
                guard threshold.count <= 30, let value = Double(threshold.replacingOccurrences(of: ",", with: "")), value.isFinite else {
                    throw DomainError(.invalid, "sdf_err_threshold", field: "\(field).threshold")
                }
                criterion = .metric(name: metric, comparison: comparison, threshold: value)
            default: throw DomainError(.invalid, "sdf_err_kind", field: "\(field).kind")
            }
            let required: Bool
            switch form.value(form.measureRequired, i) {
            case "yes", "": required = true
            case "no": required = false
            default: throw DomainError(.invalid, "sdf_err_required", field: "\(field).required")
            }
            return .init(id: id, name: form.value(form.measureName, i), criterion: criterion, required: required)
        }
    }

    // MARK: - The model

    /// Where the error summary's link takes the reader, per refused field.
    static let anchors = [
        "tier": "tier-light", "company_id": "scope", "definition": "definition", "audience": "audience", "aims": "aims",
        "responsible_team_id": "team", "method": "method", "measures": "measures-legend",
    ]

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, definition: SuccessDefinition?, typed: Fields?, error: DomainError?, rows errorRows: [Int],
        page: String
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let companies = try await SuccessPageText.companies(tx)
        let teams = try await SuccessPageText.teams(tx, caller)
        var scopes: [(value: String, label: String)] = []
        if SuccessPageText.canManage(identity, .org) { scopes.append(("org", t["sdf_scope_org"])) }
        for (id, name) in companies.sorted(by: { $0.value < $1.value }) where SuccessPageText.canManage(identity, .company(id)) {
            scopes.append(("company:\(id.lowercased)", name))
        }
        if let definition {
            guard SuccessPageText.canManage(identity, definition.scope) else {
                throw DomainError(.forbidden, "sdf_err_forbidden", permission: Permission.manageSuccess.rawValue)
            }
            guard definition.archivedAt == nil else { throw DomainError(.conflict, "the success definition is archived") }
        } else if scopes.isEmpty {
            throw DomainError(.forbidden, "sdf_err_forbidden", permission: Permission.manageSuccess.rawValue)
        }

        let message = error.map { $0.code == .preconditionFailed ? t["sdf_err_stale"] : t.explain($0) }
        let field = error?.field ?? ""
        func on(_ fields: String...) -> String? { fields.contains(field) ? message : nil }
        // `measures[2].name` → the form row the third measure came from.
        var errorRow: Int?
        if let match = field.firstMatch(of: /^measures\[(\d+)\]/), let index = Int(match.output.1), errorRows.indices.contains(index) {
            errorRow = errorRows[index]
        }
        let known = ["tier", "company_id", "definition", "audience", "aims", "responsible_team_id", "method", "measures"]
        let chosenTier = typed?.tier ?? definition?.tier.rawValue ?? SuccessTier.light.rawValue
        let chosenScope = typed?.scope ?? scopes.last?.value ?? "org"
        let chosenTeam = typed?.team ?? definition?.responsibleTeamID?.lowercased ?? ""

        func kinds(_ value: String) -> [FormOption] {
            ["manual", "metric"].map { FormOption(value: $0, label: t["sdf_kind_\($0)"], selected: $0 == value) }
        }
        func comparisons(_ value: String) -> [FormOption] {
            MetricComparison.allCases.map {
                FormOption(value: $0.rawValue, label: "\($0.rawValue) \(SuccessPageText.comparison($0, t))", selected: $0.rawValue == value)
            }
        }
        func requireds(_ value: String) -> [FormOption] {
            [("yes", "sdf_required"), ("no", "sdf_optional")].map { FormOption(value: $0.0, label: t[$0.1], selected: $0.0 == value) }
        }
        var rows: [Row] = []
        func row(_ i: Int, id: String, name: String, kind: String, metric: String, comparison: String, threshold: String, required: String,
                 removed: Bool) -> Row {
            Row(
                n: String(i), legend: t.format("sdf_measure_row", ["n": String(i + 1)]), id: id, existing: !id.isEmpty, name: name,
                kinds: kinds(kind), metric: metric, comparisons: comparisons(comparison), threshold: threshold, requireds: requireds(required),
                removed: removed, rowError: errorRow == i ? message : nil)
        }
        if let typed {
            let removed = Set(typed.remove ?? [])
            for i in 0..<min(typed.rowCount, 60) {
                let id = typed.value(typed.measureID, i)
                rows.append(row(
                    i, id: id, name: typed.value(typed.measureName, i), kind: typed.value(typed.measureKind, i),
                    metric: typed.value(typed.measureMetric, i), comparison: typed.value(typed.measureComparison, i),
                    threshold: typed.value(typed.measureThreshold, i), required: typed.value(typed.measureRequired, i),
                    removed: !id.isEmpty && removed.contains(id)))
            }
        } else {
            for (i, m) in (definition?.measures ?? []).enumerated() {
                var metric = "", comparison = MetricComparison.atLeast.rawValue, threshold = ""
                if case .metric(let name, let c, let value) = m.criterion {
                    (metric, comparison, threshold) = (name, c.rawValue, SuccessMeasureText.threshold(value))
                }
                rows.append(row(
                    i, id: m.id.lowercased, name: m.name, kind: m.criterion == .manual ? "manual" : "metric", metric: metric,
                    comparison: comparison, threshold: threshold, required: m.required ? "yes" : "no", removed: false))
            }
        }
        if typed == nil || !rows.contains(where: { !$0.existing && $0.name.isEmpty && $0.metric.isEmpty }) {
            let start = rows.count
            for i in start..<(start + Self.blankRows) {
                rows.append(row(i, id: "", name: "", kind: "manual", metric: "", comparison: ">=", threshold: "", required: "yes", removed: false))
            }
        }
        let tierText = definition.map { SuccessPageText.tier($0.tier, t) }
        let title = definition.map {
            t.format("sdf_edit_title", ["tier": SuccessPageText.tier($0.tier, t), "scope": SuccessPageText.scope($0, companies: companies, t)])
        } ?? t["sdf_new_title"]
        _ = f
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .definitions), title: title,
            action: definition.map { "/success-definitions/\($0.id.lowercased)/edit" } ?? "/success/definitions/new",
            cancel: definition.map { "/success-definitions/\($0.id.lowercased)" } ?? "/success", isNew: definition == nil,
            version: definition.map { String($0.version) } ?? "",
            error: message, hasFieldErrors: error != nil && (known.contains(field) || errorRow != nil),
            errorAnchor: errorRow.map { "m\($0)-name" } ?? Self.anchors[field],
            tiers: SuccessTier.allCases.map {
                Choice(id: "tier-\($0.rawValue)", value: $0.rawValue, label: SuccessPageText.tier($0, t), hint: t["sdf_tier_hint_\($0.rawValue)"],
                       checked: $0.rawValue == chosenTier)
            },
            tierText: tierText, tierError: on("tier"),
            scopes: definition == nil ? scopes.map { FormOption(value: $0.value, label: $0.label, selected: $0.value == chosenScope) } : [],
            scopeText: definition.map { SuccessPageText.scope($0, companies: companies, t) }, scopeError: on("company_id"),
            definition: typed?.definition ?? definition?.definition ?? "", definitionError: on("definition"),
            audience: typed?.audience ?? definition?.audience ?? "", audienceError: on("audience"),
            aims: typed?.aims ?? definition?.aims.joined(separator: "\n") ?? "", aimsError: on("aims"),
            teams: [FormOption(value: "", label: t["sdf_no_team"], selected: chosenTeam.isEmpty)] + teams.map { team in
                FormOption(
                    value: team.id.lowercased, label: "\(team.name) (\(companies[team.companyID] ?? t["sdf_unknown_company"]))",
                    selected: team.id.lowercased == chosenTeam)
            },
            teamError: on("responsible_team_id"),
            method: typed?.method ?? definition?.method ?? "", methodError: on("method"),
            rows: rows, measuresError: errorRow == nil ? on("measures") : nil)
    }
}

/// A threshold as the form shows it back: `60`, not `60.0`.
enum SuccessMeasureText {
    static func threshold(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
