import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/admin/customer-fields`: the org's custom fields for customers (顧客の項目) — key, labels in both languages,
/// type, a choice field's choices, order — for those who manage customers across the org (CS operations, admins).
/// Fields are archived, never deleted: the values customers hold stay on them, and an archived field can come back.
struct CustomerFieldAdminPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let key: String
        let label: String
        let otherLabel: String
        let type: String
        let choices: String?
        let position: String
        let archived: Bool
        let href: String
    }

    struct Form: Sendable {
        let action: String
        let submit: String
        let isNew: Bool
        let version: String?
        let key: String
        let labelJa: String
        let labelEn: String
        let types: [FormOption]
        let choices: String
        let position: String
        let error: String?
        let errors: [String: String]
    }

    struct ListModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let notice: String?
        let live: [Row]
        let archived: [Row]
        let hasLive: Bool
        let hasArchived: Bool
        let form: Form
        let open: Bool
    }

    struct EditModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let key: String
        let archived: Bool
        let form: Form
        let archiveAction: String
        let version: String
    }

    static let notices = [
        "created": "crec_field_notice_created", "saved": "crec_field_notice_saved", "archived": "crec_field_notice_archived",
        "restored": "crec_field_notice_restored",
    ]
    static let fieldNames: Set<String> = ["key", "label_ja", "label_en", "type", "choices", "position"]

    /// The page is for whoever may define fields, which the use case allows org-wide only.
    static func requireAdmin(_ reader: Reader) throws {
        guard DirectoryAdmin.orgWide(reader, .manageCustomers) else {
            throw DomainError(.forbidden, "administration pages need an administrative role", permission: Permission.manageCustomers.rawValue)
        }
    }

    // MARK: - The list and the new field

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, notice: notice, typed: nil, refused: nil)
        }
        return PageResponse.render("crec-fields", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await CustomerFormPage.fields(request, context)
        do {
            try await store.tenant(context) { tx, caller in
                let type = try Self.type(form["type"])
                let position = try Self.position(form["position"])
                _ = try await CustomerFields(tx, caller).create(
                    .init(
                        key: (form["key"] ?? "").trimmingCharacters(in: .whitespaces), labelJa: form["label_ja"] ?? "",
                        labelEn: form["label_en"] ?? "", type: type, choices: type == .choice ? Self.choices(form["choices"]) : [],
                        position: position))
            }
            return .seeOther("/admin/customer-fields?done=created")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, page: "/admin/customer-fields", notice: nil, typed: form, refused: error)
            }
            return PageResponse.render("crec-fields", model, status: Problem(domain: error).status)
        }
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, notice: String?, typed: [String: String]?, refused: DomainError?
    ) async throws -> ListModel {
        let reader = try await Reader.load(tx, caller)
        try Self.requireAdmin(reader)
        let t = reader.t, f = reader.format
        let fields = try await CustomerFields(tx, caller).list().sorted { ($0.position, $0.key) < ($1.position, $1.key) }
        let rows = fields.map { field in
            Row(
                key: field.key, label: t.language == .ja ? field.labelJa : field.labelEn,
                otherLabel: t.language == .ja ? field.labelEn : field.labelJa, type: t["crec_type_\(field.type.rawValue)"],
                choices: field.type == .choice ? field.choices.joined(separator: t["crec_choice_sep"]) : nil,
                position: f.number(Double(field.position)), archived: field.archivedAt != nil,
                href: "/admin/customer-fields/\(field.id.uuidString.lowercased())")
        }
        let title = t["crec_fields_title"]
        return ListModel(
            chrome: reader.chrome(title: title, current: "/admin", page: page), t: t.strings, title: title, notice: notice.map { t[$0] },
            live: rows.filter { !$0.archived }, archived: rows.filter(\.archived), hasLive: rows.contains { !$0.archived },
            hasArchived: rows.contains(where: \.archived),
            form: Self.form(t, field: nil, typed: typed, refused: refused, stale: false, next: (fields.map(\.position).max() ?? 0) + 10),
            open: refused != nil || fields.isEmpty)
    }

    static func form(_ t: Catalogue, field: CustomerField?, typed: [String: String]?, refused: DomainError?, stale: Bool, next: Int = 0) -> Form {
        func shown(_ name: String, _ stored: String?) -> String { typed?[name] ?? stored ?? "" }
        let refusal = refused.map { CustomerPageText.Refusal($0, t) }
        var errors: [String: String] = [:]
        if let refusal, let name = refusal.field, fieldNames.contains(name) { errors[name] = refusal.message }
        let type = shown("type", field?.type.rawValue)
        return Form(
            action: field.map { "/admin/customer-fields/\($0.id.uuidString.lowercased())" } ?? "/admin/customer-fields",
            submit: t[field == nil ? "crec_field_create" : "crec_field_save"], isNew: field == nil, version: field.map { "\($0.version)" },
            key: shown("key", field?.key), labelJa: shown("label_ja", field?.labelJa), labelEn: shown("label_en", field?.labelEn),
            types: CustomerField.FieldType.allCases.map {
                FormOption(value: $0.rawValue, label: t["crec_type_\($0.rawValue)"], selected: (type.isEmpty ? "text" : type) == $0.rawValue)
            },
            choices: shown("choices", field?.choices.joined(separator: "\n")), position: shown("position", field.map { "\($0.position)" } ?? "\(next)"),
            error: stale ? t["crec_field_stale"] : refusal?.general(fieldNames), errors: errors)
    }

    static func type(_ text: String?) throws -> CustomerField.FieldType {
        guard let type = text.flatMap(CustomerField.FieldType.init(rawValue:)) else {
            throw DomainError(.invalid, "crec_field_error_type", field: "type")
        }
        return type
    }

    static func position(_ text: String?) throws -> Int? {
        guard let text = CustomerPageText.text(text) else { return nil }
        guard let position = Int(text) else { throw DomainError(.invalid, "crec_field_error_position", field: "position") }
        return position
    }

    /// One choice a line (a choice may hold a comma, so commas do not split).
    static func choices(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: - One field

    private static func field(_ tx: TenantTransaction, _ caller: Caller, _ context: AuthenticatedContext) async throws -> CustomerField {
        let id = try DirectoryAdmin.id(context, what: "custom field")
        guard let field = try await CustomerFields(tx, caller).list().first(where: { $0.id == id }) else {
            throw DomainError(.notFound, "custom field not found")
        }
        return field
    }

    func edit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await editModel(tx, caller, page: request.uri.description, typed: nil, refused: nil, stale: false, context)
        }
        return PageResponse.render("crec-field", model)
    }

    func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await CustomerFormPage.fields(request, context)
        let page = request.uri.path
        do {
            try await store.tenant(context) { tx, caller in
                let field = try await Self.field(tx, caller, context)
                let type = try Self.type(form["type"])
                let position = try Self.position(form["position"])
                _ = try await CustomerFields(tx, caller).update(
                    field.id,
                    .init(
                        labelJa: form["label_ja"] ?? "", labelEn: form["label_en"] ?? "", type: type,
                        choices: type == .choice ? Self.choices(form["choices"]) : nil, position: position),
                    expectedVersion: Int(form["version"] ?? ""))
            }
            return .seeOther("/admin/customer-fields?done=saved")
        } catch let error as DomainError where error.code == .preconditionFailed {
            let model = try await store.tenant(context) { tx, caller in
                try await editModel(tx, caller, page: page, typed: nil, refused: nil, stale: true, context)
            }
            return PageResponse.render("crec-field", model, status: .conflict)
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await editModel(tx, caller, page: page, typed: form, refused: error, stale: false, context)
            }
            return PageResponse.render("crec-field", model, status: Problem(domain: error).status)
        }
    }

    /// Archives the field (its values stay on the customers and leave the forms) or brings it back.
    func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await CustomerFormPage.fields(request, context)
        let archive = form["archived"] != "false"
        do {
            try await store.tenant(context) { tx, caller in
                let field = try await Self.field(tx, caller, context)
                _ = try await CustomerFields(tx, caller).update(field.id, .init(archived: archive), expectedVersion: Int(form["version"] ?? ""))
            }
        } catch let error as DomainError where error.code == .preconditionFailed {
            let model = try await store.tenant(context) { tx, caller in
                try await editModel(tx, caller, page: request.uri.path, typed: nil, refused: nil, stale: true, context)
            }
            return PageResponse.render("crec-field", model, status: .conflict)
        }
        return .seeOther("/admin/customer-fields?done=\(archive ? "archived" : "restored")")
    }

    private func editModel(
        _ tx: TenantTransaction, _ caller: Caller, page: String, typed: [String: String]?, refused: DomainError?, stale: Bool,
        _ context: AuthenticatedContext
    ) async throws -> EditModel {
        let reader = try await Reader.load(tx, caller)
        try Self.requireAdmin(reader)
        let t = reader.t
        let field = try await Self.field(tx, caller, context)
        let title = t.format("crec_field_edit_title", ["key": field.key])
        return EditModel(
            chrome: reader.chrome(title: title, current: "/admin", page: page), t: t.strings, title: title, key: field.key,
            archived: field.archivedAt != nil, form: Self.form(t, field: field, typed: typed, refused: refused, stale: stale),
            archiveAction: "/admin/customer-fields/\(field.id.uuidString.lowercased())/archive", version: "\(field.version)")
    }
}
