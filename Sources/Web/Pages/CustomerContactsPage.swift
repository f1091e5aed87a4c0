import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/contacts`: everyone at the customer the team talks to — decision makers first, then by name —
/// with their email, phone, role and CRM id; the form to add one and a page to edit one for whoever may edit the
/// customer; and erasure on request (個人情報保護法) behind a warning that it cannot be undone. An erased contact
/// stays in the list, anonymised, so the history around it keeps its shape.
struct CustomerContactsPage: Sendable {
    let store: Store
    /// More than this many contacts is a CRM export, not a relationship map: the page shows the first ones.
    static let cap = 500

    struct Row: Sendable {
        let name: String
        let email: String?
        let phone: String?
        let role: String?
        let externalID: String?
        let decisionMaker: Bool
        let erased: Bool
        let erasedOn: String?
        let editHref: String?
    }

    /// The add or edit form, as typed (after a refusal) or as stored.
    struct Form: Sendable {
        let action: String
        let submit: String
        let version: String?
        let name: String
        let email: String
        let phone: String
        let role: String
        let externalID: String
        let decisionMaker: Bool
        let error: String?
        let errors: [String: String]
        let open: Bool
    }

    struct ListModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let title: String
        let notice: String?
        let summary: String
        let rows: [Row]
        let hasRows: Bool
        let capped: Bool
        let canEdit: Bool
        let form: Form?
    }

    struct EditModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let title: String
        let back: String
        let form: Form
        let eraseAction: String
        let eraseWarning: String
    }

    static let notices = ["added": "crec_notice_contact_added", "saved": "crec_notice_contact_saved", "erased": "crec_notice_contact_erased"]
    static let fieldNames: Set<String> = ["name", "email", "phone", "role", "external_id"]

    // MARK: - The list

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, page: request.uri.description, notice: notice, typed: nil, refused: nil)
        }
        return PageResponse.render("crec-contacts", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = try await CustomerFormPage.fields(request, context)
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await Contacts(tx, caller).create(
                    customer: id,
                    .init(
                        externalID: CustomerPageText.text(form["external_id"]), name: form["name"] ?? "", email: form["email"],
                        phone: form["phone"], role: form["role"], decisionMaker: form["decision_maker"] == "true"))
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())/contacts?done=added")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, page: "/customers/\(id.uuidString.lowercased())/contacts", notice: nil, typed: form, refused: error)
            }
            return PageResponse.render("crec-contacts", model, status: Problem(domain: error).status)
        }
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, page: String, notice: String?, typed: [String: String]?, refused: DomainError?
    ) async throws -> ListModel {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let customer = try await Customers(tx, caller).get(id)
        let canEdit = CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer)
        // A refused form goes back only to whoever may send it; anyone else gets the 403 page.
        if refused != nil, !canEdit { try Self.requireEdit(identity, customer) }
        let lower = id.uuidString.lowercased()
        var contacts: [Contact] = []
        var cursor: UUID?
        repeat {
            let page = try await Contacts(tx, caller).list(customer: id, after: cursor, limit: 100)
            contacts += page.items
            cursor = page.nextCursor
        } while cursor != nil && contacts.count < Self.cap
        let live = contacts.filter { $0.erasedAt == nil }
        let rows = Self.ordered(contacts).prefix(Self.cap).map { c -> Row in
            if let erased = c.erasedAt {
                return Row(
                    name: t["crec_erased_name"], email: nil, phone: nil, role: nil, externalID: nil, decisionMaker: false, erased: true,
                    erasedOn: t.format("crec_erased_on", ["date": f.date(f.day(of: erased))]), editHref: nil)
            }
            return Row(
                name: c.name, email: c.email, phone: c.phone, role: c.role, externalID: c.externalID, decisionMaker: c.decisionMaker,
                erased: false, erasedOn: nil, editHref: canEdit ? "/customers/\(lower)/contacts/\(c.id.uuidString.lowercased())" : nil)
        }
        let title = t.format("crec_contacts_title", ["name": customer.name])
        return ListModel(
            chrome: reader.chrome(title: title, current: "/customers", page: page), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .contacts), id: lower, title: title, notice: notice.map { t[$0] },
            summary: t.format(
                "crec_contacts_summary",
                ["count": f.number(Double(live.count)), "deciders": f.number(Double(live.filter(\.decisionMaker).count)),
                 "erased": f.number(Double(contacts.count - live.count))]),
            rows: Array(rows), hasRows: !rows.isEmpty, capped: contacts.count > Self.cap, canEdit: canEdit,
            form: canEdit
                ? Self.form(
                    t, action: "/customers/\(lower)/contacts", submit: t["crec_contact_add"], contact: nil, typed: typed, refused: refused)
                : nil)
    }

    /// Live contacts first — decision makers, then by name — then the erased ones, oldest erasure first.
    static func ordered(_ contacts: [Contact]) -> [Contact] {
        contacts.sorted { a, b in
            if (a.erasedAt == nil) != (b.erasedAt == nil) { return a.erasedAt == nil }
            if let x = a.erasedAt, let y = b.erasedAt { return x < y }
            if a.decisionMaker != b.decisionMaker { return a.decisionMaker }
            let order = a.name.compare(b.name, options: [.caseInsensitive, .widthInsensitive])
            return order == .orderedSame ? a.id.uuidString < b.id.uuidString : order == .orderedAscending
        }
    }

    static func form(
        _ t: Catalogue, action: String, submit: String, contact: Contact?, typed: [String: String]?, refused: DomainError?, stale: Bool = false
    ) -> Form {
        func shown(_ name: String, _ stored: String?) -> String { typed?[name] ?? stored ?? "" }
        let refusal = refused.map { CustomerPageText.Refusal($0, t) }
        var errors: [String: String] = [:]
        if let refusal, let field = refusal.field, fieldNames.contains(field) { errors[field] = refusal.message }
        let general = stale ? t["crec_contact_stale"] : refusal?.general(fieldNames)
        return Form(
            action: action, submit: submit, version: contact.map { "\($0.version)" }, name: shown("name", contact?.name),
            email: shown("email", contact?.email), phone: shown("phone", contact?.phone), role: shown("role", contact?.role),
            externalID: shown("external_id", contact?.externalID),
            decisionMaker: typed.map { $0["decision_maker"] == "true" } ?? contact?.decisionMaker ?? false,
            error: general, errors: errors, open: refused != nil)
    }

    static func requireEdit(_ identity: Identity, _ customer: Customer) throws {
        guard CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer) else {
            throw DomainError(
                .forbidden, "you may not edit this customer", permission: CustomerAccessRules.editPermission(identity.actor, customer).rawValue)
        }
    }

    // MARK: - One contact

    /// The contact, if it is this customer's and the caller may read it; another customer's is as unknown as another org's.
    private static func contact(_ tx: TenantTransaction, _ caller: Caller, customer: UUID, _ context: AuthenticatedContext) async throws -> Contact {
        let id = try CustomerPageText.id(context.parameters.get("contact"), what: "contact not found")
        let contact = try await Contacts(tx, caller).get(id)
        guard contact.customerID == customer else { throw DomainError(.notFound, "contact not found") }
        return contact
    }

    func edit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in
            let contact = try await Self.contact(tx, caller, customer: id, context)
            return try await editModel(tx, caller, customer: id, contact: contact, page: request.uri.description, typed: nil, refused: nil, stale: false)
        }
        return PageResponse.render("crec-contact", model)
    }

    func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = try await CustomerFormPage.fields(request, context)
        let page = request.uri.path
        do {
            try await store.tenant(context) { tx, caller in
                let contact = try await Self.contact(tx, caller, customer: id, context)
                let changes = Contacts.Changes(
                    externalID: .some(CustomerPageText.text(form["external_id"])), name: form["name"] ?? "",
                    email: .some(CustomerPageText.text(form["email"])), phone: .some(CustomerPageText.text(form["phone"])),
                    role: .some(CustomerPageText.text(form["role"])), decisionMaker: form["decision_maker"] == "true")
                _ = try await Contacts(tx, caller).update(contact.id, changes, expectedVersion: Int(form["version"] ?? ""))
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())/contacts?done=saved")
        } catch let error as DomainError where error.code == .preconditionFailed {
            // Someone saved in between: show what is there now, and say so, rather than overwrite it.
            let model = try await store.tenant(context) { tx, caller in
                let contact = try await Self.contact(tx, caller, customer: id, context)
                return try await editModel(tx, caller, customer: id, contact: contact, page: page, typed: nil, refused: nil, stale: true)
            }
            return PageResponse.render("crec-contact", model, status: .conflict)
        } catch let error as DomainError where [.invalid, .missing].contains(error.code) || (error.code == .conflict && error.field != nil) {
            let model = try await store.tenant(context) { tx, caller in
                let contact = try await Self.contact(tx, caller, customer: id, context)
                return try await editModel(tx, caller, customer: id, contact: contact, page: page, typed: form, refused: error, stale: false)
            }
            return PageResponse.render("crec-contact", model, status: Problem(domain: error).status)
        }
    }

    func erase(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        try await store.tenant(context) { tx, caller in
            let contact = try await Self.contact(tx, caller, customer: id, context)
            _ = try await Contacts(tx, caller).erase(contact.id)
        }
        return .seeOther("/customers/\(id.uuidString.lowercased())/contacts?done=erased")
    }

    private func editModel(
        _ tx: TenantTransaction, _ caller: Caller, customer id: UUID, contact: Contact, page: String, typed: [String: String]?,
        refused: DomainError?, stale: Bool
    ) async throws -> EditModel {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let customer = try await Customers(tx, caller).get(id)
        try Self.requireEdit(caller.identity, customer)
        // An erased contact has nothing left to edit; the list shows it anonymised.
        guard contact.erasedAt == nil else { throw DomainError(.conflict, "the contact was erased") }
        let lower = id.uuidString.lowercased()
        let base = "/customers/\(lower)/contacts/\(contact.id.uuidString.lowercased())"
        let title = t.format("crec_contact_edit_title", ["name": contact.name, "customer": customer.name])
        return EditModel(
            chrome: reader.chrome(title: title, current: "/customers", page: page), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .contacts), id: lower, title: title, back: "/customers/\(lower)/contacts",
            form: Self.form(t, action: base, submit: t["crec_contact_save"], contact: contact, typed: typed, refused: refused, stale: stale),
            eraseAction: base + "/erase", eraseWarning: t.format("crec_erase_warning", ["name": contact.name]))
    }
}
