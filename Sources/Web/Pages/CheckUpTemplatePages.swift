import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/check-ups/templates/new` and `/check-up-templates/{id}`: a check-up questionnaire edited without JavaScript —
/// its questions as rows (kind, wording in Japanese and English, a choice's options one per line in each language,
/// a scale's range, required) with two blank rows to add more; a row is removed by ticking its box. Archiving takes a
/// second step. Whoever reads customers reads it; `success.manage` at the org edits it.
struct CheckUpTemplatePages: Sendable {
    let store: Store

    struct Row: Sendable {
        let index: String
        let legend: String
        let qid: String
        let kinds: [FormOption]
        let ja: String
        let en: String
        let optionsJa: String
        let optionsEn: String
        let min: String
        let max: String
        let required: Bool
        let existing: Bool
        let error: String?
    }

    struct ReadQuestion: Sendable {
        let number: String
        let kind: String
        let ja: String
        let en: String
        let options: [String]
        let hasOptions: Bool
        let required: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let title: String
        let notice: String?
        let canEdit: Bool
        let isNew: Bool
        let archived: Bool
        let action: String
        let archiveHref: String
        let version: String
        let error: String?
        let name: String
        let nameError: String?
        let rows: [Row]
        let rowCount: String
        let questions: [ReadQuestion]
    }

    struct ConfirmModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let name: String
        let href: String
        let action: String
        let version: String
    }

    static let notices = ["created": "cku_notice_template_created", "saved": "cku_notice_template_saved"]
    /// Rows a form may post: the 30 questions a questionnaire may have, with room for the blank ones.
    static let maxRows = 40

    // MARK: - Routes

    func new(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, template: nil, typed: nil, rowOf: [], error: nil, notice: nil, page: request.uri.description)
        }
        return PageResponse.render("cku-template", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let typed = try await request.decodeForm(as: [String: String].self, context: context)
        let (questions, rowOf, refusal) = Self.questions(typed, existing: [])
        do {
            if let refusal { throw refusal }
            let id: UUID = try await store.tenant(context) { tx, caller in
                try await CheckUpTemplates(tx, caller).create(name: typed["name"] ?? "", questions: questions).id
            }
            return .seeOther("/check-up-templates/\(id.lowercased)?done=created")
        } catch let error as DomainError where [.invalid, .missing].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, template: nil, typed: typed, rowOf: rowOf, error: error, notice: nil, page: "/check-ups/templates/new")
            }
            return PageResponse.render("cku-template", model, status: .unprocessableContent)
        }
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CheckUpPageText.id(context.parameters.get("id"), "check-up template not found")
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            let template = try await CheckUpTemplates(tx, caller).get(id)
            return try await load(tx, caller, template: template, typed: nil, rowOf: [], error: nil, notice: notice, page: request.uri.description)
        }
        return PageResponse.render("cku-template", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CheckUpPageText.id(context.parameters.get("id"), "check-up template not found")
        let typed = try await request.decodeForm(as: [String: String].self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                let templates = CheckUpTemplates(tx, caller)
                let template = try await templates.get(id)
                let (questions, _, refusal) = Self.questions(typed, existing: template.questions)
                if let refusal { throw refusal }
                _ = try await templates.update(
                    id, name: typed["name"] ?? "", questions: questions, expectedVersion: typed["version"].flatMap { Int($0) })
            }
            return .seeOther("/check-up-templates/\(id.lowercased)?done=saved")
        } catch let error as DomainError where [.invalid, .missing, .conflict, .preconditionFailed].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                let template = try await CheckUpTemplates(tx, caller).get(id)
                let rowOf = Self.questions(typed, existing: template.questions).rowOf
                return try await load(
                    tx, caller, template: template, typed: typed, rowOf: rowOf, error: error, notice: nil, page: "/check-up-templates/\(id.lowercased)")
            }
            return PageResponse.render("cku-template", model, status: Problem(domain: error).status)
        }
    }

    func confirmArchive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CheckUpPageText.id(context.parameters.get("id"), "check-up template not found")
        let model = try await store.tenant(context) { tx, caller in
            let template = try await CheckUpTemplates(tx, caller).get(id)
            try caller.identity.require(.manageSuccess, in: .org)
            guard template.archivedAt == nil else { throw DomainError(.conflict, "the check-up template is archived") }
            let reader = try await Reader.load(tx, caller)
            let t = reader.t
            let title = t.format("cku_archive_title", ["name": template.name])
            return ConfirmModel(
                chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: request.uri.description), t: t.strings,
                successTabs: SuccessTabs.tabs(reader, current: .checkUps), name: template.name, href: "/check-up-templates/\(id.lowercased)",
                action: "/check-up-templates/\(id.lowercased)/archive", version: String(template.version))
        }
        return PageResponse.render("cku-template-archive", model)
    }

    func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CheckUpPageText.id(context.parameters.get("id"), "check-up template not found")
        let typed = try await request.decodeForm(as: [String: String].self, context: context)
        try await store.tenant(context) { tx, caller in
            try await CheckUpTemplates(tx, caller).archive(id, expectedVersion: typed["version"].flatMap { Int($0) })
        }
        return .seeOther("/check-ups?done=template-archived#templates-heading")
    }

    // MARK: - Reading the rows

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The questions the rows describe, and for each the row it came from (the Domain names `questions[n]`; the page
    /// marks row `rowOf[n]`). A blank new row is skipped; a ticked "remove" drops its question. A row the page itself
    /// cannot read comes back as the refusal, naming `row.<i>`.
    static func questions(_ form: [String: String], existing: [CheckUpQuestion]) -> (questions: [CheckUpQuestion], rowOf: [Int], refusal: DomainError?) {
        let count = min(maxRows, max(0, form["rows"].flatMap { Int($0) } ?? 0))
        let known = Set(existing.map(\.id))
        var questions: [CheckUpQuestion] = [], rowOf: [Int] = []
        var refusal: DomainError?
        for i in 0..<count {
            func field(_ name: String) -> String { (form["q\(i)_\(name)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            if form["q\(i)_remove"] != nil { continue }
            let qid = MeetingPageText.id(field("id")).flatMap { known.contains($0) ? $0 : nil }
            let ja = field("ja"), en = field("en")
            let optionsJa = lines(form["q\(i)_options_ja"]), optionsEn = lines(form["q\(i)_options_en"])
            if qid == nil, ja.isEmpty, en.isEmpty, optionsJa.isEmpty, optionsEn.isEmpty { continue }
            let kind: CheckUpQuestion.Kind
            switch field("kind") {
            case "scale":
                guard let low = Int(field("min")), let high = Int(field("max")) else {
                    refusal = refusal ?? DomainError(.invalid, "cku_err_scale", field: "row.\(i)")
                    continue
                }
                kind = .scale(min: low, max: high)
            case "choice":
                guard optionsJa.count == optionsEn.count else {
                    refusal = refusal ?? DomainError(.invalid, "cku_err_options_mismatch", field: "row.\(i)")
                    continue
                }
                kind = .choice(options: zip(optionsJa, optionsEn).map { CheckUpText(ja: $0, en: $1) })
            case "free_text":
                kind = .freeText
            default:
                refusal = refusal ?? DomainError(.invalid, "cku_err_kind", field: "row.\(i)")
                continue
            }
            questions.append(CheckUpQuestion(
                id: qid ?? .v7(), kind: kind, wording: CheckUpText(ja: ja, en: en), required: form["q\(i)_required"] != nil))
            rowOf.append(i)
        }
        return (questions, rowOf, refusal)
    }

    /// The row a refusal names: `row.<i>` from the page, `questions[n]…` from the Domain.
    static func row(of field: String?, rowOf: [Int]) -> Int? {
        guard let field else { return nil }
        if field.hasPrefix("row.") { return Int(field.dropFirst(4)) }
        guard field.hasPrefix("questions["), let close = field.firstIndex(of: "]"),
              let n = Int(field[field.index(field.startIndex, offsetBy: 10)..<close]), rowOf.indices.contains(n) else { return nil }
        return rowOf[n]
    }

    // MARK: - The page

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, template: CheckUpTemplate?, typed: [String: String]?, rowOf: [Int], error: DomainError?,
        notice: String?, page: String
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let identity = caller.identity
        let canManage = identity.authorizer.can(identity.actor, .manageSuccess, in: .org).allowed
        if template == nil, !canManage {
            throw DomainError(.forbidden, "only those who manage success may write a questionnaire", permission: Permission.manageSuccess.rawValue)
        }
        let canEdit = canManage && template?.archivedAt == nil
        let locale = CheckUpPageText.locale(t)
        let message = error.map { $0.code == .preconditionFailed ? t["cku_err_stale"] : t.explain($0) }
        let errorRow = Self.row(of: error?.field, rowOf: rowOf)

        func kinds(_ chosen: String) -> [FormOption] {
            ["scale", "choice", "free_text"].map { FormOption(value: $0, label: t["cku_kind_\($0)"], selected: $0 == chosen) }
        }
        var rows: [Row] = []
        if let typed {
            let count = min(Self.maxRows, max(0, typed["rows"].flatMap { Int($0) } ?? 0))
            for i in 0..<count {
                func v(_ name: String) -> String { typed["q\(i)_\(name)"] ?? "" }
                rows.append(Row(
                    index: "\(i)", legend: t.format("cku_question_n", ["n": "\(i + 1)"]), qid: v("id"), kinds: kinds(v("kind")), ja: v("ja"), en: v("en"),
                    optionsJa: v("options_ja"), optionsEn: v("options_en"), min: v("min"), max: v("max"), required: typed["q\(i)_required"] != nil,
                    existing: !v("id").isEmpty, error: errorRow == i ? message : nil))
            }
        } else {
            for (i, q) in (template?.questions ?? []).enumerated() {
                var low = "1", high = "5", optionsJa = "", optionsEn = "", kind = "free_text"
                switch q.kind {
                case .scale(let a, let b): (kind, low, high) = ("scale", String(a), String(b))
                case .choice(let options):
                    kind = "choice"
                    optionsJa = options.map(\.ja).joined(separator: "\n")
                    optionsEn = options.map(\.en).joined(separator: "\n")
                case .freeText: kind = "free_text"
                }
                rows.append(Row(
                    index: "\(i)", legend: t.format("cku_question_n", ["n": "\(i + 1)"]), qid: q.id.lowercased, kinds: kinds(kind), ja: q.wording.ja,
                    en: q.wording.en, optionsJa: optionsJa, optionsEn: optionsEn, min: low, max: high, required: q.required, existing: true, error: nil))
            }
            // Two blank rows to add questions; a new questionnaire starts with one of each kind.
            let base = rows.count
            let blanks = template == nil ? ["scale", "choice", "free_text"] : ["scale", "free_text"]
            for (n, kind) in blanks.enumerated() {
                let i = base + n
                rows.append(Row(
                    index: "\(i)", legend: t.format("cku_question_new_n", ["n": "\(i + 1)"]), qid: "", kinds: kinds(kind),
                    ja: "", en: "", optionsJa: "", optionsEn: "", min: "1", max: "5", required: false, existing: false, error: nil))
            }
        }
        let nameError = error?.field == "name" ? message : nil
        let topError: String? = error == nil ? nil : (nameError != nil || errorRow != nil ? t["cku_error_summary"] : message)
        let title = template?.name ?? t["cku_template_new"]
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .checkUps), title: title, notice: notice.map { t[$0] }, canEdit: template == nil || canEdit,
            isNew: template == nil, archived: template?.archivedAt != nil,
            action: template.map { "/check-up-templates/\($0.id.lowercased)" } ?? "/check-ups/templates/new",
            archiveHref: template.map { "/check-up-templates/\($0.id.lowercased)/archive" } ?? "",
            version: template.map { String($0.version) } ?? "", error: topError,
            name: typed?["name"] ?? template?.name ?? "", nameError: nameError, rows: rows, rowCount: "\(rows.count)",
            questions: (template?.questions ?? []).enumerated().map { i, q in
                var options: [String] = []
                if case .choice(let texts) = q.kind { options = texts.map { $0.text(locale) } }
                return ReadQuestion(
                    number: "\(i + 1)", kind: CheckUpPageText.kind(q.kind, t), ja: q.wording.ja, en: q.wording.en, options: options, hasOptions: !options.isEmpty,
                    required: q.required ? t["cku_required"] : t["cku_optional"])
            })
    }
}
