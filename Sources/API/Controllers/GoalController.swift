import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/goals`: the KGI → KSF → KPI tree — create, edit, move, archive, copy into the next period, SMART check.
struct GoalController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var kind: Goal.Kind
        var parentId: UUID?
        var title: String
        var description: String?
        var ownerId: UUID?
        var scope: Goal.ScopeKind?
        var companyId: UUID?
        var teamId: UUID?
        var period: String
        var metric: String?
        var unit: String?
        var baseline: Double?
        var target: Double?
        var direction: Goal.Direction?
        var dueDate: LocalDate?
        var cadence: Cadence?
        var weight: Double?
        var boundMetric: BoundMetric?

        static let schema = Schema.object(
            ["kind": Schema.enumeration(Goal.Kind.self), "parent_id": Schema.nullable(Schema.uuid), "title": Schema.string,
             "description": Schema.nullable(Schema.string), "owner_id": Schema.uuid,
             "scope": Schema.enumeration(Goal.ScopeKind.self), "company_id": Schema.uuid, "team_id": Schema.uuid,
             "period": Schema.string, "metric": Schema.string, "unit": Schema.string, "baseline": Schema.number,
             "target": Schema.number, "direction": Schema.enumeration(Goal.Direction.self), "due_date": Schema.date,
             "cadence": Schema.enumeration(Cadence.self), "weight": Schema.number,
             "bound_metric": Schema.enumeration(BoundMetric.self)],
            required: ["kind", "title", "period"])

        var new: Goals.New {
            Goals.New(
                kind: kind, parentID: parentId, title: title, description: description, ownerID: ownerId, scope: scope,
                companyID: companyId, teamID: teamId, period: period, metric: metric, unit: unit, baseline: baseline,
                target: target, direction: direction, dueDate: dueDate, cadence: cadence, weight: weight, boundMetric: boundMetric)
        }
    }

    /// Every field optional; `null` clears the nullable ones.
    struct UpdateInput: RequestBody {
        var title: String?
        var description: PatchField<String>
        var ownerId: UUID?
        var period: String?
        var metric: PatchField<String>
        var unit: PatchField<String>
        var baseline: PatchField<Double>
        var target: PatchField<Double>
        var direction: Goal.Direction?
        var dueDate: PatchField<LocalDate>
        var cadence: Cadence?
        var weight: Double?
        var status: Goal.Status?
        var boundMetric: PatchField<BoundMetric>

        enum CodingKeys: String, CodingKey {
            case title, description, ownerId, period, metric, unit, baseline, target, direction, dueDate, cadence, weight, status
            case boundMetric
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            description = try c.patch(.description)
            ownerId = try c.decodeIfPresent(UUID.self, forKey: .ownerId)
            period = try c.decodeIfPresent(String.self, forKey: .period)
            metric = try c.patch(.metric)
            unit = try c.patch(.unit)
            baseline = try c.patch(.baseline)
            target = try c.patch(.target)
            direction = try c.decodeIfPresent(Goal.Direction.self, forKey: .direction)
            dueDate = try c.patch(.dueDate)
            cadence = try c.decodeIfPresent(Cadence.self, forKey: .cadence)
            weight = try c.decodeIfPresent(Double.self, forKey: .weight)
            status = try c.decodeIfPresent(Goal.Status.self, forKey: .status)
            boundMetric = try c.patch(.boundMetric)
        }

        static let schema = Schema.object(
            ["title": Schema.string, "description": Schema.nullable(Schema.string), "owner_id": Schema.uuid, "period": Schema.string,
             "metric": Schema.nullable(Schema.string), "unit": Schema.nullable(Schema.string), "baseline": Schema.nullable(Schema.number),
             "target": Schema.nullable(Schema.number), "direction": Schema.enumeration(Goal.Direction.self),
             "due_date": Schema.nullable(Schema.date), "cadence": Schema.enumeration(Cadence.self), "weight": Schema.number,
             "status": Schema.enumeration(Goal.Status.self),
             "bound_metric": Schema.nullable(Schema.enumeration(BoundMetric.self))])

        var changes: Goals.Changes {
            Goals.Changes(
                title: title, description: description.optional, ownerID: ownerId, period: period, metric: metric.optional,
                unit: unit.optional, baseline: baseline.optional, target: target.optional, direction: direction,
                dueDate: dueDate.optional, cadence: cadence, weight: weight, status: status,
                boundMetric: boundMetric.optional)
        }
    }

    struct MoveInput: RequestBody {
        var parentId: PatchField<UUID>
        enum CodingKeys: String, CodingKey { case parentId }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            // Absent would mean "leave it", which a move cannot: null moves to the top.
            guard c.contains(.parentId) else { throw Problem.invalidField("parent_id", "parent_id is required (null moves to the top)") }
            parentId = try c.patch(.parentId)
        }

        static let schema = Schema.object(["parent_id": Schema.nullable(Schema.uuid)], required: ["parent_id"])
    }

    struct CopyInput: RequestBody {
        var period: String?
        var parentId: PatchField<UUID>
        enum CodingKeys: String, CodingKey { case period, parentId }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            period = try c.decodeIfPresent(String.self, forKey: .period)
            parentId = try c.patch(.parentId)
        }

        static let schema = Schema.object(["period": Schema.string, "parent_id": Schema.nullable(Schema.uuid)])
    }

    struct ArchiveResult: Codable { var archived: [UUID] }
    struct CopyResult: Codable { var root: GoalDTO; var copied: Int }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "goals"
        return [
            Route(.get, "/v1/goals", id: "listGoals", summary: "List goals", tag: tag,
                  parameters: Schema.paging + [
                    Schema.query("company_id", Schema.uuid, "only this company's goals"),
                    Schema.query("team_id", Schema.uuid, "only this team's goals"),
                    Schema.query("owner_id", ["oneOf": [Schema.uuid, Schema.enumeration(["me"])]], "only goals this member owns (`me` for the caller)"),
                    Schema.query("parent_id", Schema.uuid, "only the children of this goal"),
                    Schema.query("kind", Schema.enumeration(Goal.Kind.self), "only this kind"),
                    Schema.query("status", Schema.enumeration(Goal.Status.self), "only this status"),
                    Schema.query("period", Schema.string, "only goals inside this period (FY2026, FY2026-H2, FY2026-Q3, 2026-11)"),
                  ],
                  responses: [200: ("Goals", Schema.list(GoalDTO.schema))], problems: [422], handler: list),
            Route(.post, "/v1/goals", id: "createGoal",
                  summary: "Create a goal; the answer carries its SMART check (Idempotency-Key honoured)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", GoalDTO.schema)], problems: [422], handler: create),
            Route(.get, "/v1/goals/{id}", id: "getGoal", summary: "Read a goal", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Goal", GoalDTO.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/goals/{id}", id: "updateGoal",
                  summary: "Edit a goal; the answer carries its SMART check (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self,
                  responses: [200: ("Goal", GoalDTO.schema)], problems: [404, 412, 422], handler: update),
            Route(.get, "/v1/goals/{id}/smart", id: "goalSmart", summary: "The goal's SMART check, per letter", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("SMART", Schema.of(SmartDTO.self))], problems: [404], handler: smart),
            Route(.post, "/v1/goals/{id}/move", id: "moveGoal",
                  summary: "Move a goal and its subtree under another parent (or to the top)", tag: tag,
                  parameters: [Schema.pathID()], body: MoveInput.self,
                  responses: [200: ("Goal", GoalDTO.schema)], problems: [404, 422], handler: move),
            Route(.post, "/v1/goals/{id}/archive", id: "archiveGoal", summary: "Archive a goal; its children come along", tag: tag,
                  parameters: [Schema.pathID()],
                  responses: [200: ("Archived ids", Schema.of(ArchiveResult.self))], problems: [404],
                  handler: archive),
            Route(.post, "/v1/goals/{id}/copy", id: "copyGoal",
                  summary: "Copy a goal and its subtree into another period (default: the next); baselines become the last actuals (Idempotency-Key honoured)",
                  tag: tag, parameters: [Schema.pathID()], body: CopyInput.self,
                  responses: [201: ("Copied", Schema.of(CopyResult.self))],
                  problems: [404, 422], handler: copy),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let identity = context.identity
        let list = try ListQuery(request)
        let query = request.uri.queryParameters
        let ownerText = query["owner_id"].map(String.init)
        let owner = ownerText == "me" ? identity.memberID : try request.uuidQuery("owner_id")
        let kind = try query["kind"].map { raw in
            guard let kind = Goal.Kind(rawValue: String(raw)) else { throw Problem.invalidField("kind", "kind is kgi, ksf or kpi") }
            return kind
        }
        let status = try query["status"].map { raw in
            guard let status = Goal.Status(rawValue: String(raw)) else {
                throw Problem.invalidField("status", "status is one of \(Goal.Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }
        let page = try await store.tenant(context) { tx, _ in
            let facts = try await OrgFacts.load(tx, reader: identity.memberID)
            let within = try query["period"].map { try facts.period(String($0)) }
            let filter = GoalRepository.Filter(
                companyID: try request.uuidQuery("company_id"), teamID: try request.uuidQuery("team_id"), ownerID: owner,
                parentID: try request.uuidQuery("parent_id"), kind: kind, status: status, within: within)
            return try await GoalRepository.list(
                tx, filter: filter, visibleTo: identity.reach(.readGoals), after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map { GoalDTO($0) }, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        return try await Self.answeringSmartFailure {
            try await store.tenant(context) { tx, caller in
                let goals = Goals(tx, caller)
                let checked = try await goals.check(input.new)
                return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                    let saved = try await goals.create(checked)
                    return try .init(GoalDTO(saved, smart: SmartDTO(checked.smart, mode: checked.mode)))
                }
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        return try await store.answer(context) { tx, caller in try await GoalDTO(Goals(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let updated = try await Self.answeringSmartFailure {
            try await store.tenant(context) { tx, caller in
                try await Goals(tx, caller).update(id, input.changes, expectedVersion: expected)
            }
        }
        return try JSONResponse.make(GoalDTO(updated.goal, smart: SmartDTO(updated.smart, mode: updated.mode)))
    }

    @Sendable func smart(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        let (check, mode) = try await store.tenant(context) { tx, caller in try await Goals(tx, caller).smart(id) }
        return try JSONResponse.make(SmartDTO(check, mode: mode))
    }

    @Sendable func move(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        let input = try await request.decodeJSON(as: MoveInput.self, context: context)
        let moved = try await Self.answeringSmartFailure {
            try await store.tenant(context) { tx, caller in
                try await Goals(tx, caller).move(id, under: input.parentId.applied(to: nil))
            }
        }
        return try JSONResponse.make(GoalDTO(moved))
    }

    @Sendable func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        let archived = try await store.tenant(context) { tx, caller in try await Goals(tx, caller).archive(id) }
        return try JSONResponse.make(ArchiveResult(archived: archived))
    }

    @Sendable func copy(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        let (input, body) = try await request.decodeJSONKeepingBody(as: CopyInput.self, context: context)
        return try await Self.answeringSmartFailure {
            try await store.tenant(context) { tx, caller in
                let goals = Goals(tx, caller)
                let plan = try await goals.checkCopy(id, into: input.period)
                return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                    let (root, copied) = try await goals.copy(plan, parent: input.parentId.optional)
                    return try .init(CopyResult(root: GoalDTO(root), copied: copied))
                }
            }
        }
    }

    /// A goal refused by the SMART check answers as it always has: 422 `smart_failed`, one field error per failing
    /// letter. (The transaction has rolled back by the time the failure reaches here.)
    static func answeringSmartFailure<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as SmartCheckFailure {
            let failing = failure.failing
            throw Problem(
                status: .unprocessableContent, code: "smart_failed",
                detail: "the goal fails the SMART check: " + failing.map { "\($0.letter.rawValue): \($0.reason)" }.joined(separator: "; "),
                fields: failing.map {
                    Problem.FieldError(field: failure.field(for: $0.letter), code: "smart_\($0.letter.rawValue)", message: $0.reason)
                })
        }
    }
}
