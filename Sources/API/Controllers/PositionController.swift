import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/positions`: positions and their charters (責任分掌), who holds them, and the reporting line.
struct PositionController: RouteCollection {
    let store: Store

    struct PositionDTO: Codable, Sendable {
        var id: UUID
        var name: String
        var scopeType: String
        var scopeID: UUID?
        var reportsTo: UUID?
        var responsibilities: [String]
        var authority: [String]
        var goalIds: [UUID]
        var createdAt: Date
        var updatedAt: Date
        var version: Int
        init(_ p: Position) {
            (id, name, scopeType, scopeID, reportsTo) = (p.id, p.name, p.scope.kind, p.scope.id, p.reportsToID)
            (responsibilities, authority, goalIds) = (p.responsibilities, p.authority, p.goalIDs)
            (createdAt, updatedAt, version) = (p.createdAt, p.updatedAt, p.version)
        }
    }
    struct HoldingDTO: Codable, Sendable {
        var id: UUID
        var positionID: UUID
        var memberID: UUID
        var primary: Bool
        var startDate: LocalDate
        var endDate: LocalDate?
        init(_ h: PositionHolding) {
            (id, positionID, memberID, primary, startDate, endDate) = (h.id, h.positionID, h.memberID, h.primary, h.startDate, h.endDate)
        }
    }
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
            ["name": Schema.string, "scope_type": Schema.enumeration(["org", "company", "team"]), "scope_id": Schema.uuid,
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

    static let schema = Schema.object(
        ["id": Schema.uuid, "name": Schema.string, "scope_type": Schema.enumeration(["org", "company", "team"]),
         "scope_id": Schema.nullable(Schema.uuid), "reports_to": Schema.nullable(Schema.uuid),
         "responsibilities": Schema.array(Schema.string), "authority": Schema.array(Schema.string),
         "goal_ids": Schema.array(Schema.uuid), "created_at": Schema.dateTime, "updated_at": Schema.dateTime, "version": Schema.integer],
        required: ["id", "name", "scope_type", "responsibilities", "authority", "goal_ids", "version"])
    static let holdingSchema = Schema.object(
        ["id": Schema.uuid, "position_id": Schema.uuid, "member_id": Schema.uuid, "primary": Schema.boolean,
         "start_date": Schema.date, "end_date": Schema.nullable(Schema.date)])

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
        let identity = context.identity
        let list = try ListQuery(request)
        let page = try await store.tenant(context) { tx, _ in
            try await PositionRepository.list(tx, visibleTo: identity.reach(.readGoals), after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(PositionDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let scope = try Scope(kind: input.scopeType ?? (input.scopeId == nil ? "org" : "company"), id: input.scopeId)
        return try await store.tenant(context) { tx, caller in
            try await requireScopeExists(tx, scope)
            try caller.identity.require(.managePositions, in: scope)
            let position = Position(
                id: .v7(), name: try TenancyRules.name(input.name, field: "name"), scope: scope, reportsToID: input.reportsTo,
                responsibilities: try PositionRules.charterLines(input.responsibilities ?? [], field: "responsibilities"),
                authority: try PositionRules.charterLines(input.authority ?? [], field: "authority"),
                goalIDs: input.goalIds ?? [], createdAt: caller.now, updatedAt: caller.now, version: 1)
            try await checkReferences(tx, caller.identity, position)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let saved = try await PositionRepository.insert(tx, position)
                try await Audit.record(tx, caller, action: "position.create", resource: "position", id: saved.id, after: PositionDTO(saved))
                return try .init(PositionDTO(saved), version: saved.version)
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let position = try await store.tenant(context) { tx, caller in try await readable(tx, caller.identity, id) }
        return try JSONResponse.make(PositionDTO(position), version: position.version)
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let after = try await store.tenant(context) { tx, caller in
            let before = try await readable(tx, caller.identity, id)
            try caller.identity.require(.managePositions, in: before.scope)
            var position = before
            if let name = input.name { position.name = try TenancyRules.name(name, field: "name") }
            position.reportsToID = input.reportsTo.applied(to: position.reportsToID)
            if let lines = input.responsibilities { position.responsibilities = try PositionRules.charterLines(lines, field: "responsibilities") }
            if let lines = input.authority { position.authority = try PositionRules.charterLines(lines, field: "authority") }
            if let goals = input.goalIds { position.goalIDs = goals }
            try await checkReferences(tx, caller.identity, position)
            guard let after = try await PositionRepository.update(tx, position, expectedVersion: expected) else { throw ETag.stale }
            try await Audit.record(
                tx, caller, action: "position.update", resource: "position", id: id, before: PositionDTO(before), after: PositionDTO(after))
            return after
        }
        return try JSONResponse.make(PositionDTO(after), version: after.version)
    }

    @Sendable func chain(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let chain = try await store.tenant(context) { tx, caller in
            _ = try await readable(tx, caller.identity, id)
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
            return try await PositionRepository.chain(tx, from: id, on: today)
        }
        // The line up, as far as the caller may see: positions outside their reading scope are left out.
        let visible = chain.filter { Self.canSee(context.identity, $0.position) }
        return try JSONResponse.make(["items": visible.map { ChainStepDTO(position: PositionDTO($0.position), holders: $0.holders) }])
    }

    @Sendable func holders(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let holdings = try await store.tenant(context) { tx, caller in
            _ = try await readable(tx, caller.identity, id)
            return try await PositionRepository.holdings(tx, position: id)
        }
        return try JSONResponse.make(["items": holdings.map(HoldingDTO.init)])
    }

    @Sendable func addHolder(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let input = try await request.decodeJSON(as: HoldInput.self, context: context)
        let holding = try await store.tenant(context) { tx, caller in
            let position = try await readable(tx, caller.identity, id)
            try caller.identity.require(.managePositions, in: position.scope)
            try await GoalAccess.requireActiveMember(tx, input.memberId, field: "member_id")
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
            let start = input.startDate ?? today
            if let end = input.endDate, end < start {
                throw DomainError(.invalid, "a holding cannot end before it starts", field: "end_date")
            }
            let holding = try await PositionRepository.addHolding(
                tx,
                PositionHolding(
                    id: .v7(), positionID: id, memberID: input.memberId, primary: input.primary ?? true, startDate: start,
                    endDate: input.endDate))
            try await Audit.record(tx, caller, action: "position.hold", resource: "position", id: id, after: HoldingDTO(holding))
            return holding
        }
        return try JSONResponse.make(HoldingDTO(holding), status: .created)
    }

    @Sendable func endHolder(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "position")
        let holdingID = try request.uuidParameter(context, "holding_id", what: "holding")
        // The body is optional: without one the holding ends today.
        let input = try? await request.decodeJSON(as: EndInput.self, context: context)
        let holding = try await store.tenant(context) { tx, caller in
            let position = try await readable(tx, caller.identity, id)
            try caller.identity.require(.managePositions, in: position.scope)
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
            guard let holding = try await PositionRepository.endHolding(tx, position: id, id: holdingID, on: input?.endDate ?? today)
            else { throw Problem.notFound("holding") }
            try await Audit.record(tx, caller, action: "position.end_holding", resource: "position", id: id, after: HoldingDTO(holding))
            return holding
        }
        return try JSONResponse.make(HoldingDTO(holding))
    }

    /// Positions are seen as goals are: in one's scope and in the scopes above it (a team's CSM sees the company's
    /// lead and the org's head above them), not in another company.
    static func canSee(_ identity: Identity, _ position: Position) -> Bool {
        identity.authorizer.canSomewhere(identity.actor, .readGoals, within: position.scope)
    }

    private func readable(_ tx: TenantTransaction, _ identity: Identity, _ id: UUID) async throws -> Position {
        guard let position = try await PositionRepository.get(tx, id: id), Self.canSee(identity, position)
        else { throw Problem.notFound("position") }
        return position
    }

    private func requireScopeExists(_ tx: TenantTransaction, _ scope: Scope) async throws {
        switch scope {
        case .org: return
        case .company(let id):
            guard try await CompanyRepository.get(tx, id: id) != nil else {
                throw DomainError(.invalid, "no such company in this organisation", field: "scope_id")
            }
        case .team(let id):
            guard try await TeamRepository.get(tx, id: id) != nil else {
                throw DomainError(.invalid, "no such team in this organisation", field: "scope_id")
            }
        }
    }

    /// `reports_to` names a position of this org without looping back; the owned KPIs are goals of this org. Each
    /// must be one the caller may read, else it is refused as if it did not exist.
    private func checkReferences(_ tx: TenantTransaction, _ identity: Identity, _ position: Position) async throws {
        if let manager = position.reportsToID {
            guard let above = try await PositionRepository.get(tx, id: manager), Self.canSee(identity, above) else {
                throw DomainError(.invalid, "no such position in this organisation", field: "reports_to")
            }
            try PositionRules.checkNoCycle(position: position.id, proposedChain: try await PositionRepository.chainIDs(tx, from: manager))
        }
        for goal in position.goalIDs where try await GoalRepository.get(tx, id: goal).map({ GoalAccess.canRead(identity, $0) }) != true {
            throw DomainError(.invalid, "no such goal in this organisation: \(goal.uuidString.lowercased())", field: "goal_ids")
        }
    }
}
