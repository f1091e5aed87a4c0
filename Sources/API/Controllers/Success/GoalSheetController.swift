import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/enrolments/{id}/goal-sheet`: the goal sheet in the client's words, its three-party agreement and progress.
/// Edits (If-Match: the sheet's version) make a new version that needs agreeing again; the client's owner and
/// decision maker agree through a single-use link (`/g/{token}`, 14 days) issued here and answered once.
struct GoalSheetController: RouteCollection {
    let store: Store
    let publicURL: String

    struct ContentInput: RequestBody {
        var businessGoal: String
        var kpiName: String
        var kpiGoalId: UUID?
        var kpiBaseline: Double?
        var kpiTarget: Double
        var kpiUnit: String?
        var kpiDirection: Goal.Direction?
        var usageGoal: String
        var usageMetric: String?
        var usageBaseline: Double?
        var usageTarget: Double?
        var clientOwnerId: UUID
        var decisionMakerId: UUID
        var decisionMakerComment: String?

        static let schema = Schema.object(
            ["business_goal": Schema.string, "kpi_name": Schema.string, "kpi_goal_id": Schema.uuid, "kpi_baseline": Schema.number,
             "kpi_target": Schema.number, "kpi_unit": Schema.string, "kpi_direction": Schema.enumeration(Goal.Direction.self), "usage_goal": Schema.string,
             "usage_metric": Schema.string, "usage_baseline": Schema.number, "usage_target": Schema.number,
             "client_owner_id": Schema.uuid, "decision_maker_id": Schema.uuid, "decision_maker_comment": Schema.string],
            required: ["business_goal", "kpi_name", "kpi_target", "usage_goal", "client_owner_id", "decision_maker_id"])

        var content: GoalSheetContent {
            GoalSheetContent(
                businessGoal: businessGoal, kpiName: kpiName, kpiGoalID: kpiGoalId, kpiBaseline: kpiBaseline, kpiTarget: kpiTarget,
                kpiDirection: kpiDirection ?? .up, usageGoal: usageGoal, usageMetric: usageMetric, usageBaseline: usageBaseline,
                usageTarget: usageTarget, clientOwnerID: clientOwnerId, decisionMakerID: decisionMakerId,
                decisionMakerComment: decisionMakerComment, kpiUnit: kpiUnit)
        }
    }

    struct AgreeInput: RequestBody {
        var version: Int?
        static let schema = Schema.object(["version": Schema.integer])
    }

    struct LinkInput: RequestBody {
        var party: GoalSheetParty
        static let schema = Schema.object(["party": Schema.enumeration(["client_owner", "decision_maker"])], required: ["party"])
    }

    struct ProgressInput: RequestBody {
        var kpiActual: Double?
        var usageActual: Double?
        static let schema = Schema.object(["kpi_actual": Schema.number, "usage_actual": Schema.number])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Programs"
        let sheet = Schema.of(GoalSheetDTO.self)
        return [
            Route(.get, "/v1/enrolments/{id}/goal-sheet", id: "getGoalSheet", summary: "The goal sheet with every agreement and its progress",
                  tag: tag, parameters: [Schema.pathID()], responses: [200: ("Goal sheet", sheet)], problems: [404], handler: get),
            Route(.put, "/v1/enrolments/{id}/goal-sheet", id: "putGoalSheet",
                  summary: "Write the goal sheet (If-Match: its version); a change after agreement needs agreeing again", tag: tag,
                  parameters: [Schema.pathID()], body: ContentInput.self, responses: [200: ("Goal sheet", sheet)],
                  problems: [403, 404, 409, 412, 422], handler: put),
            Route(.post, "/v1/enrolments/{id}/goal-sheet/agree", id: "agreeGoalSheet",
                  summary: "The program's CSM agrees the version they read", tag: tag, parameters: [Schema.pathID()], body: AgreeInput.self,
                  responses: [200: ("Goal sheet", sheet)], problems: [403, 404, 409, 412, 422], handler: agree),
            Route(.post, "/v1/enrolments/{id}/goal-sheet/links", id: "issueGoalSheetLink",
                  summary: "Issue a client party's single-use link to agree the current version (valid 14 days); its URL is answered once",
                  tag: tag, parameters: [Schema.pathID()], body: LinkInput.self,
                  responses: [201: ("Link", Schema.of(GoalSheetLinkDTO.self))], problems: [403, 404, 409, 422], handler: link),
            Route(.put, "/v1/enrolments/{id}/goal-sheet/progress", id: "putGoalSheetProgress",
                  summary: "Record the KPI's and usage metric's current figures (no new version)", tag: tag,
                  parameters: [Schema.pathID()], body: ProgressInput.self, responses: [200: ("Goal sheet", sheet)],
                  problems: [403, 404, 422], handler: progress),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        return try await store.answer(context) { tx, caller in GoalSheetDTO(try await GoalSheets(tx, caller).get(enrolment: id)) }
    }

    @Sendable func put(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let input = try await request.decodeJSON(as: ContentInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            GoalSheetDTO(try await GoalSheets(tx, caller).put(enrolment: id, input.content, expectedVersion: expected))
        }
    }

    @Sendable func agree(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let input = try await request.decodeJSON(as: AgreeInput.self, context: context)
        let version = try input.version ?? ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            GoalSheetDTO(try await GoalSheets(tx, caller).agree(enrolment: id, version: version))
        }
    }

    @Sendable func link(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let input = try await request.decodeJSON(as: LinkInput.self, context: context)
        let (link, token) = try await store.tenant(context) { tx, caller in
            try await GoalSheets(tx, caller).issueLink(enrolment: id, party: input.party)
        }
        return try JSONResponse.make(
            GoalSheetLinkDTO(
                id: link.id, party: link.party, contactId: link.contactID, sheetVersion: link.sheetVersion, expiresAt: link.expiresAt,
                url: publicURL + "/g/" + token),
            status: .created)
    }

    @Sendable func progress(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "enrolment")
        let input = try await request.decodeJSON(as: ProgressInput.self, context: context)
        return try await store.answer(context) { tx, caller in
            GoalSheetDTO(try await GoalSheets(tx, caller).setProgress(enrolment: id, kpiActual: input.kpiActual, usageActual: input.usageActual))
        }
    }
}
