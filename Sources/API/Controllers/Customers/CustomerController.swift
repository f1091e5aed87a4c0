import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/customers`: the accounts — create, read, edit, list with filters in kana order, lifecycle phases, owner
/// and phase history, archive and restore, merge of two records of one customer — and `/v1/customer-tags`.
struct CustomerController: RouteCollection {
    let store: Store

    static let customSchema: JSONValue = [
        "type": "object", "description": "values of the org's custom fields by key (null removes a value)",
    ]

    struct CreateInput: RequestBody {
        var externalId: String?
        var name: String
        var nameEn: String?
        var nameKana: String?
        var companyId: UUID
        var teamId: UUID?
        var ownerId: UUID?
        var salesOwnerId: UUID?
        var segment: String?
        var phase: LifecyclePhase?
        var phaseSince: LocalDate?
        var riskReasons: [LifecycleRisk]?
        var churnReason: String?
        var custom: [String: JSONValue]?
        var tags: [String]?

        static let schema = Schema.object(
            ["external_id": Schema.string, "name": Schema.string, "name_en": Schema.string, "name_kana": Schema.string,
             "company_id": Schema.uuid, "team_id": Schema.uuid, "owner_id": Schema.uuid, "sales_owner_id": Schema.uuid,
             "segment": Schema.string, "phase": Schema.enumeration(LifecyclePhase.self), "phase_since": Schema.date,
             "risk_reasons": Schema.array(Schema.enumeration(LifecycleRisk.self)), "churn_reason": Schema.string,
             "custom": customSchema, "tags": Schema.array(Schema.string)],
            required: ["name", "company_id"])

        func new() throws -> Customers.New {
            Customers.New(
                externalID: externalId, name: name, nameEn: nameEn, nameKana: nameKana, companyID: companyId, teamID: teamId,
                ownerID: ownerId, salesOwnerID: salesOwnerId, segment: segment, phase: phase, phaseSince: phaseSince,
                riskReasons: riskReasons ?? [], churnReason: churnReason, custom: try CustomerController.custom(custom ?? [:]),
                tags: tags ?? [])
        }
    }

    /// Every field optional; `null` clears the nullable ones. The phase changes through `/phase`.
    struct UpdateInput: RequestBody {
        var externalId: PatchField<String>
        var name: String?
        var nameEn: PatchField<String>
        var nameKana: PatchField<String>
        var companyId: UUID?
        var teamId: PatchField<UUID>
        var ownerId: PatchField<UUID>
        var salesOwnerId: PatchField<UUID>
        var segment: PatchField<String>
        var riskReasons: [LifecycleRisk]?
        var custom: [String: JSONValue]?
        var tags: [String]?

        enum CodingKeys: String, CodingKey {
            case externalId, name, nameEn, nameKana, companyId, teamId, ownerId, salesOwnerId, segment, riskReasons, custom, tags
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            externalId = try c.patch(.externalId)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            nameEn = try c.patch(.nameEn)
            nameKana = try c.patch(.nameKana)
            companyId = try c.decodeIfPresent(UUID.self, forKey: .companyId)
            teamId = try c.patch(.teamId)
            ownerId = try c.patch(.ownerId)
            salesOwnerId = try c.patch(.salesOwnerId)
            segment = try c.patch(.segment)
            riskReasons = try c.decodeIfPresent([LifecycleRisk].self, forKey: .riskReasons)
            custom = try c.decodeIfPresent([String: JSONValue].self, forKey: .custom)
            tags = try c.decodeIfPresent([String].self, forKey: .tags)
        }

        static let schema = Schema.object(
            ["external_id": Schema.nullable(Schema.string), "name": Schema.string, "name_en": Schema.nullable(Schema.string),
             "name_kana": Schema.nullable(Schema.string), "company_id": Schema.uuid, "team_id": Schema.nullable(Schema.uuid),
             "owner_id": Schema.nullable(Schema.uuid), "sales_owner_id": Schema.nullable(Schema.uuid),
             "segment": Schema.nullable(Schema.string), "risk_reasons": Schema.array(Schema.enumeration(LifecycleRisk.self)),
             "custom": customSchema, "tags": Schema.array(Schema.string)])

        func changes() throws -> Customers.Changes {
            Customers.Changes(
                externalID: externalId.optional, name: name, nameEn: nameEn.optional, nameKana: nameKana.optional,
                companyID: companyId, teamID: teamId.optional, ownerID: ownerId.optional, salesOwnerID: salesOwnerId.optional,
                segment: segment.optional, riskReasons: riskReasons, custom: try custom.map(CustomerController.custom), tags: tags)
        }
    }

    struct PhaseInput: RequestBody {
        var phase: LifecyclePhase
        var riskReasons: [LifecycleRisk]?
        var churnReason: String?
        var since: LocalDate?

        static let schema = Schema.object(
            ["phase": Schema.enumeration(LifecyclePhase.self), "risk_reasons": Schema.array(Schema.enumeration(LifecycleRisk.self)),
             "churn_reason": Schema.string, "since": Schema.date],
            required: ["phase"])
    }

    struct MergeInput: RequestBody {
        var duplicateId: UUID
        static let schema = Schema.object(["duplicate_id": Schema.uuid], required: ["duplicate_id"])
    }

    static func custom(_ values: [String: JSONValue]) throws -> [String: CustomFieldValue?] {
        var result: [String: CustomFieldValue?] = [:]
        for (key, value) in values { result[key] = .some(try value.customValue(key: key)) }
        return result
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "customers"
        let member: JSONValue = ["oneOf": [Schema.uuid, Schema.enumeration(["me"])]]
        return [
            Route(.get, "/v1/customers", id: "listCustomers",
                  summary: "Customers the caller may read, filtered, in kana (五十音) order by default", tag: tag,
                  parameters: Schema.paging + [
                      Schema.query("company_id", Schema.uuid, "this company's"),
                      Schema.query("team_id", Schema.uuid, "this team's"),
                      Schema.query("owner_id", member, "owned by this member (`me` for the caller)"),
                      Schema.query("sales_owner_id", member, "sold by this member (`me` for the caller)"),
                      Schema.query("phase", Schema.string, "lifecycle phases (repeatable or comma-separated)"),
                      Schema.query("grade", Schema.string, "health grades A–D or `none` (repeatable or comma-separated)"),
                      Schema.query("segment", Schema.string, "this segment"),
                      Schema.query("tag", Schema.string, "carrying this tag"),
                      Schema.query("q", Schema.string, "name, English name or reading contains (kana, width and case agnostic)"),
                      Schema.query("renewal_within_days", ["type": "integer", "minimum": 0, "maximum": 3650],
                                   "an active contract ends, or its notice deadline (解約予告期限) falls, within this many days"),
                      Schema.query("archived", Schema.boolean, "archived customers instead of live ones (default false)"),
                      Schema.query("sort", Schema.enumeration(CustomerListQuery.Sort.self),
                                   "kana (default), name, grade (D first), health (lowest first), updated (latest first)"),
                  ],
                  responses: [200: ("Customers", Schema.list(CustomerItemDTO.schema))], problems: [422], handler: list),
            Route(.post, "/v1/customers", id: "createCustomer", summary: "Create a customer (Idempotency-Key honoured)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", CustomerDTO.schema)], problems: [403, 409, 422],
                  handler: create),
            Route(.get, "/v1/customers/{id}", id: "getCustomer", summary: "Read a customer", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Customer", CustomerDTO.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/customers/{id}", id: "updateCustomer",
                  summary: "Edit a customer; a new owner is kept in its owner history (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Customer", CustomerDTO.schema)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.post, "/v1/customers/{id}/phase", id: "changeCustomerPhase",
                  summary: "Move the customer to another lifecycle phase (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: PhaseInput.self, responses: [200: ("Customer", CustomerDTO.schema)],
                  problems: [403, 404, 409, 412, 422], handler: phase),
            Route(.get, "/v1/customers/{id}/history", id: "customerHistory", summary: "The customer's owner and phase histories",
                  tag: tag, parameters: [Schema.pathID()], responses: [200: ("History", Schema.of(CustomerHistoryDTO.self))],
                  problems: [404], handler: history),
            Route(.post, "/v1/customers/{id}/archive", id: "archiveCustomer", summary: "Archive a customer", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Customer", CustomerDTO.schema)], problems: [403, 404, 409],
                  handler: archive),
            Route(.post, "/v1/customers/{id}/restore", id: "restoreCustomer", summary: "Restore an archived customer", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Customer", CustomerDTO.schema)], problems: [403, 404, 409],
                  handler: restore),
            Route(.post, "/v1/customers/{id}/merge", id: "mergeCustomer",
                  summary: "Merge a duplicate record into this customer; the duplicate is archived with merged_into", tag: tag,
                  parameters: [Schema.pathID()], body: MergeInput.self,
                  responses: [200: ("Merged", Schema.of(MergeResultDTO.self, refining: [:]))], problems: [403, 404, 409, 422],
                  handler: merge),
            Route(.get, "/v1/customer-tags", id: "listCustomerTags",
                  summary: "The tags in use among the customers the caller reads, with counts", tag: tag,
                  responses: [200: ("Tags", Schema.list(Schema.of(CustomerTagDTO.self)))], handler: tags),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let paging = try ListQuery(request)
        let query = try CustomerListQuery.parse(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
        let page = try await store.tenant(context) { tx, caller in
            try await Customers(tx, caller).list(query, after: paging.cursor, limit: paging.limit)
        }
        return try JSONResponse.make(
            ListResponse(items: page.items.map { CustomerItemDTO($0.customer, ownerName: $0.ownerName) }, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let new = try input.new()
        return try await store.tenant(context) { tx, caller in
            let customers = Customers(tx, caller)
            let checked = try await customers.check(new)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let created = try await customers.create(checked)
                return try .init(CustomerDTO(try await customers.withNames(created)))
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        return try await store.answer(context) { tx, caller in CustomerDTO(try await Customers(tx, caller).detail(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let changes = try input.changes()
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            let customers = Customers(tx, caller)
            return CustomerDTO(try await customers.withNames(try await customers.update(id, changes, expectedVersion: expected)))
        }
    }

    @Sendable func phase(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let input = try await request.decodeJSON(as: PhaseInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            let customers = Customers(tx, caller)
            let changed = try await customers.changePhase(
                id, to: input.phase, risks: input.riskReasons ?? [], churnReason: input.churnReason, since: input.since,
                expectedVersion: expected)
            return CustomerDTO(try await customers.withNames(changed))
        }
    }

    @Sendable func history(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let (owners, phases) = try await store.tenant(context) { tx, caller in try await Customers(tx, caller).history(id) }
        return try JSONResponse.make(CustomerHistoryDTO(owners: owners, phases: phases))
    }

    @Sendable func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        return try await store.answer(context) { tx, caller in
            let customers = Customers(tx, caller)
            return CustomerDTO(try await customers.withNames(try await customers.archive(id)))
        }
    }

    @Sendable func restore(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        return try await store.answer(context) { tx, caller in
            let customers = Customers(tx, caller)
            return CustomerDTO(try await customers.withNames(try await customers.restore(id)))
        }
    }

    @Sendable func merge(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let input = try await request.decodeJSON(as: MergeInput.self, context: context)
        let result = try await store.tenant(context) { tx, caller in
            let customers = Customers(tx, caller)
            let result = try await customers.merge(id, duplicate: input.duplicateId)
            return MergeResultDTO(result, names: try await customers.withNames(result.survivor).names)
        }
        return try JSONResponse.make(result)
    }

    @Sendable func tags(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let tags = try await store.tenant(context) { tx, caller in try await Customers(tx, caller).tags() }
        return try JSONResponse.make(ListResponse(items: tags.map { CustomerTagDTO(tag: $0.tag, count: $0.count) }, nextCursor: nil))
    }
}
