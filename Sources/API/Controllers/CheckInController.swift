import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Check-ins and reviews: the owner records and submits the period's values; the reviewer (found through the
/// reporting line) accepts or asks for changes.
struct CheckInController {
    let store: Store

    struct RecordInput: Decodable {
        var actual: PatchField<Double>
        var confidence: PatchField<CheckIn.Confidence>
        var comment: PatchField<String>
        var blockers: PatchField<String>
        var submit: Bool?

        enum CodingKeys: String, CodingKey { case actual, confidence, comment, blockers, submit }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            actual = try c.patch(.actual)
            confidence = try c.patch(.confidence)
            comment = try c.patch(.comment)
            blockers = try c.patch(.blockers)
            submit = try c.decodeIfPresent(Bool.self, forKey: .submit)
        }
    }
    struct ReviewInput: Decodable {
        var decision: CheckIn.ReviewDecision
        var comment: String?
    }

    struct CheckInDTO: Encodable, Sendable {
        var id: UUID
        var goalID: UUID
        var period: String
        var periodStart: LocalDate
        var periodEnd: LocalDate
        var state: CheckIn.State
        var actual: Double?
        var confidence: CheckIn.Confidence?
        var comment: String?
        var blockers: String?
        var opensOn: LocalDate
        var dueOn: LocalDate
        var reviewBy: LocalDate
        var submittedAt: Date?
        var late: Bool
        var reviewerID: UUID?
        var reviewedAt: Date?
        var reviewDecision: CheckIn.ReviewDecision?
        var reviewComment: String?
        var reviews: [ReviewDTO]?
        var createdAt: Date
        var updatedAt: Date
        var version: Int

        init(_ c: CheckIn, reviews: [CheckInRepository.Review]? = nil) {
            (id, goalID, period, periodStart, periodEnd, state) = (c.id, c.goalID, c.period, c.periodStart, c.periodEnd, c.state)
            (actual, confidence, comment, blockers) = (c.actual, c.confidence, c.comment, c.blockers)
            (opensOn, dueOn, reviewBy, submittedAt, late) = (c.opensOn, c.dueOn, c.reviewBy, c.submittedAt, c.late)
            (reviewerID, reviewedAt, reviewDecision, reviewComment) = (c.reviewerID, c.reviewedAt, c.reviewDecision, c.reviewComment)
            (createdAt, updatedAt, version) = (c.createdAt, c.updatedAt, c.version)
            self.reviews = reviews?.map { ReviewDTO(reviewerID: $0.reviewerID, decision: $0.decision, comment: $0.comment, at: $0.at) }
        }
    }
    struct ReviewDTO: Encodable, Sendable {
        var reviewerID: UUID
        var decision: CheckIn.ReviewDecision
        var comment: String?
        var at: Date
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "goal_id": Schema.uuid, "period": Schema.string, "period_start": Schema.date, "period_end": Schema.date,
         "state": Schema.enumeration(CheckIn.State.allCases.map(\.rawValue)), "actual": Schema.nullable(Schema.number),
         "confidence": Schema.nullable(Schema.enumeration(CheckIn.Confidence.allCases.map(\.rawValue))),
         "comment": Schema.nullable(Schema.string), "blockers": Schema.nullable(Schema.string), "opens_on": Schema.date,
         "due_on": Schema.date, "review_by": Schema.date, "submitted_at": Schema.nullable(Schema.dateTime), "late": Schema.boolean,
         "reviewer_id": Schema.nullable(Schema.uuid), "reviewed_at": Schema.nullable(Schema.dateTime),
         "review_decision": Schema.nullable(Schema.enumeration(["accept", "request_changes"])),
         "review_comment": Schema.nullable(Schema.string),
         "reviews": Schema.array(Schema.object(["reviewer_id": Schema.uuid, "decision": Schema.string, "comment": Schema.nullable(Schema.string), "at": Schema.dateTime])),
         "version": Schema.integer],
        required: ["id", "goal_id", "period", "state", "late", "version"])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/goals/{id}/check-ins", id: "listCheckIns", summary: "A goal's check-ins, by period", tag: "check-ins",
                         parameters: [Schema.pathID()], responses: [200: ("Check-ins", Schema.object(["items": Schema.array(schema)]))],
                         problems: [404]),
        OpenAPIOperation("PUT", "/v1/goals/{id}/check-ins/{period}", id: "recordCheckIn",
                         summary: "Record the period's values (opens the check-in if it is not open yet); submit=true submits too",
                         tag: "check-ins", parameters: [Schema.pathID(), ["name": "period", "in": "path", "required": true, "schema": Schema.string]],
                         requestBody: Schema.object(["actual": Schema.nullable(Schema.number),
                                                     "confidence": Schema.nullable(Schema.enumeration(CheckIn.Confidence.allCases.map(\.rawValue))),
                                                     "comment": Schema.nullable(Schema.string), "blockers": Schema.nullable(Schema.string),
                                                     "submit": Schema.boolean]),
                         responses: [200: ("Check-in", schema)], problems: [404, 409, 412, 422]),
        OpenAPIOperation("GET", "/v1/check-ins/{id}", id: "getCheckIn", summary: "Read a check-in with its review history", tag: "check-ins",
                         parameters: [Schema.pathID()], responses: [200: ("Check-in", schema)], problems: [404]),
        OpenAPIOperation("POST", "/v1/check-ins/{id}/submit", id: "submitCheckIn",
                         summary: "Submit a check-in for review (a late one is marked late, not refused)", tag: "check-ins",
                         parameters: [Schema.pathID()], responses: [200: ("Check-in", schema)], problems: [404, 409, 422]),
        OpenAPIOperation("POST", "/v1/check-ins/{id}/review", id: "reviewCheckIn",
                         summary: "Accept a submitted check-in or ask for changes (never one's own)", tag: "check-ins",
                         parameters: [Schema.pathID()],
                         requestBody: Schema.object(["decision": Schema.enumeration(["accept", "request_changes"]), "comment": Schema.string],
                                                    required: ["decision"]),
                         responses: [200: ("Check-in", schema)], problems: [403, 404, 409, 422]),
    ]

    func register(on router: Router<AppRequestContext>) {
        router.get("/v1/goals/:id/check-ins") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "goal")
            let items = try await store.tenant(identity.orgID) { tx in
                guard let goal = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, goal)
                else { throw Problem.notFound("goal") }
                return try await CheckInRepository.list(tx, goalID: goal.id)
            }
            return try JSONResponse.make(["items": items.map { CheckInDTO($0) }])
        }

        router.put("/v1/goals/:id/check-ins/:period") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "goal")
            let periodText = context.parameters.get("period") ?? ""
            let input = try await request.decodeJSON(as: RecordInput.self, context: context)
            let expected = try ETag.expectedVersion(request)
            if case .value(let actual) = input.actual, !actual.isFinite { throw Problem.invalidField("actual", "actual must be a finite number") }
            return try await store.tenant(identity.orgID) { tx in
                guard let goal = try await GoalRepository.get(tx, id: id), GoalAccess.canRead(identity, goal)
                else { throw Problem.notFound("goal") }
                try GoalAccess.requireWrite(identity, goal)
                guard !goal.isArchived else { throw DomainError(.invalid, "the goal is archived; it takes no check-ins", field: "goal_id") }
                let facts = try await OrgCalendar.load(tx, reader: identity.memberID)
                let period = try CheckInRules.period(periodText, of: goal, today: facts.today)
                let (opened, created) = try await CheckInOpening.open(tx, goal: goal, period: period, facts: facts)
                try CheckInRules.requireEditable(opened)
                guard let recorded = try await CheckInRepository.record(
                    tx, id: opened.id, actual: input.actual.optional, confidence: input.confidence.optional,
                    comment: input.comment.optional, blockers: input.blockers.optional, expectedVersion: created ? nil : expected)
                else { throw ETag.stale }
                var result = recorded
                if input.submit == true {
                    result = try await submit(tx, identity: identity, context: context, checkIn: recorded, goal: goal, facts: facts)
                }
                try await AuditTrail.record(
                    tx, identity, context: context, action: created ? "check_in.open" : "check_in.record", resource: "check_in",
                    id: result.id, before: created ? nil : CheckInDTO(opened), after: CheckInDTO(result))
                return try JSONResponse.make(CheckInDTO(result), version: result.version)
            }
        }

        router.get("/v1/check-ins/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "check-in")
            let (checkIn, reviews) = try await store.tenant(identity.orgID) { tx in
                let (checkIn, _) = try await readable(tx, identity: identity, id: id)
                return (checkIn, try await CheckInRepository.reviews(tx, checkInID: id))
            }
            return try JSONResponse.make(CheckInDTO(checkIn, reviews: reviews), version: checkIn.version)
        }

        router.post("/v1/check-ins/:id/submit") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "check-in")
            return try await store.tenant(identity.orgID) { tx in
                let (checkIn, goal) = try await readable(tx, identity: identity, id: id, forUpdate: true)
                try GoalAccess.requireWrite(identity, goal)
                let facts = try await OrgCalendar.load(tx, reader: identity.memberID)
                let submitted = try await submit(tx, identity: identity, context: context, checkIn: checkIn, goal: goal, facts: facts)
                try await AuditTrail.record(
                    tx, identity, context: context, action: "check_in.submit", resource: "check_in", id: id,
                    before: CheckInDTO(checkIn), after: CheckInDTO(submitted))
                return try JSONResponse.make(CheckInDTO(submitted), version: submitted.version)
            }
        }

        router.post("/v1/check-ins/:id/review") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "check-in")
            let input = try await request.decodeJSON(as: ReviewInput.self, context: context)
            return try await store.tenant(identity.orgID) { tx in
                let (checkIn, goal) = try await readable(tx, identity: identity, id: id, forUpdate: true)
                guard goal.ownerID != identity.memberID else {
                    throw Problem(
                        status: .forbidden, code: "forbidden", detail: "nobody reviews their own check-in",
                        missingPermission: Permission.reviewCheckIns.rawValue)
                }
                if checkIn.reviewerID != identity.memberID {
                    try identity.require(.reviewCheckIns, in: goal.permissionScope)
                }
                let comment = input.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
                try CheckInRules.requireReviewable(checkIn, decision: input.decision, comment: comment)
                let reviewed = try await CheckInRepository.review(
                    tx, id: id, reviewer: identity.memberID, decision: input.decision,
                    comment: comment?.isEmpty == true ? nil : comment)
                try await WebhookRepository.emit(
                    tx,
                    .checkInReviewed(
                        id: .v7(), at: store.now, data: Self.eventData(reviewed, goal: goal), goal: goal.title,
                        period: reviewed.period.description, accepted: input.decision == .accept))
                let owner = try await MemberRepository.get(tx, id: goal.ownerID)
                let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: goal.ownerID)
                if let owner, owner.active {
                    try await NotificationRepository.deliver(
                        tx, to: goal.ownerID,
                        .checkInReviewed(goal: goal.title, period: checkIn.period, accepted: input.decision == .accept, comment: comment, locale: facts.locale),
                        subjectType: "check_in", subjectID: id)
                }
                try await AuditTrail.record(
                    tx, identity, context: context, action: "check_in.review", resource: "check_in", id: id,
                    before: CheckInDTO(checkIn), after: CheckInDTO(reviewed))
                let reviews = try await CheckInRepository.reviews(tx, checkInID: id)
                return try JSONResponse.make(CheckInDTO(reviewed, reviews: reviews), version: reviewed.version)
            }
        }
    }

    /// The check-in and its goal, if the caller may read the goal.
    private func readable(_ tx: TenantTransaction, identity: Identity, id: UUID, forUpdate: Bool = false) async throws -> (CheckIn, Goal) {
        guard let checkIn = try await CheckInRepository.get(tx, id: id, forUpdate: forUpdate),
            let goal = try await GoalRepository.get(tx, id: checkIn.goalID), GoalAccess.canRead(identity, goal)
        else { throw Problem.notFound("check-in") }
        return (checkIn, goal)
    }

    /// Submits: late when today (in the org's zone) is after the due day; the reviewer hears of it.
    private func submit(
        _ tx: TenantTransaction, identity: Identity, context: AppRequestContext, checkIn: CheckIn, goal: Goal, facts: OrgCalendar
    ) async throws -> CheckIn {
        guard !goal.isArchived else { throw DomainError(.invalid, "the goal is archived; it takes no check-ins", field: "goal_id") }
        try CheckInRules.requireSubmittable(checkIn, goal: goal)
        var reviewer = checkIn.reviewerID
        if reviewer == nil { reviewer = try await ReviewerLookup.reviewer(tx, goal: goal, on: facts.today) }
        let submitted = try await CheckInRepository.submit(
            tx, id: checkIn.id, late: facts.today > checkIn.dueOn, reviewerID: reviewer)
        try await WebhookRepository.emit(
            tx,
            .checkInSubmitted(
                id: .v7(), at: store.now, data: Self.eventData(submitted, goal: goal), goal: goal.title,
                period: submitted.period.description, late: submitted.late))
        if let reviewerID = submitted.reviewerID, let reviewerMember = try await MemberRepository.get(tx, id: reviewerID),
            reviewerMember.active
        {
            let owner = try await MemberRepository.get(tx, id: goal.ownerID)
            try await NotificationRepository.deliver(
                tx, to: reviewerID,
                .checkInSubmitted(goal: goal.title, period: submitted.period, by: owner?.displayName ?? "", locale: reviewerMember.locale ?? facts.orgLocale),
                subjectType: "check_in", subjectID: submitted.id)
        }
        return submitted
    }
}

extension CheckInController {
    /// A check-in as webhook data.
    static func eventData(_ c: CheckIn, goal: Goal) -> String {
        var object: [String: Any] = [
            "check_in_id": c.id.uuidString.lowercased(), "goal_id": goal.id.uuidString.lowercased(), "goal_title": goal.title,
            "period": c.period, "state": c.state.rawValue, "late": c.late, "owner_id": goal.ownerID.uuidString.lowercased(),
        ]
        if let actual = c.actual { object["actual"] = actual }
        if let confidence = c.confidence { object["confidence"] = confidence.rawValue }
        if let decision = c.reviewDecision { object["review_decision"] = decision.rawValue }
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension PatchField {
    /// As the repositories take it: `nil` leaves the column, `.some(nil)` clears it.
    var optional: Value?? {
        switch self {
        case .absent: nil
        case .null: .some(nil)
        case .value(let value): .some(value)
        }
    }
}
