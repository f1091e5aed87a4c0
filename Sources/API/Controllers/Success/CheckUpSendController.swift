import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/check-ups`: the check-ups and NPS surveys sent to customers' contacts, and sending one by hand.
struct CheckUpSendController: RouteCollection {
    let store: Store
    let publicURL: String

    struct SendNowInput: RequestBody {
        var customerId: UUID
        var contactId: UUID?
        var templateId: UUID?

        static let schema = Schema.object(
            ["customer_id": Schema.uuid, "contact_id": Schema.uuid, "template_id": Schema.uuid], required: ["customer_id"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Check-ups"
        return [
            Route(.get, "/v1/check-ups", id: "listCheckUps", summary: "Check-ups and NPS surveys sent to the contacts of customers the caller reads, newest first",
                  tag: tag,
                  parameters: Schema.paging + [
                    Schema.query("customer_id", Schema.uuid, "one customer's"),
                    Schema.query("month", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "sent in this month (YYYY-MM)"),
                    Schema.query("answered", Schema.boolean, "answered (true) or not (false)"),
                    Schema.query("kind", Schema.enumeration(CheckUpSendRecord.Kind.self), "check-ups or NPS surveys only"),
                  ],
                  responses: [200: ("Sends", Schema.list(CheckUpSendDTO.schema))], problems: [404, 422], handler: list),
            Route(.get, "/v1/check-ups/{id}", id: "getCheckUp", summary: "Read one send, with its answers", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Send", CheckUpSendDTO.schema)], problems: [404], handler: get),
            Route(.post, "/v1/check-ups/send-now", id: "sendCheckUpNow",
                  summary: "Mail a check-up to a customer's contact now (whoever edits the customer); the decision maker first when no contact is named",
                  tag: tag, body: SendNowInput.self, responses: [201: ("Sent", CheckUpSendDTO.schema)], problems: [403, 404, 409, 422],
                  handler: sendNow),
        ]
    }

    static func month(_ request: Request, _ name: String) throws -> YearMonth? {
        guard let raw = request.uri.queryParameters[name[...]] else { return nil }
        guard raw.count == 7, let month = YearMonth(iso: String(raw)), (2000...2200).contains(month.year) else {
            throw Problem.invalidField(name, "\(name) is a month written YYYY-MM")
        }
        return month
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let paging = try ListQuery(request)
        var filter = CheckUpSendRepository.Filter(customerID: try request.uuidQuery("customer_id"), month: try Self.month(request, "month"))
        if request.uri.queryParameters["answered"] != nil { filter.answered = try MeetingBodyController.flag(request, "answered") }
        if let raw = request.uri.queryParameters["kind"] {
            guard let kind = CheckUpSendRecord.Kind(rawValue: String(raw)) else { throw Problem.invalidField("kind", "kind is check_up or nps") }
            filter.kind = kind
        }
        let (page, now) = try await store.tenant(context) { tx, caller in
            (try await CheckUpSends(tx, caller).list(filter, after: paging.cursor, limit: paging.limit), caller.now)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map { CheckUpSendDTO($0, now: now) }, nextCursor: page.nextCursor))
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "check-up")
        let (send, now) = try await store.tenant(context) { tx, caller in (try await CheckUpSends(tx, caller).get(id), caller.now) }
        return try JSONResponse.make(CheckUpSendDTO(send, now: now))
    }

    @Sendable func sendNow(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: SendNowInput.self, context: context)
        let publicURL = self.publicURL
        let (send, now) = try await store.tenant(context) { tx, caller in
            (try await CheckUpSends(tx, caller).sendNow(
                customer: input.customerId, contact: input.contactId, template: input.templateId, publicURL: publicURL), caller.now)
        }
        return try JSONResponse.make(CheckUpSendDTO(send, now: now), status: .created)
    }
}
