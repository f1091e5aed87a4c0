import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/positions`: positions and their charters (責任分掌), who holds them, and the reporting line.
struct PositionController: RouteCollection {
    let store: Store

    struct ChainStepDTO: Encodable, Sendable {
        var position: PositionDTO
        var holders: [UUID]
    }

    struct CreateInput: RequestBody {
        var name: String
        var scopeType: String?
        var scopeId: UUID?
        var reportsTo: UUID?
        var responsibilities: [String]?
        var authority: [String]?
        var goalIds: [UUID]?

        static let schema = Schema.object(
            ["name": Schema.string, "scope_type": Schema.scopeType, "scope_id": Schema.uuid,
             "reports_to": Schema.nullable(Schema.uuid), "responsibilities": Schema.array(Schema.string),
             "authority": Schema.array(Schema.string), "goal_ids": Schema.array(Schema.uuid)], required: ["name"])
    }
    struct UpdateInput: RequestBody {
        var name: String?
        var reportsTo: PatchField<UUID>
        var responsibilities: [String]?
        var authority: [String]?
        var goalIds: [UUID]?
        enum CodingKeys: String, CodingKey { case name, reportsTo, responsibilities, authority, goalIds }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            reportsTo = try c.patch(.reportsTo)
            responsibilities = try c.decodeIfPresent([String].self, forKey: .responsibilities)
            authority = try c.decodeIfPresent([String].self, forKey: .authority)
            goalIds = try c.decodeIfPresent([UUID].self, forKey: .goalIds)
        }

        // Not the create's body: the scope is fixed once the position exists, and nothing is required.
        static let schema = Schema.object(
            ["name": Schema.string, "reports_to": Schema.nullable(Schema.uuid), "responsibilities": Schema.array(Schema.string),
             "authority": Schema.array(Schema.string), "goal_ids": Schema.array(Schema.uuid)])
    }
    struct HoldInput: RequestBody {
        var memberId: UUID
        var primary: Bool?
        var startDate: LocalDate?
        var endDate: LocalDate?

        static let schema = Schema.object(
            ["member_id": Schema.uuid, "primary": Schema.boolean, "start_date": Schema.date, "end_date": Schema.date],
            required: ["member_id"])
    }
    struct EndInput: RequestBody {
        var endDate: LocalDate?

        static let schema = Schema.object(["end_date": Schema.date])
    }

    static let schema = Schema.of(PositionDTO.self, refining: ["scope_type": Schema.scopeType])
    static let holdingSchema = Schema.of(PositionHolding.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "responsibility"
        return [
            Route(.get, "/v1/positions", id: "listPositions", summary: "List positions and charters", tag: tag,
                  parameters: Schema.paging, responses: [200: ("Positions", Schema.list(Self.schema))], problems: [422], handler: list),
            Route(.post, "/v1/positions", id: "createPosition", summary: "Define a position and its charter (Idempotency-Key honoured)",
                  tag: tag, body: CreateInput.self, responses: [201: ("Created", Self.schema)], problems: [422], handler: create),
            Route(.get, "/v1/positions/{id}", id: "getPosition", summary: "Read a position", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Position", Self.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/positions/{id}", id: "updatePosition",
                  summary: "Edit a position's charter or reporting line (a loop is refused; If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Position", Self.schema)],
                  problems: [404, 412, 422], handler: update),
            Route(.get, "/v1/positions/{id}/chain", id: "positionChain",
                  summary: "The reporting line up to the top, with today's holders", tag: tag, parameters: [Schema.pathID()],
                  responses: [200: ("Chain", Schema.object(["items": Schema.array(Schema.object(["position": Self.schema, "holders": Schema.array(Schema.uuid)]))]))],
                  problems: [404], handler: chain),
            Route(.get, "/v1/positions/{id}/holders", id: "listPositionHolders", summary: "Who holds and held the position", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Holdings", Schema.object(["items": Schema.array(Self.holdingSchema)]))],
                  problems: [404], handler: holders),
            Route(.post, "/v1/positions/{id}/holders", id: "addPositionHolder", summary: "A member takes up the position", tag: tag,
                  parameters: [Schema.pathID()], body: HoldInput.self, responses: [201: ("Holding", Self.holdingSchema)],
                  problems: [404, 422], handler: addHolder),
            Route(.post, "/v1/positions/{id}/holders/{holding_id}/end", id: "endPositionHolder",
                  summary: "End a holding (kept as history)", tag: tag, parameters: [Schema.pathID(), Schema.pathID("holding_id")],
                  body: EndInput.self, responses: [200: ("Holding", Self.holdingSchema)], problems: [404], handler: endHolder),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await Positions(tx, caller).list(after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(PositionDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let definition = Positions.Definition(
            name: input.name, scopeType: input.scopeType, scopeID: input.scopeId, reportsToID: input.reportsTo,
            responsibilities: input.responsibilities, authority: input.authority, goalIDs: input.goalIds)
        return try await store.tenant(context) { tx, caller in
            let positions = Positions(tx, caller)
            let checked = try await positions.check(definition)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let saved = try await positions.create(checked)
                return try .init(PositionDTO(saved))
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        return try await store.answer(context) { tx, caller in try await PositionDTO(Positions(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let changes = Positions.Changes(
            name: input.name, reportsToID: input.reportsTo.optional, responsibilities: input.responsibilities,
            authority: input.authority, goalIDs: input.goalIds)
        return try await store.answer(context) { tx, caller in
            try await PositionDTO(Positions(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }

    @Sendable func chain(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let chain = try await store.tenant(context) { tx, caller in try await Positions(tx, caller).chain(from: id) }
        return try JSONResponse.make(["items": chain.map { ChainStepDTO(position: PositionDTO($0.position), holders: $0.holders) }])
    }

    @Sendable func holders(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let holdings = try await store.tenant(context) { tx, caller in try await Positions(tx, caller).holders(id) }
        return try JSONResponse.make(["items": holdings])
    }

    @Sendable func addHolder(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let input = try await request.decodeJSON(as: HoldInput.self, context: context)
        let holding = try await store.tenant(context) { tx, caller in
            try await Positions(tx, caller).addHolder(
                id, memberID: input.memberId, primary: input.primary, startDate: input.startDate, endDate: input.endDate)
        }
        return try JSONResponse.make(holding, status: .created)
    }

    @Sendable func endHolder(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let holdingID = try request.uuidParameter(context, "holding_id", what: "holding")
        // The body is optional: without one the holding ends today.
        let input = try? await request.decodeJSON(as: EndInput.self, context: context)
        let holding = try await store.tenant(context) { tx, caller in
            try await Positions(tx, caller).endHolder(id, holdingID: holdingID, on: input?.endDate)
        }
        return try JSONResponse.make(holding)
    }
}
