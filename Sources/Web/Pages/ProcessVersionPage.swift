import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/processes/{id}/versions/{n}`: a version. A draft is edited here — its steps as rows (the existing ones and
/// three blank ones), each with its expected days, exit criterion and RACI by position (R and A one position each,
/// C and I as many as needed), an order number to move a row without JavaScript, and the version's notes; saving
/// is checked against the draft's revision. Publishing takes a confirming step (`…/publish`). A published version
/// — and a draft for those who may not design — is shown read-only.
struct ProcessVersionPage: Sendable {
    let store: Store

    struct Check: Sendable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    struct Row: Sendable {
        let index: String
        let anchor: String
        let legend: String
        let stepID: String
        let order: String
        let name: String
        let days: String
        let exit: String
        let responsible: [FormOption]
        /// Further responsible positions: RACI allows several R, one A.
        let rMore: [Check]
        /// Folded while nobody else is responsible: most steps have one R.
        let rMoreOpen: Bool
        let accountable: [FormOption]
        let consulted: [Check]
        let informed: [Check]
        let rowError: String?
        let nameError: Bool
        let daysError: Bool
        let exitError: Bool
        let rError: Bool
        let aError: Bool
        let cError: Bool
        let iError: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let title: String
        let processName: String
        let processHref: String
        let action: String
        let publishHref: String
        let notice: String?
        let editable: Bool
        let published: Bool
        let publishedOn: String?
        let confirmPublish: Bool
        let revision: String
        let error: String?
        let errorAnchor: String?
        let rows: [Row]
        let notes: String?
        let notesError: String?
        let noPositions: Bool
        let steps: [ProcessPageText.Step]
        let hasSteps: Bool
    }

    static let notices = ["created": "prc_notice_created", "drafted": "prc_notice_drafted", "saved": "prc_notice_saved"]

    struct Fields: Decodable, Sendable {
        var step_id: [String]?
        var order: [String]?
        var name: [String]?
        var days: [String]?
        var exit: [String]?
        var responsible: [String]?
        /// A step's further responsible positions beside the first, as `row:id` checkboxes.
        var r_more: [String]?
        var accountable: [String]?
        var consulted: [String]?
        var informed: [String]?
        var notes: String?
        var revision: String?
        var intent: String?

    }

    static let blankRows = 3

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (id, number) = try Self.path(context)
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, number: number, typed: nil, error: nil, confirm: false, page: request.uri.description, notice: notice)
        }
        return PageResponse.render("prc-version", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (id, number) = try Self.path(context)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        var rowOf: [Int] = []
        do {
            try await store.tenant(context) { tx, caller in
                // A reader who may not design is refused before their rows are read (the use case checks again).
                let identity = caller.identity
                guard identity.authorizer.canSomewhere(identity.actor, .manageSuccess, within: .org) else {
                    _ = try await ProcessVersions(tx, caller).get(id, number: number)
                    throw DomainError(.forbidden, "only those who manage success define processes", permission: Permission.manageSuccess.rawValue)
                }
                let (steps, rows) = try Self.steps(form)
                rowOf = rows
                _ = try await ProcessVersions(tx, caller).revise(
                    id, number: number, steps: steps, notes: form.notes, expectedRevision: form.revision.flatMap { Int($0) })
            }
            let base = "/processes/\(id.lowercased)/versions/\(number)"
            return .seeOther(form.intent == "publish" ? "\(base)/publish" : "\(base)?done=saved")
        } catch let error as DomainError where [.invalid, .missing, .conflict, .preconditionFailed].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(
                    tx, caller, id: id, number: number, typed: (form, rowOf), error: error, confirm: false,
                    page: "/processes/\(id.lowercased)/versions/\(number)", notice: nil)
            }
            return PageResponse.render("prc-version", model, status: Problem(domain: error).status)
        }
    }

    /// The confirming step of publishing: the steps as they will be frozen, and the button.
    func confirmPublish(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (id, number) = try Self.path(context)
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, number: number, typed: nil, error: nil, confirm: true, page: request.uri.description, notice: nil)
        }
        guard model.editable else {
            throw DomainError(.forbidden, "only those who manage success define processes", permission: Permission.manageSuccess.rawValue)
        }
        return PageResponse.render("prc-version", model)
    }

    struct PublishFields: Decodable, Sendable {
        var revision: String?
    }

    func publish(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (id, number) = try Self.path(context)
        let form = try await request.decodeForm(as: PublishFields.self, context: context)
        do {
            _ = try await store.tenant(context) { tx, caller in
                try await ProcessVersions(tx, caller).publish(id, number: number, expectedRevision: form.revision.flatMap { Int($0) })
            }
            return .seeOther("/processes/\(id.lowercased)?done=published")
        } catch let error as DomainError where [.invalid, .missing, .preconditionFailed].contains(error.code) {
            // A draft that cannot be published (no steps, a position gone) comes back to the editor, the reason shown.
            let model = try await store.tenant(context) { tx, caller in
                try await load(
                    tx, caller, id: id, number: number, typed: nil, error: error, confirm: false,
                    page: "/processes/\(id.lowercased)/versions/\(number)", notice: nil)
            }
            return PageResponse.render("prc-version", model, status: Problem(domain: error).status)
        }
    }

    static func path(_ context: AuthenticatedContext) throws -> (UUID, Int) {
        (try ProcessPageText.id(context.parameters.get("id")), try ProcessPageText.number(context.parameters.get("number")))
    }

    // MARK: - Reading the rows

    /// The typed rows as steps, in the order their order numbers give (ties and blanks keep the rows' order), blank
    /// rows left out; and for each step the form row it came from, so a refusal lands beside the right row.
    static func steps(_ form: Fields) throws -> ([ProcessStep], [Int]) {
        let names = form.name ?? []
        let count = names.count
        func at(_ values: [String]?, _ i: Int) -> String {
            guard let values, values.indices.contains(i) else { return "" }
            return values[i].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func letter(_ values: [String]?, _ i: Int, field: String) throws -> [UUID] {
            try (values ?? []).compactMap { value -> UUID? in
                let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let row = Int(parts[0]), let id = UUID(uuidString: parts[1]) else {
                    throw DomainError(.invalid, "prc_err_position", field: field)
                }
                return row == i ? id : nil
            }
        }
        guard count <= 60, [form.step_id, form.order, form.days, form.exit, form.responsible, form.accountable]
            .allSatisfy({ ($0?.count ?? 0) <= count })
        else { throw DomainError(.invalid, "prc_err_rows", field: "steps") }
        var typed: [(order: Int, row: Int, step: ProcessStep)] = []
        for i in 0..<count {
            let name = at(form.name, i), daysText = at(form.days, i), exit = at(form.exit, i)
            let r = at(form.responsible, i), a = at(form.accountable, i)
            let c = try letter(form.consulted, i, field: "steps[\(i)].raci.consulted")
            let inf = try letter(form.informed, i, field: "steps[\(i)].raci.informed")
            let more = try letter(form.r_more, i, field: "steps[\(i)].raci.responsible")
            if name.isEmpty, daysText.isEmpty, exit.isEmpty, r.isEmpty, a.isEmpty, c.isEmpty, inf.isEmpty { continue }
            let orderText = at(form.order, i)
            let order: Int
            if orderText.isEmpty {
                order = i + 1
            } else {
                guard orderText.count <= 4, let value = Int(orderText) else { throw DomainError(.invalid, "prc_err_order", field: "row\(i).order") }
                order = value
            }
            guard daysText.count <= 4, let days = Int(daysText) else {
                throw DomainError(.invalid, "a step is expected to take 1 to 730 days", field: "row\(i).expected_days")
            }
            func position(_ text: String, _ letter: String) throws -> [UUID] {
                guard !text.isEmpty else { return [] }
                guard let id = UUID(uuidString: text) else { throw DomainError(.invalid, "prc_err_position", field: "row\(i).raci.\(letter)") }
                return [id]
            }
            let idText = at(form.step_id, i)
            var stepID = UUID.v7()
            if !idText.isEmpty {
                guard let id = UUID(uuidString: idText) else { throw DomainError(.invalid, "prc_err_rows", field: "steps") }
                stepID = id
            }
            let step = ProcessStep(
                id: stepID, name: name, expectedDays: days, exitCriterion: exit,
                raci: RACI(responsible: Self.unique(try position(r, "responsible") + more), accountable: try position(a, "accountable"), consulted: c, informed: inf))
            typed.append((order, i, step))
        }
        typed.sort { ($0.order, $0.row) < ($1.order, $1.row) }
        return (typed.map(\.step), typed.map(\.row))
    }

    /// `ids` without repeats, in order: the first R checked again among the further ones is one position.
    static func unique(_ ids: [UUID]) -> [UUID] {
        var seen = Set<UUID>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The form row a refusal's field names: `steps[2].name` (the third step as sent) or the page's own `row4.name`.
    static func row(of field: String?, _ rowOf: [Int]) -> (row: Int, part: String)? {
        guard let field else { return nil }
        if let match = field.wholeMatch(of: /row(\d+)\.(.+)/), let row = Int(match.output.1) { return (row, String(match.output.2)) }
        if let match = field.wholeMatch(of: /steps\[(\d+)\](?:\.(.+))?/), let index = Int(match.output.1) {
            let part = match.output.2.map(String.init) ?? ""
            return (rowOf.indices.contains(index) ? rowOf[index] : index, part)
        }
        return nil
    }

    // MARK: - The page

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, number: Int, typed: (Fields, [Int])?, error: DomainError?, confirm: Bool,
        page: String, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let process = try await StandardProcesses(tx, caller).get(id)
        let stored = try await ProcessVersions(tx, caller).get(id, number: number)
        let version = stored.version
        let positions = try await ProcessPageText.positions(tx, caller, naming: version.steps)
        let names = Dictionary(positions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let editable = !version.isPublished && process.archivedAt == nil
            && identity.authorizer.canSomewhere(identity.actor, .manageSuccess, within: .org)
        let message = error.map { $0.code == .preconditionFailed ? t["prc_err_stale"] : t.explain($0) }
        let located = Self.row(of: error?.field, typed?.1 ?? Array(version.steps.indices))

        var rows: [Row] = []
        if editable && !confirm {
            let form = typed?.0
            let count = form.map { $0.name?.count ?? 0 } ?? version.steps.count + Self.blankRows
            func at(_ values: [String]?, _ i: Int) -> String {
                guard let values, values.indices.contains(i) else { return "" }
                return values[i]
            }
            func chosen(_ values: [String]?, _ i: Int) -> Set<String> {
                Set((values ?? []).compactMap { value in
                    let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
                    return parts.count == 2 && parts[0] == String(i) ? parts[1].lowercased() : nil
                })
            }
            for i in 0..<count {
                let step = form == nil && version.steps.indices.contains(i) ? version.steps[i] : nil
                let r = form.map { at($0.responsible, i).lowercased() } ?? step?.raci.responsible.first?.lowercased ?? ""
                let a = form.map { at($0.accountable, i).lowercased() } ?? step?.raci.accountable.first?.lowercased ?? ""
                let c = form.map { chosen($0.consulted, i) } ?? Set(step?.raci.consulted.map(\.lowercased) ?? [])
                let inf = form.map { chosen($0.informed, i) } ?? Set(step?.raci.informed.map(\.lowercased) ?? [])
                let more = form.map { Array(chosen($0.r_more, i)).sorted() } ?? (step?.raci.responsible.dropFirst().map(\.lowercased) ?? [])
                func options(_ selected: String) -> [FormOption] {
                    [FormOption(value: "", label: t["prc_choose_position"], selected: selected.isEmpty)]
                        + positions.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: $0.id.lowercased == selected) }
                }
                func checks(_ letter: String, _ selected: Set<String>) -> [Check] {
                    positions.map {
                        Check(id: "\(letter)-\(i)-\($0.id.lowercased)", value: "\(i):\($0.id.lowercased)", label: $0.name,
                              checked: selected.contains($0.id.lowercased))
                    }
                }
                let existing = form.map { !at($0.step_id, i).isEmpty } ?? (step != nil)
                let here = located?.row == i ? located?.part : nil
                rows.append(Row(
                    index: String(i), anchor: "step-\(i)",
                    legend: existing || i < version.steps.count
                        ? t.format("prc_step_n", ["number": String(i + 1)]) : t.format("prc_new_step_n", ["number": String(i + 1)]),
                    stepID: form.map { at($0.step_id, i) } ?? step?.id.lowercased ?? "",
                    order: form.map { at($0.order, i) } ?? String(i + 1),
                    name: form.map { at($0.name, i) } ?? step?.name ?? "",
                    days: form.map { at($0.days, i) } ?? step.map { String($0.expectedDays) } ?? "",
                    exit: form.map { at($0.exit, i) } ?? step?.exitCriterion ?? "",
                    responsible: options(r),
                    rMore: checks("r", Set(more)), rMoreOpen: !more.isEmpty,
                    accountable: options(a), consulted: checks("c", c), informed: checks("i", inf),
                    rowError: here != nil ? message : nil, nameError: here == "name", daysError: here == "expected_days",
                    exitError: here == "exit_criterion", rError: here == "raci.responsible", aError: here == "raci.accountable",
                    cError: here == "raci.consulted", iError: here == "raci.informed"))
            }
        }
        let base = "/processes/\(process.id.lowercased)"
        let title = t.format("prc_version_title", ["name": process.name, "version": ProcessPageText.version(version.number, t)])
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .processes), title: title, processName: process.name, processHref: base,
            action: "\(base)/versions/\(version.number)", publishHref: "\(base)/versions/\(version.number)/publish",
            notice: notice.map { t[$0] }, editable: editable, published: version.isPublished,
            publishedOn: version.publishedAt.map { t.format("prc_published_on_date", ["date": f.date(f.day(of: $0))]) },
            confirmPublish: confirm && editable, revision: String(stored.revision),
            error: message, errorAnchor: located.map { "#step-\($0.row)" } ?? (error?.field == "notes" ? "#notes" : nil),
            rows: rows, notes: CustomerPageText.text(typed?.0.notes ?? version.notes), notesError: error?.field == "notes" ? message : nil,
            noPositions: positions.isEmpty,
            steps: ProcessPageText.steps(version, names, t, f), hasSteps: !version.steps.isEmpty)
    }
}
