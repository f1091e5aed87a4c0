import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/programs/enrol?customer={id}`: enrols a customer in a program — the customer (chosen first, or fixed when the
/// link names it), the template, the start date, the CSM and the client's participants from the customer's
/// contacts. Refused input comes back in place; success opens the new enrolment's page.
struct EnrolmentFormPage: Sendable {
    let store: Store

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let successTabs: [SuccessTabs.Tab]
        let title: String
        let chooseCustomer: Bool
        let customers: [FormOption]
        let noCustomers: Bool
        let customerID: String
        let customerName: String
        let customerHref: String
        let error: String?
        let templates: [FormOption]
        let noTemplates: Bool
        let templateError: String?
        let start: String
        let startError: String?
        let csms: [FormOption]
        let csmError: String?
        let participants: [EnrolmentPage.Choice]
        let hasParticipants: Bool
        let participantsError: String?
        let contactsHref: String
    }

    struct Fields: Decodable, Sendable {
        var customer: String?
        var template: String?
        var start: String?
        var csm: String?
        var participants: [String]?
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let raw = request.uri.queryParameters["customer"].map(String.init)
        let customer = try raw.flatMap { $0.isEmpty ? nil : try ProgramPageText.id($0, "customer") }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, customer: customer, typed: nil, error: nil, page: request.uri.description)
        }
        return PageResponse.render("prg-enrol", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        let customer = try ProgramPageText.id(form.customer, "customer")
        do {
            let id: UUID = try await store.tenant(context) { tx, caller in
                guard let template = form.template.flatMap({ UUID(uuidString: $0) }) else {
                    throw DomainError(.missing, "prg_err_template", field: "template_id")
                }
                let csm = try form.csm.flatMap { text -> UUID? in
                    guard !text.isEmpty else { return nil }
                    guard let id = UUID(uuidString: text) else { throw DomainError(.invalid, "prg_err_csm", field: "csm_id") }
                    return id
                }
                let participants = try (form.participants ?? []).map {
                    guard let id = UUID(uuidString: $0) else { throw DomainError(.invalid, "prg_err_contact", field: "participant_ids") }
                    return id
                }
                let new = Enrolments.New(
                    customerID: customer, templateID: template, startDate: try ProgramPageText.date(form.start, field: "start_date"),
                    csmID: csm, participantIDs: participants)
                return try await Enrolments(tx, caller).create(new).enrolment.id
            }
            return .seeOther("/enrolments/\(id.lowercased)?done=enrolled")
        } catch let error as DomainError where EnrolmentPage.refusals.contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, customer: customer, typed: form, error: error, page: "/programs/enrol?customer=\(customer.lowercased)")
            }
            return PageResponse.render("prg-enrol", model, status: Problem(domain: error).status)
        }
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, customer id: UUID?, typed: Fields?, error: DomainError?, page: String
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let identity = caller.identity
        guard reader.may(.writeOwnCustomers) || reader.may(.manageCustomers) || reader.may(.manageSuccess) else {
            throw DomainError(.forbidden, "you may not run this customer's success program", permission: Permission.manageSuccess.rawValue)
        }
        let message = error.map { $0.code == .preconditionFailed ? t["prg_err_stale"] : t.explain($0) }
        func on(_ names: String...) -> String? { names.contains(error?.field ?? "") ? message : nil }
        let title = t["prg_enrol_title"]
        let templates = try await ProgramTemplates(tx, caller).list(archived: false, after: nil, limit: 100).items
        guard let id else {
            var query = CustomerListQuery()
            query.phases = []
            let customers = try await Customers(tx, caller).list(query, after: nil, limit: 200).items.map(\.customer)
                .filter { c in
                    c.archivedAt == nil && (CustomerAccessRules.canEdit(identity.actor, identity.authorizer, c)
                        || identity.authorizer.can(identity.actor, .manageSuccess, in: c.scope).allowed)
                }
            return Model(
                chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
                successTabs: SuccessTabs.tabs(reader, current: .programs), title: title, chooseCustomer: true,
                customers: customers.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: false) },
                noCustomers: customers.isEmpty, customerID: "", customerName: "", customerHref: "", error: message,
                templates: [], noTemplates: templates.isEmpty, templateError: nil, start: "", startError: nil, csms: [], csmError: nil,
                participants: [], hasParticipants: false, participantsError: nil, contactsHref: "")
        }
        let customer = try await Customers(tx, caller).get(id)
        let contacts = try await ContactRepository.list(tx, customer: customer.id, after: nil, limit: 200).items.filter { $0.erasedAt == nil }
        let members = try await MemberRepository.list(
            tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items.filter(\.active)
        let chosenTemplate = typed?.template ?? templates.first?.id.lowercased ?? ""
        let chosenCSM = typed?.csm ?? customer.ownerID?.lowercased ?? identity.memberID.lowercased
        let chosenParticipants = Set(typed?.participants ?? [])
        var csms = members.map { FormOption(value: $0.id.lowercased, label: $0.displayName, selected: $0.id.lowercased == chosenCSM) }
        if !members.contains(where: { $0.id == identity.memberID }) {
            csms.insert(FormOption(value: identity.memberID.lowercased, label: reader.profile.member.displayName, selected: identity.memberID.lowercased == chosenCSM), at: 0)
        }
        return Model(
            chrome: reader.chrome(title: title, current: SuccessTabs.menu, page: page), t: t.strings,
            successTabs: SuccessTabs.tabs(reader, current: .programs), title: title, chooseCustomer: false, customers: [], noCustomers: false,
            customerID: customer.id.lowercased, customerName: customer.name, customerHref: "/customers/\(customer.id.lowercased)",
            error: message,
            templates: templates.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: $0.id.lowercased == chosenTemplate) },
            noTemplates: templates.isEmpty, templateError: on("template_id"),
            start: typed?.start ?? reader.today(caller.now).description, startError: on("start_date"),
            csms: csms, csmError: on("csm_id"),
            participants: contacts.map {
                EnrolmentPage.Choice(
                    id: "en-p-\($0.id.lowercased)", value: $0.id.lowercased, label: EnrolmentPage.contactLabel($0, t),
                    checked: chosenParticipants.contains($0.id.lowercased))
            },
            hasParticipants: !contacts.isEmpty, participantsError: on("participant_ids"),
            contactsHref: "/customers/\(customer.id.lowercased)/contacts")
    }
}
