import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/customers/{id}/contracts`, `/v1/contracts/{id}`: a customer's contracts with their notice deadline
/// (解約予告期限) and MRR, and the renewal's outcome. Support reads customers but not contract values: 403
/// naming `contracts.read`.
struct ContractController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var name: String?
        var externalId: String?
        var arr: MoneyDTO
        var startDate: LocalDate
        var endDate: LocalDate
        var autoRenews: Bool?
        var noticeDays: Int?
        var noticeMonths: Int?
        var status: Contract.Status?

        static let schema = Schema.object(
            ["name": Schema.string, "external_id": Schema.string, "arr": MoneyDTO.schema, "start_date": Schema.date,
             "end_date": Schema.date, "auto_renews": Schema.boolean, "notice_days": ["type": "integer", "minimum": 0, "maximum": 730],
             "notice_months": ["type": "integer", "minimum": 0, "maximum": 24], "status": Schema.enumeration(Contract.Status.self)],
            required: ["arr", "start_date", "end_date"])

        func new(field: String = "arr") throws -> Contracts.New {
            Contracts.New(
                name: name, externalID: externalId, arr: try arr.money(field: field), startDate: startDate, endDate: endDate,
                autoRenews: autoRenews ?? false, noticeDays: noticeDays, noticeMonths: noticeMonths, status: status ?? .active)
        }
    }

    struct UpdateInput: RequestBody {
        var name: PatchField<String>
        var externalId: PatchField<String>
        var arr: MoneyDTO?
        var startDate: LocalDate?
        var endDate: LocalDate?
        var autoRenews: Bool?
        var noticeDays: PatchField<Int>
        var noticeMonths: PatchField<Int>
        var status: Contract.Status?
        var renewalOutcome: PatchField<RenewalOutcome>

        enum CodingKeys: String, CodingKey {
            case name, externalId, arr, startDate, endDate, autoRenews, noticeDays, noticeMonths, status, renewalOutcome
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.patch(.name)
            externalId = try c.patch(.externalId)
            arr = try c.decodeIfPresent(MoneyDTO.self, forKey: .arr)
            startDate = try c.decodeIfPresent(LocalDate.self, forKey: .startDate)
            endDate = try c.decodeIfPresent(LocalDate.self, forKey: .endDate)
            autoRenews = try c.decodeIfPresent(Bool.self, forKey: .autoRenews)
            noticeDays = try c.patch(.noticeDays)
            noticeMonths = try c.patch(.noticeMonths)
            status = try c.decodeIfPresent(Contract.Status.self, forKey: .status)
            renewalOutcome = try c.patch(.renewalOutcome)
        }

        static let schema = Schema.object(
            ["name": Schema.nullable(Schema.string), "external_id": Schema.nullable(Schema.string), "arr": MoneyDTO.schema,
             "start_date": Schema.date, "end_date": Schema.date, "auto_renews": Schema.boolean,
             "notice_days": ["type": ["integer", "null"], "minimum": 0, "maximum": 730],
             "notice_months": ["type": ["integer", "null"], "minimum": 0, "maximum": 24],
             "status": Schema.enumeration(Contract.Status.self),
             "renewal_outcome": Schema.nullable(Schema.enumeration(RenewalOutcome.self))])

        func changes() throws -> Contracts.Changes {
            Contracts.Changes(
                name: name.optional, externalID: externalId.optional, arr: try arr?.money(field: "arr"), startDate: startDate,
                endDate: endDate, autoRenews: autoRenews, noticeDays: noticeDays.optional, noticeMonths: noticeMonths.optional,
                status: status, renewalOutcome: renewalOutcome.optional)
        }
    }

    struct RenewalInput: RequestBody {
        var outcome: RenewalOutcome
        var renewedContract: CreateInput?

        static let schema = Schema.object(
            ["outcome": Schema.enumeration(RenewalOutcome.self), "renewed_contract": CreateInput.schema], required: ["outcome"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "customers"
        return [
            Route(.get, "/v1/customers/{id}/contracts", id: "listContracts",
                  summary: "A customer's contracts, with notice deadline (解約予告期限) and MRR (needs contracts.read)", tag: tag,
                  parameters: [Schema.pathID()] + Schema.paging,
                  responses: [200: ("Contracts", Schema.list(ContractDTO.schema))], problems: [403, 404, 422], handler: list),
            Route(.post, "/v1/customers/{id}/contracts", id: "createContract",
                  summary: "Add a contract: ARR in minor units with currency, term, auto-renewal and notice period (Idempotency-Key honoured)",
                  tag: tag, parameters: [Schema.pathID()], body: CreateInput.self,
                  responses: [201: ("Created", ContractDTO.schema)], problems: [403, 404, 409, 422], handler: create),
            Route(.get, "/v1/contracts/{id}", id: "getContract", summary: "Read a contract (needs contracts.read)", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Contract", ContractDTO.schema)], problems: [403, 404], handler: get),
            Route(.patch, "/v1/contracts/{id}", id: "updateContract", summary: "Edit a contract (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self,
                  responses: [200: ("Contract", ContractDTO.schema)], problems: [403, 404, 409, 412, 422], handler: update),
            Route(.post, "/v1/contracts/{id}/renewal", id: "recordRenewal",
                  summary: "Record what the renewal came to (churned, contracted, renewed, expanded); optionally create the next contract",
                  tag: tag, parameters: [Schema.pathID()], body: RenewalInput.self,
                  responses: [200: ("The contract and the renewed one", Schema.of(RenewalOutcomeDTO.self))],
                  problems: [403, 404, 409, 422], handler: renewal),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await Contracts(tx, caller).list(customer: id, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(ContractDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let new = try input.new()
        return try await store.tenant(context) { tx, caller in
            let contracts = Contracts(tx, caller)
            let checked = try await contracts.check(customer: id, new)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(ContractDTO(try await contracts.create(checked)))
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "contract")
        return try await store.answer(context) { tx, caller in ContractDTO(try await Contracts(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "contract")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let changes = try input.changes()
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            ContractDTO(try await Contracts(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }

    @Sendable func renewal(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "contract")
        let input = try await request.decodeJSON(as: RenewalInput.self, context: context)
        let next = try input.renewedContract?.new(field: "renewed_contract.arr")
        let (contract, renewed) = try await store.tenant(context) { tx, caller in
            try await Contracts(tx, caller).recordRenewal(id, outcome: input.outcome, next: next)
        }
        return try JSONResponse.make(RenewalOutcomeDTO(contract: ContractDTO(contract), renewedContract: renewed.map(ContractDTO.init)))
    }
}
