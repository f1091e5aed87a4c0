import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// Check-ins and reviews: the owner records and submits the period's values; the reviewer (found through the
/// reporting line) accepts or asks for changes.
struct CheckInController: RouteCollection {
    let store: Store

    struct RecordInput: RequestBody {
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

        static let schema = Schema.object([
            "actual": Schema.nullable(Schema.number),
            "confidence": Schema.nullable(Schema.enumeration(CheckIn.Confidence.self)),
            "comment": Schema.nullable(Schema.string), "blockers": Schema.nullable(Schema.string),
            "submit": Schema.boolean,
        ])
    }
    struct ReviewInput: RequestBody {
        var decision: CheckIn.ReviewDecision
        var comment: String?

        static let schema = Schema.object(
            ["decision": Schema.enumeration(CheckIn.ReviewDecision.self), "comment": Schema.nullable(Schema.string)],
            required: ["decision"])
    }

    struct CheckInDTO: Codable, Sendable, Versioned {
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
    struct ReviewDTO: Codable, Sendable {
        var reviewerID: UUID
        var decision: CheckIn.ReviewDecision
        var comment: String?
        var at: Date
    }

    static let schema = Schema.of(CheckInDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "check-ins"
        return [
            Route(.get, "/v1/goals/{id}/check-ins", id: "listCheckIns", summary: "A goal's check-ins, by period", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Check-ins", Schema.object(["items": Schema.array(Self.schema)]))],
                  problems: [404], handler: list),
            Route(.put, "/v1/goals/{id}/check-ins/{period}", id: "recordCheckIn",
                  summary: "Record the period's values (opens the check-in if it is not open yet); submit=true submits too", tag: tag,
                  parameters: [Schema.pathID(), ["name": "period", "in": "path", "required": true, "schema": Schema.string]],
                  body: RecordInput.self, responses: [200: ("Check-in", Self.schema)], problems: [404, 409, 412, 422], handler: record),
            Route(.get, "/v1/check-ins/{id}", id: "getCheckIn", summary: "Read a check-in with its review history", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Check-in", Self.schema)], problems: [404], handler: get),
            Route(.post, "/v1/check-ins/{id}/submit", id: "submitCheckIn",
                  summary: "Submit a check-in for review (a late one is marked late, not refused)", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Check-in", Self.schema)], problems: [404, 409, 422], handler: submit),
            Route(.post, "/v1/check-ins/{id}/review", id: "reviewCheckIn",
                  summary: "Accept a submitted check-in or ask for changes (never one's own)", tag: tag,
                  parameters: [Schema.pathID()], body: ReviewInput.self, responses: [200: ("Check-in", Self.schema)],
                  problems: [403, 404, 409, 422], handler: review),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        let items = try await store.tenant(context) { tx, caller in try await CheckIns(tx, caller).list(goalID: id) }
        return try JSONResponse.make(["items": items.map { CheckInDTO($0) }])
    }

    @Sendable func record(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        let period = context.parameters.get("period") ?? ""
        let input = try await request.decodeJSON(as: RecordInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let values = CheckIns.Values(
            actual: input.actual.optional, confidence: input.confidence.optional, comment: input.comment.optional,
            blockers: input.blockers.optional)
        return try await store.answer(context) { tx, caller in
            try await CheckInDTO(CheckIns(tx, caller).record(
                goalID: id, period: period, values, submit: input.submit == true, expectedVersion: expected))
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "check-in")
        let (checkIn, reviews) = try await store.tenant(context) { tx, caller in try await CheckIns(tx, caller).get(id) }
        return try JSONResponse.make(CheckInDTO(checkIn, reviews: reviews))
    }

    @Sendable func submit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "check-in")
        return try await store.answer(context) { tx, caller in try await CheckInDTO(CheckIns(tx, caller).submit(id)) }
    }

    @Sendable func review(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "check-in")
        let input = try await request.decodeJSON(as: ReviewInput.self, context: context)
        let (reviewed, reviews) = try await store.tenant(context) { tx, caller in
            try await CheckIns(tx, caller).review(id, decision: input.decision, comment: input.comment)
        }
        return try JSONResponse.make(CheckInDTO(reviewed, reviews: reviews))
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
