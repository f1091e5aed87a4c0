import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/transfers`: April's 人事異動 — a member's live goals (with their open check-ins), the check-ins waiting for
/// their review, and their open accountabilities move to another member in one transaction, with a record of
/// what moved.
struct TransferController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var fromMemberId: UUID
        var toMemberId: UUID
        var note: String?

        static let schema = Schema.object(
            ["from_member_id": Schema.uuid, "to_member_id": Schema.uuid, "note": Schema.string], required: ["from_member_id", "to_member_id"])
    }

    static let schema = Schema.of(TransferDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "responsibility"
        return [
            Route(.post, "/v1/transfers", id: "transferWork",
                  summary: "Move a member's goals, open check-ins, pending reviews and accountabilities to another member (Idempotency-Key honoured)",
                  tag: tag, body: CreateInput.self, responses: [201: ("Transfer", Self.schema)], problems: [403, 422], handler: create),
            Route(.get, "/v1/transfers", id: "listTransfers", summary: "Past transfers", tag: tag,
                  parameters: Schema.paging + [Schema.query("member_id", Schema.uuid, "transfers from or to this member")],
                  responses: [200: ("Transfers", Schema.list(Self.schema))], problems: [422], handler: list),
            Route(.get, "/v1/transfers/{id}", id: "getTransfer", summary: "Read a transfer", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Transfer", Self.schema)], problems: [404], handler: get),
        ]
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        guard input.fromMemberId != input.toMemberId else {
            throw Problem.invalidField("to_member_id", "a transfer goes to another member")
        }
        return try await store.tenant(context) { tx, caller in
            let transfers = WorkTransfers(tx, caller)
            let parties = try await transfers.check(from: input.fromMemberId, to: input.toMemberId)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(TransferDTO(try await transfers.transfer(parties, note: input.note)))
            }
        }
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let member = try request.uuidQuery("member_id")
        let page = try await store.tenant(context) { tx, caller in
            try await WorkTransfers(tx, caller).list(member: member, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(TransferDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "transfer")
        let record = try await store.tenant(context) { tx, caller in try await WorkTransfers(tx, caller).get(id) }
        return try JSONResponse.make(TransferDTO(record))
    }
}
