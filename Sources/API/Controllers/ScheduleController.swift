import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/schedules`: schedules an org (admins) or a goal's owner makes — a recurring nudge to update a goal, a
/// recurring `schedule.fired` to the org's webhooks — evaluated in the org's time zone and business calendar like
/// the built-in ones. Built-in schedules (the check-in cadence, digests) can be paused here but are re-timed only by
/// the org's settings.
struct ScheduleController: RouteCollection {
    let store: Store


    struct CreateInput: RequestBody, Sendable {
        var name: String
        var kind: String
        var goalId: UUID?
        var recurrence: Recurrence
        var misfire: MisfirePolicy?
        var maxLatenessSeconds: Double?
        var active: Bool?
        var message: String?

        static let schema = Schema.object(
            ["name": Schema.string, "kind": Schema.enumeration(ScheduledWork.self), "goal_id": Schema.uuid,
             "recurrence": ["type": "object"], "misfire": Schema.enumeration(MisfirePolicy.self),
             "max_lateness_seconds": Schema.number, "active": Schema.boolean, "message": Schema.string],
            required: ["name", "kind", "recurrence"])
    }

    struct UpdateInput: RequestBody, Sendable {
        var name: String?
        var recurrence: Recurrence?
        var misfire: MisfirePolicy?
        var maxLatenessSeconds: Double?
        var active: Bool?
        var message: PatchField<String>

        enum CodingKeys: String, CodingKey { case name, recurrence, misfire, maxLatenessSeconds, active, message }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            recurrence = try c.decodeIfPresent(Recurrence.self, forKey: .recurrence)
            misfire = try c.decodeIfPresent(MisfirePolicy.self, forKey: .misfire)
            maxLatenessSeconds = try c.decodeIfPresent(Double.self, forKey: .maxLatenessSeconds)
            active = try c.decodeIfPresent(Bool.self, forKey: .active)
            message = try c.patch(.message)
        }

        static let schema = Schema.object(
            ["name": Schema.string, "recurrence": ["type": "object"], "misfire": Schema.enumeration(MisfirePolicy.self),
             "max_lateness_seconds": Schema.number, "active": Schema.boolean, "message": Schema.nullable(Schema.string)])
    }

    static let schema = Schema.of(ScheduleDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "schedules"
        return [
            Route(.get, "/v1/schedules", id: "listOwnSchedules", summary: "The org's schedules, or one goal's (?goal_id=)", tag: tag,
                  parameters: [Schema.query("goal_id", Schema.uuid, "only this goal's")],
                  responses: [200: ("Schedules", Schema.object(["items": Schema.array(Self.schema)]))], problems: [403, 404, 422],
                  handler: list),
            Route(.post, "/v1/schedules", id: "createSchedule",
                  summary: "A recurring goal nudge (the goal's owner or a manager) or webhook broadcast (admins)", tag: tag,
                  body: CreateInput.self, responses: [201: ("Schedule", Self.schema)], problems: [403, 404, 409, 422], handler: create),
            Route(.get, "/v1/schedules/{id}", id: "getSchedule", summary: "One schedule with its next occurrences", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Schedule", Self.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/schedules/{id}", id: "updateSchedule",
                  summary: "Re-time, rename, pause or resume; built-in schedules can only be paused or resumed", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Schedule", Self.schema)],
                  problems: [403, 404, 409, 422], handler: update),
            Route(.delete, "/v1/schedules/{id}", id: "deleteSchedule", summary: "Remove a schedule (not a built-in one)", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Deleted", nil)], problems: [403, 404, 409], handler: delete),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let goalID = try request.uri.queryParameters["goal_id"].map { text -> UUID in
            guard let id = UUID(uuidString: String(text)) else { throw Problem.invalidField("goal_id", "not a UUID") }
            return id
        }
        let (schedules, clock) = try await store.tenant(context) { tx, caller in try await Schedules(tx, caller).list(goalID: goalID) }
        return try JSONResponse.make(["items": schedules.map { ScheduleDTO($0, clock) }])
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        guard let work = ScheduledWork(rawValue: input.kind) else {
            throw Problem.invalidField("kind", "a schedule's kind is one of \(ScheduledWork.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let name = try Self.validName(input.name)
        let recurrence = try Self.validRecurrence(input.recurrence)
        let message = try Self.validMessage(input.message)
        let lateness = try Self.validLateness(input.maxLatenessSeconds ?? work.defaultMaxLateness)
        let new = Schedules.NewSchedule(
            work: work, name: name, goalID: input.goalId, recurrence: recurrence, misfire: input.misfire, maxLateness: lateness,
            active: input.active, message: message)
        if work.subjectType == .org, input.goalId != nil {
            throw Problem.invalidField("goal_id", "\(work.rawValue) belongs to the org, not a goal")
        }
        let (created, clock) = try await store.tenant(context) { tx, caller in try await Schedules(tx, caller).create(new) }
        return try JSONResponse.make(ScheduleDTO(created, clock), status: .created)
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "schedule")
        let (schedule, clock) = try await store.tenant(context) { tx, caller in try await Schedules(tx, caller).get(id) }
        return try JSONResponse.make(ScheduleDTO(schedule, clock))
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "schedule")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        // Checked once the use case has found the schedule and the caller's right, so the answers keep their order:
        // 404/403, then 409 built_in, then 422 for a bad field.
        let (after, clock) = try await store.tenant(context) { tx, caller in
            try await Schedules(tx, caller).update(id) { before in
                if before.isBuiltIn,
                    input.name != nil || input.recurrence != nil || input.misfire != nil || input.maxLatenessSeconds != nil
                        || !input.message.isAbsent
                {
                    throw Problem(
                        status: .conflict, code: "built_in",
                        detail: "a built-in schedule follows the org's settings (/v1/org/goal-settings); it can only be paused or resumed",
                        fields: [Problem.FieldError(field: "active", code: "built_in", message: "only active can change")])
                }
                return Schedules.Changes(
                    name: try input.name.map(Self.validName), recurrence: try input.recurrence.map(Self.validRecurrence),
                    misfire: input.misfire, maxLateness: try input.maxLatenessSeconds.map(Self.validLateness), active: input.active,
                    message: input.message.isAbsent ? nil : .some(try Self.validMessage(input.message.applied(to: nil))))
            }
        }
        return try JSONResponse.make(ScheduleDTO(after, clock))
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "schedule")
        try await store.tenant(context) { tx, caller in
            try await Schedules(tx, caller).delete(id) { schedule in
                guard !schedule.isBuiltIn else {
                    throw Problem(
                        status: .conflict, code: "built_in", detail: "a built-in schedule cannot be deleted; pause it with active=false",
                        fields: [Problem.FieldError(field: "id", code: "built_in", message: "built-in")])
                }
            }
        }
        return JSONResponse.noContent()
    }

    static func validName(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count) else { throw Problem.invalidField("name", "a name is 1–200 characters") }
        return name
    }

    static func validRecurrence(_ recurrence: Recurrence) throws -> Recurrence {
        do { return try recurrence.validated() } catch let error as DomainError {
            throw Problem.invalidField("recurrence" + (error.field.map { "." + $0 } ?? ""), error.message)
        }
    }

    static func validMessage(_ text: String?) throws -> String? {
        guard let text else { return nil }
        let message = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard message.count <= 2000 else { throw Problem.invalidField("message", "a message is at most 2,000 characters") }
        return message.isEmpty ? nil : message
    }

    static func validLateness(_ seconds: Double) throws -> Double {
        guard seconds.isFinite, (0...(31 * 86_400)).contains(seconds) else {
            throw Problem.invalidField("max_lateness_seconds", "between 0 and 31 days, in seconds")
        }
        return seconds
    }
}
