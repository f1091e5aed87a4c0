import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/problems` and `/problems/{id}`: problem records (seed 004, 8D) — the list with each status and open tickets,
/// and a record with its description, containment, root cause, corrective and preventive action, owner and status,
/// its linked tickets and affected customers. Whoever may write tickets in the problem's scope edits it, opens new
/// ones and links or unlinks a ticket by its id; the use case is what refuses everyone else.
struct ProblemsPage: Sendable {
    let store: Store

    struct ListRow: Sendable {
        let title: String
        let href: String
        let status: String
        let statusClass: String
        let owner: String
        let openTickets: String
        let tickets: String
        let customers: String
    }

    struct TicketRow: Sendable {
        let id: String
        let title: String
        let customer: String
        let customerHref: String
        let priority: String
        let status: String
        let opened: String
    }

    struct CustomerRow: Sendable {
        let id: String
        let name: String
        let href: String
        let openTickets: String
        /// Added by hand (and so removable); otherwise affected through a linked ticket.
        let explicit: Bool
        let viaTickets: Bool
    }

    /// The affected-customers form: the customers the reader sees that may still be added, and the refusal.
    struct AffectForm: Sendable {
        let customers: [FormOption]
        let error: String?
    }

    /// The record's fields as shown or as typed; `errors` by field name.
    struct Editor: Sendable {
        let title: String
        let description: String
        let containment: String
        let rootCause: String
        let correctiveAction: String
        let preventiveAction: String
        let statuses: [FormOption]
        let owners: [FormOption]
        let companies: [FormOption]
        let error: String?
        let titleError: String?
        let containmentError: String?
        let rootCauseError: String?
        let correctiveError: String?
        let preventiveError: String?
        let ownerError: String?
        let descriptionError: String?
        let companyError: String?
    }

    struct Section: Sendable {
        let heading: String
        let text: String?
    }

    struct ListModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [ReportTabs.Tab]
        let filters: [FormOption]
        let rows: [ListRow]
        let empty: Bool
        let create: Editor?
        let notice: String?
    }

    struct DetailModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [ReportTabs.Tab]
        let problemID: String
        let title: String
        let status: String
        let statusClass: String
        let owner: String
        let counts: String
        let sections: [Section]
        let tickets: [TicketRow]
        let noTickets: Bool
        let customers: [CustomerRow]
        let noCustomers: Bool
        let affect: AffectForm?
        let edit: Editor?
        let canWrite: Bool
        let ticketID: String
        let linkError: String?
        let notice: String?
    }

    static let notices = [
        "created": "crep_problem_notice_created", "saved": "crep_problem_notice_saved", "linked": "crep_problem_notice_linked",
        "unlinked": "crep_problem_notice_unlinked", "customer_added": "crep_problem_notice_customer_added",
        "customer_removed": "crep_problem_notice_customer_removed",
    ]

    // MARK: - The list

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await listModel(tx, caller, request: request, refused: nil)
        }
        return PageResponse.render("report-problems", model)
    }

    private func listModel(_ tx: TenantTransaction, _ caller: Caller, request: Request, refused: (Fields, DomainError)?) async throws -> ListModel {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        guard reader.may(.readCustomers) else {
            throw DomainError(.forbidden, "crep_problems_forbidden", permission: Permission.readCustomers.rawValue)
        }
        let status = request.uri.queryParameters["status"].flatMap { ProblemRecord.Status(rawValue: String($0)) }
        let showAll = request.uri.queryParameters["status"] == "all"
        let statuses: [ProblemRecord.Status]? = showAll ? nil : status.map { [$0] } ?? [.open, .contained, .corrected]
        let problems = try await Problems(tx, caller).list(.init(statuses: statuses), after: nil, limit: 200).items
        let names = try await MemberRepository.displayNames(tx)
        let rows = problems.map { listed in
            ListRow(
                title: listed.problem.title, href: "/problems/\(listed.problem.id.uuidString.lowercased())",
                status: t["crep_problem_status_\(listed.problem.status.rawValue)"], statusClass: listed.problem.status.rawValue,
                owner: listed.problem.ownerID.flatMap { names[$0] } ?? "–", openTickets: f.number(Double(listed.counts.openTickets)),
                tickets: f.number(Double(listed.counts.tickets)), customers: f.number(Double(listed.counts.customers)))
        }
        let chosen = showAll ? "all" : status?.rawValue ?? ""
        let filters = [FormOption(value: "", label: t["crep_problem_unclosed"], selected: chosen.isEmpty)]
            + ProblemRecord.Status.allCases.map { FormOption(value: $0.rawValue, label: t["crep_problem_status_\($0.rawValue)"], selected: chosen == $0.rawValue) }
            + [FormOption(value: "all", label: t["crep_all"], selected: chosen == "all")]
        let create = reader.may(.writeTickets)
            ? try await Self.editor(nil, typed: refused, reader: reader, tx: tx, caller: caller) : nil
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }.map { t[$0] }
        return ListModel(
            chrome: reader.chrome(title: t["crep_problems_title"], current: "/renewals", page: request.uri.description), t: t.strings,
            tabs: ReportTabs.tabs(reader, current: "/problems"), filters: filters, rows: rows, empty: rows.isEmpty, create: create,
            notice: notice)
    }

    // MARK: - One record

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "problem")
        let model = try await store.tenant(context) { tx, caller in
            try await detailModel(tx, caller, id: id, request: request, refused: nil, link: nil)
        }
        return PageResponse.render("report-problem", model)
    }

    private func detailModel(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, request: Request, refused: (Fields, DomainError)?,
        link: (String, DomainError)?, affected: (String, DomainError)? = nil
    ) async throws -> DetailModel {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let detail = try await Problems(tx, caller).get(id)
        let p = detail.problem
        let names = try await MemberRepository.displayNames(tx)
        let canWrite = reader.identity.authorizer.can(reader.identity.actor, .writeTickets, in: p.scope).allowed
        let sections = [
            ("crep_problem_description", p.description), ("crep_problem_containment", p.containment), ("crep_problem_root_cause", p.rootCause),
            ("crep_problem_corrective", p.correctiveAction), ("crep_problem_preventive", p.preventiveAction),
        ].map { Section(heading: t[$0.0], text: $0.1) }
        let tickets = detail.tickets.map { listed in
            TicketRow(
                id: listed.ticket.id.uuidString.lowercased(), title: listed.ticket.title, customer: listed.customerName,
                customerHref: "/customers/\(listed.ticket.customerID.uuidString.lowercased())",
                priority: t["crep_priority_\(listed.ticket.priority.rawValue)"], status: t["crep_ticket_status_\(listed.ticket.status.rawValue)"],
                opened: f.date(f.day(of: listed.ticket.openedAt)))
        }
        let customers = detail.customers.map {
            CustomerRow(
                id: $0.id.uuidString.lowercased(), name: $0.name, href: "/customers/\($0.id.uuidString.lowercased())",
                openTickets: f.number(Double($0.openTickets)), explicit: $0.explicit, viaTickets: $0.viaTickets)
        }
        var affect: AffectForm?
        if canWrite {
            // The customers the reader sees (in the problem's company, when it has one) not already added by hand.
            var query = CustomerListQuery()
            query.companyID = p.companyID
            let added = Set(detail.customers.filter(\.explicit).map(\.id))
            let chosen = affected?.0 ?? ""
            let choices = try await Customers(tx, caller).list(query, after: nil, limit: 500).items
                .filter { !added.contains($0.customer.id) }
                .map { FormOption(value: $0.customer.id.uuidString.lowercased(), label: $0.customer.name, selected: $0.customer.id.uuidString.lowercased() == chosen) }
            affect = AffectForm(
                customers: [FormOption(value: "", label: t["crep_problem_customer_choose"], selected: chosen.isEmpty)] + choices,
                error: affected.map { t.explain($0.1) })
        }
        let linkError = link.map { t.explain($0.1) }
        return DetailModel(
            chrome: reader.chrome(title: p.title, current: "/renewals", page: request.uri.description), t: t.strings,
            tabs: ReportTabs.tabs(reader, current: "/problems"), problemID: p.id.uuidString.lowercased(), title: p.title,
            status: t["crep_problem_status_\(p.status.rawValue)"], statusClass: p.status.rawValue,
            owner: p.ownerID.flatMap { names[$0] } ?? "–",
            counts: t.format("crep_problem_counts", [
                "open": f.number(Double(detail.counts.openTickets)), "tickets": f.number(Double(detail.counts.tickets)),
                "customers": f.number(Double(detail.counts.customers)),
            ]),
            sections: sections, tickets: tickets, noTickets: tickets.isEmpty, customers: customers, noCustomers: customers.isEmpty,
            affect: affect,
            edit: canWrite ? try await Self.editor(p, typed: refused, reader: reader, tx: tx, caller: caller) : nil, canWrite: canWrite,
            ticketID: link?.0 ?? "", linkError: linkError,
            notice: request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }.map { t[$0] })
    }

    static func editor(
        _ p: ProblemRecord?, typed: (Fields, DomainError)?, reader: Reader, tx: TenantTransaction, caller: Caller
    ) async throws -> Editor {
        let t = reader.t
        let form = typed?.0
        let error = typed.map { e -> DomainError in var e = e.1; e.message = t.explain(e); return e }
        func message(_ field: String) -> String? { error?.field == field ? error?.message : nil }
        let placed: Set<String> = ["company_id", "title", "description", "containment", "root_cause", "corrective_action", "preventive_action", "owner_id"]
        let status = form?.status ?? p?.status.rawValue ?? "open"
        let owner = form?.owner ?? (p?.ownerID ?? caller.identity.memberID).uuidString.lowercased()
        let members = try await MemberRepository.list(
            tx, companyID: nil, teamID: nil, visibleTo: caller.identity.reach(.readDirectory), after: nil, limit: 500).items.filter(\.active)
        // A new problem lives in a company or the whole org; where it lives decides who may write it.
        var companies: [FormOption] = []
        if p == nil {
            let company = form?.company ?? ""
            companies = [FormOption(value: "", label: t["crep_org_wide"], selected: company.isEmpty)]
                + (try await CompanyRepository.list(tx, after: nil, limit: 200).items).map {
                    FormOption(value: $0.id.uuidString.lowercased(), label: $0.name, selected: $0.id.uuidString.lowercased() == company)
                }
        }
        return Editor(
            title: form?.title ?? p?.title ?? "", description: form?.description ?? p?.description ?? "",
            containment: form?.containment ?? p?.containment ?? "", rootCause: form?.rootCause ?? p?.rootCause ?? "",
            correctiveAction: form?.correctiveAction ?? p?.correctiveAction ?? "", preventiveAction: form?.preventiveAction ?? p?.preventiveAction ?? "",
            statuses: ProblemRecord.Status.allCases.map { FormOption(value: $0.rawValue, label: t["crep_problem_status_\($0.rawValue)"], selected: $0.rawValue == status) },
            owners: members.map { FormOption(value: $0.id.uuidString.lowercased(), label: $0.displayName, selected: $0.id.uuidString.lowercased() == owner) },
            companies: companies, error: error.flatMap { placed.contains($0.field ?? "") ? nil : $0.message },
            titleError: message("title"), containmentError: message("containment"), rootCauseError: message("root_cause"),
            correctiveError: message("corrective_action"), preventiveError: message("preventive_action"), ownerError: message("owner_id"),
            descriptionError: message("description"), companyError: message("company_id"))
    }

    // MARK: - Forms

    struct Fields: Decodable, Sendable {
        var title: String?
        var description: String?
        var containment: String?
        var rootCause: String?
        var correctiveAction: String?
        var preventiveAction: String?
        var status: String?
        var owner: String?
        var company: String?

        enum CodingKeys: String, CodingKey {
            case title, description, containment, status, owner, company
            case rootCause = "root_cause"
            case correctiveAction = "corrective_action"
            case preventiveAction = "preventive_action"
        }

        func statusValue() throws -> ProblemRecord.Status {
            guard let status = ProblemRecord.Status(rawValue: status ?? "open") else {
                throw DomainError(.invalid, "crep_problem_error_status", field: "status")
            }
            return status
        }

        func ownerValue() throws -> UUID? {
            guard let owner, !owner.isEmpty else { return nil }
            guard let id = UUID(uuidString: owner) else { throw DomainError(.invalid, "crep_problem_error_owner", field: "owner_id") }
            return id
        }
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let id = try await store.tenant(context) { tx, caller in
                let problems = Problems(tx, caller)
                let checked = try await problems.check(.init(
                    title: form.title ?? "", description: form.description, containment: form.containment, rootCause: form.rootCause,
                    correctiveAction: form.correctiveAction, preventiveAction: form.preventiveAction, ownerID: try form.ownerValue(),
                    status: try form.statusValue(), companyID: form.company.flatMap { UUID(uuidString: $0) }))
                return try await problems.create(checked).problem.id
            }
            return .seeOther("/problems/\(id.uuidString.lowercased())?done=created")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            let model = try await store.tenant(context) { tx, caller in
                guard caller.identity.reach(.writeTickets).anywhere else {
                    throw DomainError(.forbidden, "crep_problem_forbidden", permission: Permission.writeTickets.rawValue)
                }
                return try await listModel(tx, caller, request: request, refused: (form, error))
            }
            return PageResponse.render("report-problems", model, status: .unprocessableContent)
        }
    }

    func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "problem")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await Problems(tx, caller).update(
                    id,
                    .init(
                        title: form.title ?? "", description: .some(form.description), containment: .some(form.containment),
                        rootCause: .some(form.rootCause), correctiveAction: .some(form.correctiveAction),
                        preventiveAction: .some(form.preventiveAction), ownerID: try form.ownerValue().map { .some($0) },
                        status: try form.statusValue()),
                    expectedVersion: nil)
            }
            return .seeOther("/problems/\(id.uuidString.lowercased())?done=saved")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            let model = try await store.tenant(context) { tx, caller in
                try await detailModel(tx, caller, id: id, request: request, refused: (form, error), link: nil)
            }
            guard model.canWrite else { throw DomainError(.forbidden, "crep_problem_forbidden", permission: Permission.writeTickets.rawValue) }
            return PageResponse.render("report-problem", model, status: .unprocessableContent)
        }
    }

    struct LinkFields: Decodable {
        var ticketId: String?
        enum CodingKeys: String, CodingKey { case ticketId = "ticket_id" }
    }

    func link(_ request: Request, _ context: AuthenticatedContext, unlink: Bool) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "problem")
        let form = try await request.decodeForm(as: LinkFields.self, context: context)
        let typed = form.ticketId?.trimmingCharacters(in: .whitespaces) ?? ""
        do {
            try await store.tenant(context) { tx, caller in
                guard let ticket = UUID(uuidString: typed) else {
                    // Checked for the right first, so a refusal is not turned into advice on the form.
                    let problem = try await Problems(tx, caller).get(id).problem
                    try caller.identity.require(.writeTickets, in: problem.scope)
                    throw DomainError(.invalid, "crep_problem_error_ticket", field: "ticket_id")
                }
                if unlink { _ = try await Problems(tx, caller).unlink(id, ticket: ticket) } else { _ = try await Problems(tx, caller).link(id, ticket: ticket) }
            }
            return .seeOther("/problems/\(id.uuidString.lowercased())?done=\(unlink ? "unlinked" : "linked")")
        } catch let error as DomainError where !unlink && (error.code == .invalid || error.code == .conflict) {
            let model = try await store.tenant(context) { tx, caller in
                try await detailModel(tx, caller, id: id, request: request, refused: nil, link: (typed, error))
            }
            return PageResponse.render("report-problem", model, status: error.code == .conflict ? .conflict : .unprocessableContent)
        }
    }

    // MARK: - Affected customers

    struct AffectFields: Decodable {
        var customerId: String?
        enum CodingKeys: String, CodingKey { case customerId = "customer_id" }
    }

    /// Adds a customer the problem affects (beyond those of its tickets), or removes one added by hand.
    func affect(_ request: Request, _ context: AuthenticatedContext, remove: Bool) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "problem")
        let form = try await request.decodeForm(as: AffectFields.self, context: context)
        let typed = form.customerId?.trimmingCharacters(in: .whitespaces) ?? ""
        do {
            try await store.tenant(context) { tx, caller in
                // Checked for the right first, so a refusal is not turned into advice on the form.
                let problem = try await Problems(tx, caller).get(id).problem
                try caller.identity.require(.writeTickets, in: problem.scope)
                guard let customer = UUID(uuidString: typed) else {
                    throw DomainError(.invalid, "crep_problem_error_customer", field: "customer_id")
                }
                do {
                    _ = try await Customers(tx, caller).get(customer)
                } catch let error as DomainError where error.code == .notFound {
                    throw DomainError(.invalid, "crep_problem_error_customer", field: "customer_id")
                }
                if remove {
                    _ = try await Problems(tx, caller).removeCustomer(id, customer: customer)
                } else {
                    _ = try await Problems(tx, caller).addCustomer(id, customer: customer)
                }
            }
            return .seeOther("/problems/\(id.uuidString.lowercased())?done=\(remove ? "customer_removed" : "customer_added")#affected-heading")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            let model = try await store.tenant(context) { tx, caller in
                try await detailModel(tx, caller, id: id, request: request, refused: nil, link: nil, affected: (typed, error))
            }
            return PageResponse.render("report-problem", model, status: .unprocessableContent)
        }
    }
}
