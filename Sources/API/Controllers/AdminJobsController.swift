import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/admin/jobs` and `/v1/admin/schedules`: an org's operators see its background jobs (with every error) and
/// its schedules (with the next occurrence and past fires), and retry or cancel a job. All orgs' jobs together are
/// the platform's, seen through `/metrics` and the CLI, not here.
struct AdminJobsController: RouteCollection {
    let store: Store

    struct JobDTO: Codable, Sendable {
        struct ErrorDTO: Codable, Sendable {
            var attempt: Int
            var at: Date
            var error: String
        }
        var id: UUID
        var queue: String
        var kind: String
        var state: Job.State
        var priority: Int
        var attempt: Int
        var maxAttempts: Int
        var runAt: Date
        var uniqueKey: String?
        var errors: [ErrorDTO]
        var createdAt: Date
        var attemptedAt: Date?
        var finishedAt: Date?
        var payload: JSONValue?

        init(_ j: Job) {
            (id, queue, kind, state, priority, attempt, maxAttempts) = (j.id, j.queue, j.kind, j.state, j.priority, j.attempt, j.maxAttempts)
            (runAt, uniqueKey, createdAt, attemptedAt, finishedAt) = (j.runAt, j.uniqueKey, j.createdAt, j.attemptedAt, j.finishedAt)
            errors = j.errors.map { ErrorDTO(attempt: $0.attempt, at: $0.at, error: $0.error) }
            payload = try? JSONDecoder().decode(JSONValue.self, from: Data(j.payload.utf8))
        }
    }
    struct ScheduleDTO: Codable, Sendable {
        struct FireDTO: Codable, Sendable {
            var nominal: String
            var outcome: String
            var latenessSeconds: Double
            var jobID: UUID?
        }
        var id: UUID
        var name: String
        var jobKind: String
        var recurrence: Recurrence
        var misfire: MisfirePolicy
        var maxLatenessSeconds: Double
        var active: Bool
        var nextFireAt: Date?
        var recentFires: [FireDTO]
    }

    static let jobSchema = Schema.of(JobDTO.self)
    static let scheduleSchema = Schema.of(ScheduleDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "admin"
        return [
            Route(.get, "/v1/admin/jobs", id: "listJobs", summary: "The org's background jobs, newest first, with their errors", tag: tag,
                  scope: .admin,
                  parameters: Schema.paging + [
                      Schema.query("state", Schema.enumeration(Job.State.self), "only this state"),
                      Schema.query("kind", Schema.string, "only this kind")],
                  responses: [200: ("Jobs", Schema.list(Self.jobSchema))], problems: [422], handler: list),
            Route(.post, "/v1/admin/jobs/{id}/retry", id: "retryJob", summary: "Run a failed, discarded or cancelled job again now",
                  tag: tag, scope: .admin, parameters: [Schema.pathID()], responses: [200: ("Job", Self.jobSchema)], problems: [404, 409],
                  handler: retry),
            Route(.post, "/v1/admin/jobs/{id}/cancel", id: "cancelJob", summary: "Cancel a job that has not finished",
                  tag: tag, scope: .admin, parameters: [Schema.pathID()], responses: [200: ("Job", Self.jobSchema)], problems: [404, 409],
                  handler: cancel),
            Route(.get, "/v1/admin/schedules", id: "listSchedules", summary: "The org's schedules with their next occurrence and recent fires",
                  tag: tag, scope: .admin, responses: [200: ("Schedules", Schema.object(["items": Schema.array(Self.scheduleSchema)]))],
                  handler: schedules),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the query is read, so a caller without the right hears 403 whatever they sent.
        try BackgroundJobs.requireManage(context.identity)
        let list = try ListQuery(request)
        let state = try request.uri.queryParameters["state"].map { raw in
            guard let state = Job.State(rawValue: String(raw)) else {
                throw Problem.invalidField("state", "state is one of \(Job.State.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return state
        }
        let kind = request.uri.queryParameters["kind"].map(String.init)
        let page = try await store.tenant(context) { tx, caller in
            try await BackgroundJobs(tx, caller).list(state: state, kind: kind, before: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(JobDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func retry(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await change(request, context) { jobs, id in try await jobs.retry(id) }
    }

    @Sendable func cancel(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await change(request, context) { jobs, id in try await jobs.cancel(id) }
    }

    @Sendable func schedules(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let schedules = try await store.tenant(context) { tx, caller in try await BackgroundJobs(tx, caller).schedules() }
        let items = schedules.map { s, fires in
            ScheduleDTO(
                id: s.id, name: s.name, jobKind: s.jobKind, recurrence: s.recurrence, misfire: s.misfire,
                maxLatenessSeconds: s.maxLateness, active: s.active, nextFireAt: s.nextFireAt,
                recentFires: fires.map { .init(nominal: $0.nominal, outcome: $0.outcome.rawValue, latenessSeconds: $0.lateness, jobID: $0.jobID) })
        }
        return try JSONResponse.make(["items": items])
    }

    /// Retry and cancel share their opening and their answer.
    private func change(
        _ request: Request, _ context: AuthenticatedContext,
        _ body: @Sendable @escaping (BackgroundJobs, UUID) async throws -> Job
    ) async throws -> Response {
        // Refused before the id is read, so a caller without the right hears 403 whatever id they sent.
        try BackgroundJobs.requireManage(context.identity)
        let id = try request.uuidParameter(context, "id", what: "job")
        let job = try await store.tenant(context) { tx, caller in try await body(BackgroundJobs(tx, caller), id) }
        return try JSONResponse.make(JobDTO(job))
    }
}
