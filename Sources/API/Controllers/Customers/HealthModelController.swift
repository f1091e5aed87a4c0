import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/health/model(s)`: the org's health model and its versions; a change is a new version (CS operations and
/// admins), old scores keep theirs. `/v1/health/rescore` queues the rescoring of every customer.
struct HealthModelController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var signals: [HealthModelSpec.Signal]
        var thresholds: HealthModelSpec.Thresholds
        var note: String?

        static let schema = Schema.object(
            ["signals": Schema.array(Schema.of(HealthModelSpec.Signal.self)), "thresholds": Schema.of(HealthModelSpec.Thresholds.self),
             "note": Schema.string],
            required: ["signals", "thresholds"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "health"
        return [
            Route(.get, "/v1/health/model", id: "getHealthModel",
                  summary: "The health model in force (the default model is version 1 until it is changed)", tag: tag,
                  responses: [200: ("Health model", HealthModelDTO.schema)], problems: [], handler: current),
            Route(.get, "/v1/health/models", id: "listHealthModels", summary: "Every version of the health model, newest first", tag: tag,
                  responses: [200: ("Health model versions", Schema.list(HealthModelDTO.schema))], problems: [], handler: list),
            Route(.get, "/v1/health/models/{version}", id: "getHealthModelVersion", summary: "One version of the health model", tag: tag,
                  parameters: [["name": "version", "in": "path", "required": true, "schema": ["type": "integer", "minimum": 1]]],
                  responses: [200: ("Health model", HealthModelDTO.schema)], problems: [404], handler: get),
            Route(.post, "/v1/health/models", id: "createHealthModel",
                  summary: "Change the health model: a new version (Idempotency-Key honoured); old scores keep theirs", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", HealthModelDTO.schema)], problems: [422], handler: create),
            Route(.post, "/v1/health/rescore", id: "rescoreHealth",
                  summary: "Queue the rescoring of every customer with the current model (202 with the job id)", tag: tag,
                  responses: [202: ("Queued", RescoreDTO.schema)], problems: [], handler: rescore),
        ]
    }

    @Sendable func current(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await store.tenant(context) { tx, caller in
            try JSONResponse.make(HealthModelDTO(try await HealthModels(tx, caller).current()))
        }
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await store.tenant(context) { tx, caller in
            try JSONResponse.make(ListResponse(items: try await HealthModels(tx, caller).list().map(HealthModelDTO.init), nextCursor: nil))
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        guard let raw = context.parameters.get("version"), let version = Int(raw), version >= 1 else {
            throw Problem.notFound("health model version")
        }
        return try await store.tenant(context) { tx, caller in
            try JSONResponse.make(HealthModelDTO(try await HealthModels(tx, caller).get(version)))
        }
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let spec = HealthModelSpec(signals: input.signals, thresholds: input.thresholds)
        return try await store.tenant(context) { tx, caller in
            let models = HealthModels(tx, caller)
            try models.requireManage()
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(HealthModelDTO(try await models.create(spec, note: input.note)))
            }
        }
    }

    @Sendable func rescore(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await store.tenant(context) { tx, caller in
            let job = try await HealthScores(tx, caller).requestRescore()
            return try JSONResponse.make(RescoreDTO(jobId: job, kind: HealthScoreRun.rescoreJobKind), status: .accepted)
        }
    }
}
