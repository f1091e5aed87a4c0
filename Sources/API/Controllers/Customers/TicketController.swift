import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/tickets` and `/v1/customers/{id}/tickets`: support tickets, their expansion signals (hand-offs to the CSM or
/// sales owner) and the support report `/v1/reports/tickets`.
struct TicketController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var title: String
        var priority: Ticket.Priority?
        var product: String?
        var status: Ticket.Status?
        var openedAt: Date?
        var firstResponseAt: Date?
        var resolvedAt: Date?
        var csat: Int?
        var source: String?
        var externalId: String?

        static let schema = Schema.object(
            ["title": Schema.string, "priority": Schema.enumeration(Ticket.Priority.self), "product": Schema.string,
             "status": Schema.enumeration(Ticket.Status.self), "opened_at": Schema.dateTime, "first_response_at": Schema.dateTime,
             "resolved_at": Schema.dateTime, "csat": Schema.integer, "source": Schema.string, "external_id": Schema.string],
            required: ["title"])

        var new: Tickets.New {
            Tickets.New(
                title: title, priority: priority, product: product, status: status, openedAt: openedAt,
                firstResponseAt: firstResponseAt, resolvedAt: resolvedAt, csat: csat, source: source, externalID: externalId)
        }
    }

    /// Every field optional; `null` clears the nullable ones.
    struct UpdateInput: RequestBody {
        var title: String?
        var priority: Ticket.Priority?
        var product: PatchField<String>
        var status: Ticket.Status?
        var openedAt: Date?
        var firstResponseAt: PatchField<Date>
        var resolvedAt: PatchField<Date>
        var csat: PatchField<Int>

        enum CodingKeys: String, CodingKey { case title, priority, product, status, openedAt, firstResponseAt, resolvedAt, csat }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            priority = try c.decodeIfPresent(Ticket.Priority.self, forKey: .priority)
            product = try c.patch(.product)
            status = try c.decodeIfPresent(Ticket.Status.self, forKey: .status)
            openedAt = try c.decodeIfPresent(Date.self, forKey: .openedAt)
            firstResponseAt = try c.patch(.firstResponseAt)
            resolvedAt = try c.patch(.resolvedAt)
            csat = try c.patch(.csat)
        }

        static let schema = Schema.object(
            ["title": Schema.string, "priority": Schema.enumeration(Ticket.Priority.self), "product": Schema.nullable(Schema.string),
             "status": Schema.enumeration(Ticket.Status.self), "opened_at": Schema.dateTime,
             "first_response_at": Schema.nullable(Schema.dateTime), "resolved_at": Schema.nullable(Schema.dateTime),
             "csat": Schema.nullable(Schema.integer)])

        var changes: Tickets.Changes {
            Tickets.Changes(
                title: title, priority: priority, product: product.optional, status: status, openedAt: openedAt,
                firstResponseAt: firstResponseAt.optional, resolvedAt: resolvedAt.optional, csat: csat.optional)
        }
    }

    struct ExpansionInput: RequestBody {
        var note: String
        var handTo: ExpansionSignals.HandTo
        var dueDate: LocalDate?

        static let schema = Schema.object(
            ["note": Schema.string, "hand_to": Schema.enumeration(ExpansionSignals.HandTo.self), "due_date": Schema.date],
            required: ["note", "hand_to"])
    }

    static let listParameters: [JSONValue] = Schema.paging + [
        Schema.query("status", Schema.enumeration(Ticket.Status.self), "only these statuses (repeat, or separate with commas)"),
        Schema.query("priority", Schema.enumeration(Ticket.Priority.self), "only these priorities (repeat, or separate with commas)"),
        Schema.query("product", Schema.string, "only this product's"),
        Schema.query("open", Schema.boolean, "true: open or pending only; false: resolved or closed only"),
        Schema.query("problem_id", Schema.uuid, "only the tickets linked to this problem"),
        Schema.query("expansion_signal", Schema.boolean, "only tickets with (true) or without (false) an expansion signal"),
        Schema.query("company_id", Schema.uuid, "only this company's customers'"),
        Schema.query("team_id", Schema.uuid, "only this team's customers'"),
    ]

    var routes: [Route<AuthenticatedContext>] {
        let tag = "support"
        return [
            Route(.get, "/v1/tickets", id: "listTickets",
                  summary: "Support tickets of the customers you read, newest opened first", tag: tag,
                  parameters: Self.listParameters + [Schema.query("customer_id", Schema.uuid, "only this customer's")],
                  responses: [200: ("Tickets", Schema.list(TicketDTO.schema))], problems: [404, 422], handler: list),
            Route(.get, "/v1/customers/{id}/tickets", id: "listCustomerTickets", summary: "A customer's support tickets", tag: tag,
                  parameters: [Schema.pathID()] + Self.listParameters,
                  responses: [200: ("Tickets", Schema.list(TicketDTO.schema))], problems: [404, 422], handler: listOfCustomer),
            Route(.post, "/v1/customers/{id}/tickets", id: "createTicket",
                  summary: "Record a support ticket; opening it is written on the timeline (Idempotency-Key honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: CreateInput.self, responses: [201: ("Created", TicketDTO.schema)],
                  problems: [403, 404, 409, 422], handler: create),
            Route(.get, "/v1/tickets/{id}", id: "getTicket", summary: "Read a support ticket", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Ticket", TicketDTO.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/tickets/{id}", id: "updateTicket",
                  summary: "Edit a ticket: resolving stamps resolved_at, reopening counts and clears it (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Ticket", TicketDTO.schema)],
                  problems: [403, 404, 412, 422], handler: update),
            Route(.post, "/v1/tickets/{id}/expansion-signal", id: "raiseExpansionSignal",
                  summary: "Flag an expansion signal heard in the ticket and hand it to the customer's CSM or sales owner (Idempotency-Key honoured)",
                  tag: tag, parameters: [Schema.pathID()], body: ExpansionInput.self,
                  responses: [201: ("The ticket and the hand-off", ExpansionSignalDTO.schema)], problems: [403, 404, 409, 422],
                  handler: expansionSignal),
            Route(.get, "/v1/reports/tickets", id: "ticketReport",
                  summary: "Support metrics per priority, product or lifecycle phase at opening: opened, resolved, time to first response and to resolve (median, p90, hours), backlog, CSAT, reopen rate",
                  tag: tag,
                  parameters: [
                    Schema.query("from", Schema.date, "first day (default: 89 days before to)"),
                    Schema.query("to", Schema.date, "last day, included (default: today in the org's time zone)"),
                    Schema.query("group_by", Schema.enumeration(TicketMetricsRepository.Grouping.self), "default priority"),
                    Schema.query("company_id", Schema.uuid, "only this company's customers"),
                    Schema.query("team_id", Schema.uuid, "only this team's customers"),
                  ],
                  responses: [200: ("Report", TicketReportDTO.schema)], problems: [422], handler: report),
        ]
    }

    static func filter(_ request: Request, customer: UUID?) throws -> TicketRepository.Filter {
        let query = request.uri.queryParameters
        return TicketRepository.Filter(
            customerID: customer, statuses: try SupportQuery.enums(request, "status", Ticket.Status.self),
            priorities: try SupportQuery.enums(request, "priority", Ticket.Priority.self),
            product: query["product"].map(String.init), open: try SupportQuery.bool(request, "open"),
            problemID: try request.uuidQuery("problem_id"), expansionSignal: try SupportQuery.bool(request, "expansion_signal"),
            companyID: try request.uuidQuery("company_id"), teamID: try request.uuidQuery("team_id"))
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let paging = try ListQuery(request)
        let filter = try Self.filter(request, customer: try request.uuidQuery("customer_id"))
        let page = try await store.tenant(context) { tx, caller in
            try await Tickets(tx, caller).list(filter, after: paging.cursor, limit: paging.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(TicketDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func listOfCustomer(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let customer = try request.uuidParameter(context, "id", what: "customer")
        let paging = try ListQuery(request)
        let filter = try Self.filter(request, customer: customer)
        let page = try await store.tenant(context) { tx, caller in
            try await Tickets(tx, caller).list(filter, after: paging.cursor, limit: paging.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(TicketDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let customer = try request.uuidParameter(context, "id", what: "customer")
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let tickets = Tickets(tx, caller)
            let checked = try await tickets.check(customer: customer, input.new)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(TicketDTO(try await tickets.create(checked)))
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "ticket")
        return try await store.answer(context) { tx, caller in TicketDTO(try await Tickets(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "ticket")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            TicketDTO(try await Tickets(tx, caller).update(id, input.changes, expectedVersion: expected))
        }
    }

    @Sendable func expansionSignal(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "ticket")
        let (input, body) = try await request.decodeJSONKeepingBody(as: ExpansionInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let signals = ExpansionSignals(tx, caller)
            let checked = try await signals.check(ticket: id, note: input.note, handTo: input.handTo, dueDate: input.dueDate)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let raised = try await signals.raise(checked)
                return try .init(ExpansionSignalDTO(ticket: TicketDTO(raised.ticket), handoff: raised.handoff))
            }
        }
    }

    @Sendable func report(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let groupBy = try SupportQuery.enums(request, "group_by", TicketMetricsRepository.Grouping.self, single: true)?.first ?? .priority
        let from = try SupportQuery.date(request, "from")
        let to = try SupportQuery.date(request, "to")
        let company = try request.uuidQuery("company_id")
        let team = try request.uuidQuery("team_id")
        let report = try await store.tenant(context) { tx, caller in
            try await TicketReports(tx, caller).report(from: from, to: to, groupBy: groupBy, companyID: company, teamID: team)
        }
        return try JSONResponse.make(TicketReportDTO(report))
    }
}
