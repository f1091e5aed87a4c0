import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/customers/new` and `/customers/{id}/edit`: a customer's fields — name, reading, English name, company and team,
/// CSM, sales owner, segment, tags, and on edit the org's custom fields by their type. The edit carries the version
/// it was read at: when someone saved in between, the page answers 409 with the current values and says so.
struct CustomerFormPage: Sendable {
    let store: Store

    struct CustomField: Sendable {
        let name: String
        let id: String
        let label: String
        let value: String
        let isText: Bool
        let isNumber: Bool
        let isDate: Bool
        let isBoolean: Bool
        let isChoice: Bool
        let checked: Bool
        let choices: [FormOption]
        let error: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let action: String
        let submit: String
        let cancel: String
        let isNew: Bool
        let version: String
        let name: String
        let nameKana: String
        let nameEn: String
        let segment: String
        let tags: String
        let companies: [FormOption]
        let teams: [FormOption]
        let owners: [FormOption]
        let salesOwners: [FormOption]
        let custom: [CustomField]
        let hasCustom: Bool
        let error: String?
        let stale: Bool
        let errors: [String: String]
    }

    /// The form as sent: every field by name, `+` and percent escapes read.
    static func fields(_ request: Request, _ context: AuthenticatedContext) async throws -> [String: String] {
        try await CustomerPage.pairs(request, context).reduce(into: [:]) { $0[$1.name] = $1.value }
    }

    static let known: Set<String> = ["name", "name_kana", "name_en", "company_id", "team_id", "owner_id", "sales_owner_id", "segment", "tags"]

    private func build(
        _ tx: TenantTransaction, _ caller: Caller, customer: Customer?, typed: [String: String]?, refused: DomainError?, stale: Bool,
        page: String
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let directory = try await CustomerDirectoryOptions.load(tx, caller.identity)
        let fields = customer == nil ? [] : try await CustomerFields(tx, caller).list().filter { $0.archivedAt == nil }
        func shown(_ name: String, _ stored: String?) -> String { typed?[name] ?? stored ?? "" }
        let refusal = refused.map { CustomerPageText.Refusal($0, t) }
        var errors: [String: String] = [:]
        if let refusal, let field = refusal.field { errors[field.replacingOccurrences(of: ".", with: "_")] = refusal.message }
        let lower = { (id: UUID?) in id?.uuidString.lowercased() }
        let custom = fields.sorted { $0.position < $1.position }.map { field -> CustomField in
            let stored: String? = customer?.custom[field.key].map { value in
                switch value {
                case .text(let s): s
                case .number(let n): f.number(n, fractionDigits: 6).replacingOccurrences(of: ",", with: "")
                case .date(let d): d.description
                case .boolean(let b): b ? "true" : "false"
                }
            }
            let value = shown("cf_\(field.key)", stored)
            return CustomField(
                name: "cf_\(field.key)", id: "cf-\(field.key)", label: t.language == .ja ? field.labelJa : field.labelEn, value: value,
                isText: field.type == .text, isNumber: field.type == .number, isDate: field.type == .date,
                isBoolean: field.type == .boolean, isChoice: field.type == .choice, checked: value == "true",
                choices: [FormOption(value: "", label: t["cust_none"], selected: value.isEmpty)]
                    + field.choices.map { FormOption(value: $0, label: $0, selected: value == $0) },
                error: refusal?.at("custom.\(field.key)"))
        }
        let isNew = customer == nil
        let id = customer.map { $0.id.uuidString.lowercased() } ?? ""
        let title = isNew ? t["cust_new_title"] : t.format("cust_edit_title", ["name": customer?.name ?? ""])
        return Model(
            chrome: reader.chrome(title: title, current: "/customers", page: page), t: t.strings, title: title,
            action: isNew ? "/customers/new" : "/customers/\(id)/edit", submit: t[isNew ? "cust_new_submit" : "cust_edit_submit"],
            cancel: isNew ? "/customers" : "/customers/\(id)", isNew: isNew, version: customer.map { "\($0.version)" } ?? "",
            name: shown("name", customer?.name), nameKana: shown("name_kana", customer?.nameKana), nameEn: shown("name_en", customer?.nameEn),
            segment: shown("segment", customer?.segment), tags: shown("tags", customer?.tags.joined(separator: ", ")),
            companies: directory.companyOptions(selected: shown("company_id", lower(customer?.companyID)), blank: t["cust_choose"]),
            teams: directory.teamOptions(selected: shown("team_id", lower(customer?.teamID)), blank: t["cust_none"]),
            owners: directory.memberOptions(selected: shown("owner_id", lower(customer?.ownerID)), blank: t["cust_no_owner"]),
            salesOwners: directory.memberOptions(selected: shown("sales_owner_id", lower(customer?.salesOwnerID)), blank: t["cust_none"]),
            custom: custom, hasCustom: !custom.isEmpty,
            error: stale ? t["cust_edit_stale"] : refusal?.general(Self.known.union(fields.map { "custom.\($0.key)" })),
            stale: stale, errors: errors)
    }

    static func uuid(_ text: String?, field: String) throws -> UUID? {
        guard let text = CustomerPageText.text(text) else { return nil }
        guard let id = UUID(uuidString: text) else { throw DomainError(.invalid, "the parameter is not a valid id", field: field) }
        return id
    }

    static func tags(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0 == "、" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: - New

    func new(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try Self.requireCreate(caller.identity)
            return try await build(tx, caller, customer: nil, typed: nil, refused: nil, stale: false, page: request.uri.description)
        }
        return PageResponse.render("customer-form", model)
    }

    /// Whoever may create a customer somewhere (a manager, or a CSM for themselves; the use case checks where) gets
    /// the form, and a refused form back; anyone else the 403 page, however the form was filled in.
    static func requireCreate(_ identity: Identity) throws {
        guard identity.reach(.manageCustomers).anywhere || identity.reach(.writeOwnCustomers).anywhere else {
            throw DomainError(.forbidden, "you may not edit this customer", permission: Permission.writeOwnCustomers.rawValue)
        }
    }

    /// The customer, if the caller may edit it (the use case's rule); else the 403 page — also for a refused form,
    /// so it is shown back only to whoever may send it.
    static func editable(_ tx: TenantTransaction, _ caller: Caller, _ id: UUID) async throws -> Customer {
        let customer = try await Customers(tx, caller).get(id)
        guard CustomerAccessRules.canEdit(caller.identity.actor, caller.identity.authorizer, customer) else {
            throw DomainError(
                .forbidden, "you may not edit this customer",
                permission: CustomerAccessRules.editPermission(caller.identity.actor, customer).rawValue)
        }
        return customer
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await Self.fields(request, context)
        do {
            let created = try await store.tenant(context) { tx, caller in
                guard let company = try Self.uuid(form["company_id"], field: "company_id") else {
                    throw DomainError(.missing, "cust_error_company", field: "company_id")
                }
                let customers = Customers(tx, caller)
                let checked = try await customers.check(
                    .init(
                        externalID: nil, name: form["name"] ?? "", nameEn: form["name_en"], nameKana: form["name_kana"], companyID: company,
                        teamID: try Self.uuid(form["team_id"], field: "team_id"), ownerID: try Self.uuid(form["owner_id"], field: "owner_id"),
                        salesOwnerID: try Self.uuid(form["sales_owner_id"], field: "sales_owner_id"), segment: form["segment"], phase: nil,
                        phaseSince: nil, riskReasons: [], churnReason: nil, custom: [:], tags: Self.tags(form["tags"])))
                return try await customers.create(checked)
            }
            return .seeOther("/customers/\(created.id.uuidString.lowercased())?done=created")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try Self.requireCreate(caller.identity)
                return try await build(tx, caller, customer: nil, typed: form, refused: error, stale: false, page: "/customers/new")
            }
            return PageResponse.render("customer-form", model, status: Problem(domain: error).status)
        }
    }

    // MARK: - Edit

    func edit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in
            let customer = try await Self.editable(tx, caller, id)
            return try await build(tx, caller, customer: customer, typed: nil, refused: nil, stale: false, page: request.uri.description)
        }
        return PageResponse.render("customer-form", model)
    }

    func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = try await Self.fields(request, context)
        do {
            try await store.tenant(context) { tx, caller in
                let current = try await Customers(tx, caller).get(id)
                let fields = try await CustomerFields(tx, caller).list().filter { $0.archivedAt == nil }
                var custom: [String: CustomFieldValue?] = [:]
                for field in fields {
                    let text = CustomerPageText.text(form["cf_\(field.key)"])
                    switch field.type {
                    case .boolean: custom[field.key] = .some(text == "true" ? .boolean(true) : nil)
                    case .number:
                        guard let text else { custom[field.key] = .some(nil); continue }
                        guard let number = Double(text.replacingOccurrences(of: ",", with: "")) else {
                            throw DomainError(.invalid, "cust_error_number", field: "custom.\(field.key)")
                        }
                        custom[field.key] = .some(.number(number))
                    case .date:
                        guard let text else { custom[field.key] = .some(nil); continue }
                        guard let day = LocalDate(iso: text) else { throw DomainError(.invalid, "cust_error_date", field: "custom.\(field.key)") }
                        custom[field.key] = .some(.date(day))
                    case .text, .choice: custom[field.key] = .some(text.map { .text($0) })
                    }
                }
                let company = try Self.uuid(form["company_id"], field: "company_id") ?? current.companyID
                let team = try Self.uuid(form["team_id"], field: "team_id")
                let owner = try Self.uuid(form["owner_id"], field: "owner_id")
                let sales = try Self.uuid(form["sales_owner_id"], field: "sales_owner_id")
                // Only what changed is sent, so a CSM who may not move or re-own the customer can still edit the rest.
                let changes = Customers.Changes(
                    name: form["name"] ?? "", nameEn: .some(CustomerPageText.text(form["name_en"])),
                    nameKana: .some(CustomerPageText.text(form["name_kana"])),
                    companyID: company == current.companyID ? nil : company,
                    teamID: team == current.teamID && company == current.companyID ? nil : .some(team),
                    ownerID: owner == current.ownerID ? nil : .some(owner),
                    salesOwnerID: sales == current.salesOwnerID ? nil : .some(sales),
                    segment: .some(CustomerPageText.text(form["segment"])), custom: custom.isEmpty ? nil : custom,
                    tags: Self.tags(form["tags"]))
                _ = try await Customers(tx, caller).update(id, changes, expectedVersion: Int(form["version"] ?? ""))
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())?done=saved")
        } catch let error as DomainError where error.code == .preconditionFailed {
            // Someone saved in between: show what is there now, and say so, rather than overwrite it.
            let model = try await store.tenant(context) { tx, caller in
                let customer = try await Customers(tx, caller).get(id)
                return try await build(tx, caller, customer: customer, typed: nil, refused: nil, stale: true, page: "/customers/\(id.uuidString.lowercased())/edit")
            }
            return PageResponse.render("customer-form", model, status: .conflict)
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                let customer = try await Self.editable(tx, caller, id)
                return try await build(tx, caller, customer: customer, typed: form, refused: error, stale: false, page: "/customers/\(id.uuidString.lowercased())/edit")
            }
            return PageResponse.render("customer-form", model, status: Problem(domain: error).status)
        }
    }
}
