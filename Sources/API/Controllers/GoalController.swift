import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Store
import UseCases

/// `/v1/goals`: the KGI → KSF → KPI tree — create, edit, move, archive, copy into the next period, SMART check.
struct GoalController {
    let store: Store

    struct CreateInput: Decodable {
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
    }

    struct UpdateInput: Decodable {
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

        enum CodingKeys: String, CodingKey {
            case title, description, ownerId, period, metric, unit, baseline, target, direction, dueDate, cadence, weight, status
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
        }
    }

    struct MoveInput: Decodable {
        var parentId: PatchField<UUID>
        enum CodingKeys: String, CodingKey { case parentId }
        init(from decoder: any Decoder) throws {
            parentId = try decoder.container(keyedBy: CodingKeys.self).patch(.parentId)
        }
    }

    struct CopyInput: Decodable {
        var period: String?
        var parentId: PatchField<UUID>
        enum CodingKeys: String, CodingKey { case period, parentId }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            period = try c.decodeIfPresent(String.self, forKey: .period)
            parentId = try c.patch(.parentId)
        }
    }

    struct ArchiveResult: Encodable { var archived: [UUID] }
    struct CopyResult: Encodable { var root: GoalDTO; var copied: Int }

    static let createBody = Schema.object(
        ["kind": Schema.enumeration(["kgi", "ksf", "kpi"]), "parent_id": Schema.nullable(Schema.uuid), "title": Schema.string,
         "description": Schema.nullable(Schema.string), "owner_id": Schema.uuid,
         "scope": Schema.enumeration(Goal.ScopeKind.allCases.map(\.rawValue)), "company_id": Schema.uuid, "team_id": Schema.uuid,
         "period": Schema.string, "metric": Schema.string, "unit": Schema.string, "baseline": Schema.number,
         "target": Schema.number, "direction": Schema.enumeration(["up", "down"]), "due_date": Schema.date,
         "cadence": Schema.enumeration(Cadence.allCases.map(\.rawValue)), "weight": Schema.number],
        required: ["kind", "title", "period"])

    /// What `PATCH /v1/goals/{id}` reads (``UpdateInput``): every field optional; `null` clears the nullable ones.
    static let updateBody = Schema.object(
        ["title": Schema.string, "description": Schema.nullable(Schema.string), "owner_id": Schema.uuid, "period": Schema.string,
         "metric": Schema.nullable(Schema.string), "unit": Schema.nullable(Schema.string), "baseline": Schema.nullable(Schema.number),
         "target": Schema.nullable(Schema.number), "direction": Schema.enumeration(["up", "down"]), "due_date": Schema.nullable(Schema.date),
         "cadence": Schema.enumeration(Cadence.allCases.map(\.rawValue)), "weight": Schema.number,
         "status": Schema.enumeration(Goal.Status.allCases.map(\.rawValue))])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/goals", id: "listGoals", summary: "List goals", tag: "goals",
                         parameters: Schema.paging + [
                            Schema.query("company_id", Schema.uuid, "only this company's goals"),
                            Schema.query("team_id", Schema.uuid, "only this team's goals"),
                            Schema.query("owner_id", ["oneOf": [Schema.uuid, Schema.enumeration(["me"])]], "only goals this member owns (`me` for the caller)"),
                            Schema.query("parent_id", Schema.uuid, "only the children of this goal"),
                            Schema.query("kind", Schema.enumeration(["kgi", "ksf", "kpi"]), "only this kind"),
                            Schema.query("status", Schema.enumeration(Goal.Status.allCases.map(\.rawValue)), "only this status"),
                            Schema.query("period", Schema.string, "only goals inside this period (FY2026, FY2026-H2, FY2026-Q3, 2026-11)"),
                         ],
                         responses: [200: ("Goals", Schema.list(GoalDTO.schema))], problems: [422]),
        OpenAPIOperation("POST", "/v1/goals", id: "createGoal",
                         summary: "Create a goal; the answer carries its SMART check (Idempotency-Key honoured)", tag: "goals",
                         requestBody: createBody, responses: [201: ("Created", GoalDTO.schema)], problems: [422]),
        OpenAPIOperation("GET", "/v1/goals/{id}", id: "getGoal", summary: "Read a goal", tag: "goals",
                         parameters: [Schema.pathID()], responses: [200: ("Goal", GoalDTO.schema)], problems: [404]),
        OpenAPIOperation("PATCH", "/v1/goals/{id}", id: "updateGoal",
                         summary: "Edit a goal; the answer carries its SMART check (If-Match honoured)", tag: "goals",
                         parameters: [Schema.pathID()], requestBody: updateBody,
                         responses: [200: ("Goal", GoalDTO.schema)], problems: [404, 412, 422]),
        OpenAPIOperation("GET", "/v1/goals/{id}/smart", id: "goalSmart", summary: "The goal's SMART check, per letter", tag: "goals",
                         parameters: [Schema.pathID()], responses: [200: ("SMART", SmartDTO.schema)], problems: [404]),
        OpenAPIOperation("POST", "/v1/goals/{id}/move", id: "moveGoal", summary: "Move a goal and its subtree under another parent (or to the top)",
                         tag: "goals", parameters: [Schema.pathID()],
                         requestBody: Schema.object(["parent_id": Schema.nullable(Schema.uuid)], required: ["parent_id"]),
                         responses: [200: ("Goal", GoalDTO.schema)], problems: [404, 422]),
        OpenAPIOperation("POST", "/v1/goals/{id}/archive", id: "archiveGoal", summary: "Archive a goal; its children come along",
                         tag: "goals", parameters: [Schema.pathID()],
                         responses: [200: ("Archived ids", Schema.object(["archived": Schema.array(Schema.uuid)]))], problems: [404]),
        OpenAPIOperation("POST", "/v1/goals/{id}/copy", id: "copyGoal",
                         summary: "Copy a goal and its subtree into another period (default: the next); baselines become the last actuals (Idempotency-Key honoured)",
                         tag: "goals", parameters: [Schema.pathID()],
                         requestBody: Schema.object(["period": Schema.string, "parent_id": Schema.nullable(Schema.uuid)]),
                         responses: [201: ("Copied", Schema.object(["root": GoalDTO.schema, "copied": Schema.integer]))],
                         problems: [404, 422]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/goals") { request, context in
            let identity = try context.requireIdentity()
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
            let page = try await store.tenant(identity.orgID) { tx in
                let facts = try await OrgFacts.load(tx, reader: identity.memberID)
                let within = try query["period"].map { try facts.period(String($0)) }
                let filter = GoalRepository.Filter(
                    companyID: try request.uuidQuery("company_id"), teamID: try request.uuidQuery("team_id"), ownerID: owner,
                    parentID: try request.uuidQuery("parent_id"), kind: kind, status: status, within: within)
                return try await VisiblePage.fill(limit: list.limit, after: list.cursor, id: \.id, visible: { GoalAccess.canRead(identity, $0) }) {
                    try await GoalRepository.list(tx, filter: filter, after: $0, limit: $1)
                }
            }
            return try JSONResponse.make(ListResponse(items: page.items.map { GoalDTO($0) }, nextCursor: page.nextCursor))
        }

        router.post("/v1/goals") { request, context in
            let identity = try context.requireIdentity()
            let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
            return try await store.tenant(identity.orgID) { tx in
                let facts = try await OrgFacts.load(tx, reader: identity.memberID)
                let goal = try await build(input, identity: identity, facts: facts, tx: tx)
                try GoalAccess.requireWrite(identity, goal)
                let smart = try await GoalChecks.validate(
                    tx, goal: goal, facts: facts, locale: facts.locale, canRead: { GoalAccess.canRead(identity, $0) })
                return try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    let saved = try await GoalRepository.insert(tx, goal)
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "goal.create", resource: "goal", id: saved.id, after: GoalDTO(saved))
                    return try .init(GoalDTO(saved, smart: SmartDTO(smart, mode: facts.settings.smartMode)), version: saved.version)
                }
            }
        }

        router.get("/v1/goals/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "goal")
            let goal = try await store.tenant(identity.orgID) { tx in try await GoalRepository.get(tx, id: id) }
            guard let goal, GoalAccess.canRead(identity, goal) else { throw Problem.notFound("goal") }
            return try JSONResponse.make(GoalDTO(goal), version: goal.version)
        }

        router.patch("/v1/goals/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "goal")
            let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
            let expected = try ETag.expectedVersion(request)
            return try await store.tenant(identity.orgID) { tx in
                guard let before = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, before)
                else { throw Problem.notFound("goal") }
                try GoalAccess.requireWrite(identity, before)
                guard !before.isArchived else {
                    throw DomainError(.conflict, "the goal is archived; copy it into a new period instead", field: "status")
                }
                let facts = try await OrgFacts.load(tx, reader: identity.memberID)
                var goal = before
                if let title = input.title { goal.title = try GoalRules.title(title) }
                goal.description = input.description.applied(to: goal.description)
                if let owner = input.ownerId {
                    try await GoalAccess.requireActiveMember(tx, owner, field: "owner_id")
                    goal.ownerID = owner
                }
                if let period = input.period { goal.period = try facts.period(period) }
                goal.metric = input.metric.applied(to: goal.metric)
                goal.unit = input.unit.applied(to: goal.unit)
                goal.baseline = input.baseline.applied(to: goal.baseline)
                goal.target = input.target.applied(to: goal.target)
                goal.direction = input.direction ?? goal.direction
                goal.dueDate = input.dueDate.applied(to: goal.dueDate)
                // A new cadence waits for the current period to end, so its check-in is neither lost nor doubled.
                if let cadence = input.cadence, cadence != goal.cadence { goal.changeCadence(to: cadence, today: facts.today) }
                goal.weight = input.weight ?? goal.weight
                if let status = input.status {
                    guard status != .archived else {
                        throw DomainError(.invalid, "archive with POST /v1/goals/{id}/archive, which takes the subtree along", field: "status")
                    }
                    goal.status = status
                }
                // Someone handing a goal to another owner must be able to write it afterwards too.
                try GoalAccess.requireWrite(identity, goal)
                let smart = try await GoalChecks.validate(
                    tx, goal: goal, facts: facts, locale: facts.locale, canRead: { GoalAccess.canRead(identity, $0) })
                if goal.period != before.period {
                    try await GoalAccess.requireChildrenInside(tx, goal: goal)
                }
                guard let after = try await GoalRepository.update(tx, goal, expectedVersion: expected)
                else { throw ETag.stale }
                try await AuditTrail.record(
                    tx, identity, context: context, action: "goal.update", resource: "goal", id: id,
                    before: GoalDTO(before), after: GoalDTO(after))
                return try JSONResponse.make(GoalDTO(after, smart: SmartDTO(smart, mode: facts.settings.smartMode)), version: after.version)
            }
        }

        router.get("/v1/goals/:id/smart") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "goal")
            return try await store.tenant(identity.orgID) { tx in
                guard let goal = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, goal)
                else { throw Problem.notFound("goal") }
                let facts = try await OrgFacts.load(tx, reader: identity.memberID)
                let smart = try await GoalChecks.smart(tx, goal: goal, facts: facts, locale: facts.locale)
                return try JSONResponse.make(SmartDTO(smart, mode: facts.settings.smartMode))
            }
        }

        router.post("/v1/goals/:id/move") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "goal")
            let input = try await request.decodeJSON(as: MoveInput.self, context: context)
            guard !input.parentId.isAbsent else { throw Problem.invalidField("parent_id", "parent_id is required (null moves to the top)") }
            return try await store.tenant(identity.orgID) { tx in
                guard let before = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, before)
                else { throw Problem.notFound("goal") }
                try GoalAccess.requireWrite(identity, before)
                var goal = before
                goal.parentID = input.parentId.applied(to: nil)
                if let parentID = goal.parentID {
                    let subtree = try await GoalRepository.subtreeIDs(tx, of: id)
                    if subtree.contains(parentID) {
                        throw DomainError(.invalid, "a goal cannot move under itself or its own subtree", field: "parent_id")
                    }
                    if let parent = try await GoalRepository.get(tx, id: parentID) {
                        try GoalAccess.requireWrite(identity, parent, ownOK: false, orManage: true)
                    }
                }
                let facts = try await OrgFacts.load(tx, reader: identity.memberID)
                _ = try await GoalChecks.validate(
                    tx, goal: goal, facts: facts, locale: facts.locale, canRead: { GoalAccess.canRead(identity, $0) })
                guard let after = try await GoalRepository.update(tx, goal, expectedVersion: nil)
                else { throw Problem.notFound("goal") }
                try await AuditTrail.record(
                    tx, identity, context: context, action: "goal.move", resource: "goal", id: id,
                    before: ["parent_id": before.parentID?.uuidString.lowercased()], after: ["parent_id": after.parentID?.uuidString.lowercased()])
                return try JSONResponse.make(GoalDTO(after), version: after.version)
            }
        }

        router.post("/v1/goals/:id/archive") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "goal")
            return try await store.tenant(identity.orgID) { tx in
                guard let goal = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, goal)
                else { throw Problem.notFound("goal") }
                try GoalAccess.requireWrite(identity, goal)
                let subtree = try await GoalRepository.subtree(tx, of: id)
                // Archiving someone else's goals along with one's own takes the right to manage them.
                for child in subtree where child.ownerID != identity.memberID { try GoalAccess.requireWrite(identity, child) }
                let archived = try await GoalRepository.archiveSubtree(tx, of: id)
                try await AuditTrail.record(
                    tx, identity, context: context, action: "goal.archive", resource: "goal", id: id,
                    after: ["archived": archived.map { $0.uuidString.lowercased() }])
                return try JSONResponse.make(ArchiveResult(archived: archived))
            }
        }

        router.post("/v1/goals/:id/copy") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "goal")
            let (input, body) = try await request.decodeJSONKeepingBody(as: CopyInput.self, context: context)
            return try await store.tenant(identity.orgID) { tx in
                guard let root = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, root)
                else { throw Problem.notFound("goal") }
                let facts = try await OrgFacts.load(tx, reader: identity.memberID)
                let target = try input.period.map { try facts.period($0) } ?? root.period.next
                guard target.kind == root.period.kind else {
                    throw DomainError(.invalid, "copy into a period of the same kind as \(root.period)", field: "period")
                }
                return try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    let copier = GoalCopier(tx: tx, identity: identity, facts: facts)
                    let (newRoot, count) = try await copier.copy(root: root, into: target, parent: input.parentId)
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "goal.copy", resource: "goal", id: newRoot.id,
                        after: ["copied_from": root.id.uuidString.lowercased(), "count": String(count), "period": target.description])
                    return try .init(CopyResult(root: GoalDTO(newRoot), copied: count))
                }
            }
        }
    }

    /// A new goal from the create input: scope filled in from the team, owner defaulting to the caller.
    private func build(_ input: CreateInput, identity: Identity, facts: OrgFacts, tx: TenantTransaction) async throws -> Goal {
        let title = try GoalRules.title(input.title)
        let period = try facts.period(input.period)
        var companyID = input.companyId
        if let teamID = input.teamId {
            guard let team = try await TeamRepository.get(tx, id: teamID) else {
                throw DomainError(.invalid, "no such team in this organisation", field: "team_id")
            }
            if let companyID, companyID != team.companyID {
                throw DomainError(.invalid, "the team belongs to another company", field: "team_id")
            }
            companyID = team.companyID
        } else if let company = companyID {
            guard try await CompanyRepository.get(tx, id: company) != nil else {
                throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
            }
        }
        let owner = input.ownerId ?? identity.memberID
        try await GoalAccess.requireActiveMember(tx, owner, field: "owner_id")
        let scope = input.scope ?? (input.teamId != nil ? .team : companyID != nil ? .company : .org)
        let now = store.now
        return Goal(
            id: .v7(), kind: input.kind, parentID: input.parentId, title: title,
            description: input.description?.trimmingCharacters(in: .whitespacesAndNewlines), ownerID: owner,
            scopeKind: scope, companyID: companyID, teamID: input.teamId, period: period,
            metric: input.metric?.trimmingCharacters(in: .whitespaces), unit: input.unit?.trimmingCharacters(in: .whitespaces),
            baseline: input.baseline, target: input.target, direction: input.direction ?? .up, dueDate: input.dueDate,
            status: .active, cadence: input.cadence ?? .monthly, weight: input.weight ?? 1, copiedFromID: nil,
            createdAt: now, updatedAt: now, version: 1)
    }
}
