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

    struct ScheduleDTO: Encodable, Sendable {
        var id: UUID
        var name: String
        var kind: String
        var subjectType: Schedule.SubjectType
        var goalID: UUID?
        var recurrence: Recurrence
        var misfire: MisfirePolicy
        var maxLatenessSeconds: Double
        var active: Bool
        var builtIn: Bool
        var message: String?
        var nextFireAt: Date?
        /// The next five occurrences, to check a rule before relying on it.
        var upcoming: [Date]

        init(_ s: Schedule, zone: TimeZone, calendar: BusinessCalendar, now: Date) {
            (id, name, kind, subjectType, goalID) = (s.id, s.name, s.jobKind, s.subjectType, s.subjectID)
            (recurrence, misfire, maxLatenessSeconds, active, builtIn) = (s.recurrence, s.misfire, s.maxLateness, s.active, s.isBuiltIn)
            message = ScheduleController.message(of: s.payload)
            nextFireAt = s.active ? s.nextFireAt : nil
            var upcoming: [Date] = []
            var after = now
            while s.active && upcoming.count < 5 {
                let next = s.recurrence.next(after: after, in: zone, calendar: calendar).instant
                upcoming.append(next)
                after = next
            }
            self.upcoming = upcoming
        }
    }

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

    static let schema = Schema.object(
        ["id": Schema.uuid, "name": Schema.string, "kind": Schema.string,
         "subject_type": Schema.enumeration(Schedule.SubjectType.self), "goal_id": Schema.nullable(Schema.uuid),
         "recurrence": ["type": "object"], "misfire": Schema.enumeration(MisfirePolicy.self),
         "max_lateness_seconds": Schema.number, "active": Schema.boolean, "built_in": Schema.boolean,
         "message": Schema.nullable(Schema.string), "next_fire_at": Schema.nullable(Schema.dateTime),
         "upcoming": Schema.array(Schema.dateTime)])

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
        return try await store.tenant(context) { tx, caller in
            let identity = caller.identity
            let schedules: [Schedule]
            if let goalID {
                guard let goal = try await GoalRepository.get(tx, id: goalID), GoalAccess.canRead(identity, goal)
                else { throw Problem.notFound("goal") }
                schedules = try await ScheduleRepository.list(tx, subject: .goal, id: goal.id)
            } else {
                try identity.require(.manageJobs, in: .org)
                schedules = try await ScheduleRepository.list(tx)
            }
            let (zone, calendar, now) = try await Self.clock(tx)
            return try JSONResponse.make(["items": schedules.map { ScheduleDTO($0, zone: zone, calendar: calendar, now: now) }])
        }
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
        return try await store.tenant(context) { tx, caller in
            let identity = caller.identity
            var payload: [String: String] = [:]
            if let message { payload["message"] = message }
            switch work.subjectType {
            case .goal:
                guard let goalID = input.goalId else { throw DomainError(.missing, "a goal nudge names its goal", field: "goal_id") }
                try await Self.requireGoalWrite(tx, identity, goalID)
                payload["goal_id"] = goalID.uuidString.lowercased()
            case .org:
                guard input.goalId == nil else { throw Problem.invalidField("goal_id", "\(work.rawValue) belongs to the org, not a goal") }
                try identity.require(.manageJobs, in: .org)
            }
            let (zone, calendar, now) = try await Self.clock(tx)
            var schedule = Schedule(
                id: .v7(), orgID: identity.orgID, name: name, jobKind: work.rawValue, payload: try Self.json(payload),
                recurrence: recurrence, misfire: input.misfire ?? work.defaultMisfire, maxLateness: lateness, active: input.active ?? true,
                nextFireAt: recurrence.next(after: now, in: zone, calendar: calendar).instant)
            schedule.subjectType = work.subjectType
            schedule.subjectID = input.goalId
            let created = try await ScheduleRepository.insert(tx, schedule, by: identity.memberID)
            let dto = ScheduleDTO(created, zone: zone, calendar: calendar, now: now)
            try await Audit.record(tx, caller, action: "schedule.create", resource: "schedule", id: created.id, after: dto)
            return try JSONResponse.make(dto, status: .created)
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "schedule")
        return try await store.tenant(context) { tx, caller in
            let schedule = try await Self.visible(tx, caller.identity, id, forWriting: false)
            let (zone, calendar, now) = try await Self.clock(tx)
            return try JSONResponse.make(ScheduleDTO(schedule, zone: zone, calendar: calendar, now: now))
        }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "schedule")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        return try await store.tenant(context) { tx, caller in
            let before = try await Self.visible(tx, caller.identity, id, forWriting: true)
            if before.isBuiltIn, input.name != nil || input.recurrence != nil || input.misfire != nil || input.maxLatenessSeconds != nil
                || !input.message.isAbsent
            {
                throw Problem(
                    status: .conflict, code: "built_in",
                    detail: "a built-in schedule follows the org's settings (/v1/org/goal-settings); it can only be paused or resumed",
                    fields: [Problem.FieldError(field: "active", code: "built_in", message: "only active can change")])
            }
            var s = before
            if let name = input.name { s.name = try Self.validName(name) }
            if let recurrence = input.recurrence { s.recurrence = try Self.validRecurrence(recurrence) }
            if let misfire = input.misfire { s.misfire = misfire }
            if let lateness = input.maxLatenessSeconds { s.maxLateness = try Self.validLateness(lateness) }
            if let active = input.active { s.active = active }
            if !input.message.isAbsent {
                var payload = (try? JSONSerialization.jsonObject(with: Data(s.payload.utf8))) as? [String: String] ?? [:]
                payload["message"] = try Self.validMessage(input.message.applied(to: nil))
                s.payload = try Self.json(payload)
            }
            let (zone, calendar, now) = try await Self.clock(tx)
            // Re-timed or resumed: the next occurrence from now, so a paused schedule does not catch up on what
            // it skipped.
            if input.recurrence != nil || (input.active == true && !before.active) {
                s.nextFireAt = s.recurrence.next(after: now, in: zone, calendar: calendar).instant
            }
            guard let after = try await ScheduleRepository.update(tx, s) else { throw Problem.notFound("schedule") }
            let dto = ScheduleDTO(after, zone: zone, calendar: calendar, now: now)
            try await Audit.record(tx, caller, action: "schedule.update", resource: "schedule", id: id, after: dto)
            return try JSONResponse.make(dto)
        }
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "schedule")
        return try await store.tenant(context) { tx, caller in
            let schedule = try await Self.visible(tx, caller.identity, id, forWriting: true)
            guard !schedule.isBuiltIn else {
                throw Problem(
                    status: .conflict, code: "built_in", detail: "a built-in schedule cannot be deleted; pause it with active=false",
                    fields: [Problem.FieldError(field: "id", code: "built_in", message: "built-in")])
            }
            _ = try await ScheduleRepository.delete(tx, id: id)
            try await Audit.record(tx, caller, action: "schedule.delete", resource: "schedule", id: id)
            return JSONResponse.noContent()
        }
    }

    /// The schedule if the caller may see it (a goal's: whoever may read the goal; the org's: operators) — or
    /// change it (a goal's: whoever may write the goal) — else 404 or 403.
    static func visible(_ tx: TenantTransaction, _ identity: Identity, _ id: UUID, forWriting: Bool) async throws -> Schedule {
        guard let schedule = try await ScheduleRepository.get(tx, id: id) else { throw Problem.notFound("schedule") }
        if schedule.subjectType == .goal, let goalID = schedule.subjectID {
            guard let goal = try await GoalRepository.get(tx, id: goalID), GoalAccess.canRead(identity, goal)
            else { throw Problem.notFound("schedule") }
            if forWriting { try GoalAccess.requireWrite(identity, goal) }
        } else {
            try identity.require(.manageJobs, in: .org)
        }
        return schedule
    }

    static func requireGoalWrite(_ tx: TenantTransaction, _ identity: Identity, _ goalID: UUID) async throws {
        guard let goal = try await GoalRepository.get(tx, id: goalID), GoalAccess.canRead(identity, goal)
        else { throw DomainError(.notFound, "no such goal", field: "goal_id") }
        try GoalAccess.requireWrite(identity, goal)
        guard goal.status == .active else { throw DomainError(.conflict, "the goal is not active", field: "goal_id") }
    }

    /// The org's zone, business calendar and the database's now: what next occurrences are computed with.
    static func clock(_ tx: TenantTransaction) async throws -> (TimeZone, BusinessCalendar, Date) {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        return (Organization.zone(facts.timeZone),
                try await GoalSettingsRepository.businessCalendar(tx), try await JobRepository.databaseNow(tx))
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

    static func message(of payload: String) -> String? {
        ((try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any])?["message"] as? String
    }

    static func json(_ object: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
