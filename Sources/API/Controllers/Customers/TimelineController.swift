import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/customers/{id}/timeline` and `/v1/timeline`: what people did with a customer and what the system saw, tagged
/// light or deep, filtered by kind and tag, and searched — in Japanese too (解約, ｶﾀｶﾅ = カタカナ).
struct TimelineController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var kind: TimelineEntry.Kind
        var successTag: TimelineEntry.SuccessTag?
        var occurredAt: Date?
        var title: String
        var body: String?

        static let schema = Schema.object(
            ["kind": Schema.enumeration(TimelineEntry.Kind.manual.map(\.rawValue)),
             "success_tag": Schema.enumeration(TimelineEntry.SuccessTag.self), "occurred_at": Schema.dateTime,
             "title": Schema.string, "body": Schema.string],
            required: ["kind", "title"])
    }

    /// Every field optional; `null` clears the nullable ones.
    struct UpdateInput: RequestBody {
        var kind: TimelineEntry.Kind?
        var successTag: PatchField<TimelineEntry.SuccessTag>
        var occurredAt: Date?
        var title: String?
        var body: PatchField<String>

        enum CodingKeys: String, CodingKey { case kind, successTag, occurredAt, title, body }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decodeIfPresent(TimelineEntry.Kind.self, forKey: .kind)
            successTag = try c.patch(.successTag)
            occurredAt = try c.decodeIfPresent(Date.self, forKey: .occurredAt)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            body = try c.patch(.body)
        }

        static let schema = Schema.object(
            ["kind": Schema.enumeration(TimelineEntry.Kind.manual.map(\.rawValue)),
             "success_tag": Schema.nullable(Schema.enumeration(TimelineEntry.SuccessTag.self)), "occurred_at": Schema.dateTime,
             "title": Schema.string, "body": Schema.nullable(Schema.string)])
    }

    static let filterParameters: [JSONValue] = [
        Schema.query("kind", Schema.enumeration(TimelineEntry.Kind.self), "only these kinds (repeat, or separate with commas)"),
        Schema.query("tag", Schema.enumeration(TimelineEntry.SuccessTag.self), "only entries with this success tag"),
    ]

    var routes: [Route<AuthenticatedContext>] {
        let tag = "support"
        return [
            Route(.get, "/v1/customers/{id}/timeline", id: "customerTimeline",
                  summary: "A customer's timeline, latest first; q searches title and body (Japanese included)", tag: tag,
                  parameters: [Schema.pathID()] + Schema.paging + Self.filterParameters
                    + [Schema.query("q", Schema.string, "words to find (NFKC- and case-folded; one character or more)")],
                  responses: [200: ("Entries", Schema.list(TimelineEntryDTO.schema))], problems: [404, 422], handler: list),
            Route(.post, "/v1/customers/{id}/timeline", id: "createTimelineEntry",
                  summary: "Write a meeting, call, email, note, pair support or presentation on the timeline (Idempotency-Key honoured)",
                  tag: tag, parameters: [Schema.pathID()], body: CreateInput.self,
                  responses: [201: ("Created", TimelineEntryDTO.schema)], problems: [403, 404, 422], handler: create),
            Route(.get, "/v1/timeline/search", id: "searchTimeline",
                  summary: "Search the timelines of every customer you read, latest first", tag: tag,
                  parameters: Schema.paging + Self.filterParameters + [
                    Schema.query("q", Schema.string, "words to find (required; NFKC- and case-folded; one character or more)"),
                    Schema.query("customer_id", Schema.uuid, "only this customer's"),
                  ],
                  responses: [200: ("Entries", Schema.list(TimelineEntryDTO.schema))], problems: [422], handler: search),
            Route(.patch, "/v1/timeline/{id}", id: "updateTimelineEntry",
                  summary: "Edit an entry: its author, or a manager of the customer; system entries stay as written (If-Match honoured)",
                  tag: tag, parameters: [Schema.pathID()], body: UpdateInput.self,
                  responses: [200: ("Entry", TimelineEntryDTO.schema)], problems: [403, 404, 409, 412, 422], handler: update),
            Route(.delete, "/v1/timeline/{id}", id: "deleteTimelineEntry",
                  summary: "Delete an entry: its author, or a manager of the customer; system entries stay", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)], problems: [403, 404, 409], handler: delete),
        ]
    }

    static func filter(_ request: Request) throws -> TimelineRepository.Filter {
        TimelineRepository.Filter(
            kinds: try SupportQuery.enums(request, "kind", TimelineEntry.Kind.self),
            tag: try SupportQuery.enums(request, "tag", TimelineEntry.SuccessTag.self, single: true)?.first,
            query: request.uri.queryParameters["q"].map(String.init))
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let customer = try request.uuidParameter(context, "id", what: "customer")
        let paging = try ListQuery(request)
        let filter = try Self.filter(request)
        if let q = filter.query, q.count > 200 { throw Problem.invalidField("q", "q is at most 200 characters") }
        let page = try await store.tenant(context) { tx, caller in
            try await Timeline(tx, caller).list(customer: customer, filter, after: paging.cursor, limit: paging.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(TimelineEntryDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func search(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let paging = try ListQuery(request)
        var filter = try Self.filter(request)
        filter.customerID = try request.uuidQuery("customer_id")
        let page = try await store.tenant(context) { tx, caller in
            try await Timeline(tx, caller).search(filter, after: paging.cursor, limit: paging.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(TimelineEntryDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let customer = try request.uuidParameter(context, "id", what: "customer")
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let timeline = Timeline(tx, caller)
            let checked = try await timeline.check(
                customer: customer,
                .init(kind: input.kind, successTag: input.successTag, occurredAt: input.occurredAt, title: input.title, body: input.body))
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(TimelineEntryDTO(try await timeline.create(checked)))
            }
        }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "timeline entry")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let changes = Timeline.Changes(
            kind: input.kind, successTag: input.successTag.optional, occurredAt: input.occurredAt, title: input.title,
            body: input.body.optional)
        return try await store.answer(context) { tx, caller in
            TimelineEntryDTO(try await Timeline(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "timeline entry")
        try await store.tenant(context) { tx, caller in try await Timeline(tx, caller).delete(id) }
        return JSONResponse.noContent()
    }
}
