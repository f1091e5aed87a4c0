import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/dashboards/…`: the monthly meeting's figures as data — check-in completion per team, goals off track,
/// reviews waiting per reviewer.
struct DashboardController: RouteCollection {
    let store: Store

    struct CompletionRow: Codable, Sendable {
        var companyID: UUID?
        var teamID: UUID?
        var expected: Int
        var submitted: Int
        var reviewed: Int
        var late: Int
        /// Submitted (or reviewed) over expected, 0…1.
        var completionRate: Double
    }
    struct CompletionDTO: Codable, Sendable {
        var period: String
        var teams: [CompletionRow]
        var total: CompletionRow
    }
    struct OffTrackRow: Codable, Sendable {
        var goal: GoalDTO
        var checkIn: CheckInController.CheckInDTO
    }
    struct PendingRow: Codable, Sendable {
        var reviewerID: UUID?
        var pending: Int
        var overdue: Int
        var oldestSubmittedAt: Date
    }


    static let completionSchema = Schema.of(CompletionDTO.self)
    static let offTrackSchema = Schema.object(["items": Schema.array(Schema.of(OffTrackRow.self))])
    static let pendingSchema = Schema.object(["items": Schema.array(Schema.of(PendingRow.self))])

    var routes: [Route<AuthenticatedContext>] {
        let tag = "dashboards"
        return [
            Route(.get, "/v1/dashboards/check-in-completion", id: "checkInCompletion",
                  summary: "Check-in completion per team for a month (monthly goals)", tag: tag,
                  parameters: [Schema.query("period", Schema.string, "a month, e.g. 2026-11; required"),
                               Schema.query("company_id", Schema.uuid, "one company")],
                  responses: [200: ("Completion", Self.completionSchema)], problems: [422], handler: completion),
            Route(.get, "/v1/dashboards/off-track", id: "offTrackGoals",
                  summary: "Goals whose latest check-in says off track (at_risk=true adds at-risk ones)", tag: tag,
                  parameters: [Schema.query("period", Schema.string, "goals inside this period; required"),
                               Schema.query("company_id", Schema.uuid, "one company"),
                               Schema.query("at_risk", Schema.boolean, "include at-risk goals")],
                  responses: [200: ("Goals", Self.offTrackSchema)], problems: [422], handler: offTrack),
            Route(.get, "/v1/dashboards/pending-reviews", id: "pendingReviews",
                  summary: "Submitted check-ins waiting for review, per reviewer, with how many are past the review day", tag: tag,
                  parameters: [Schema.query("company_id", Schema.uuid, "one company")],
                  responses: [200: ("Reviewers", Self.pendingSchema)], handler: pendingReviews),
        ]
    }

    @Sendable func completion(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let selection = try Dashboards.select(context.identity, company: try request.uuidQuery("company_id"))
        let text = try requiredPeriod(request)
        let result = try await store.tenant(context) { tx, caller in try await Dashboards(tx, caller).completion(selection, period: text) }
        func row(_ r: DashboardRepository.Completion) -> CompletionRow {
            CompletionRow(companyID: r.companyID, teamID: r.teamID, expected: r.expected, submitted: r.submitted, reviewed: r.reviewed,
                          late: r.late, completionRate: r.expected == 0 ? 0 : Double(r.submitted) / Double(r.expected))
        }
        return try JSONResponse.make(CompletionDTO(period: result.period.description, teams: result.teams.map(row), total: row(result.total)))
    }

    @Sendable func offTrack(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let selection = try Dashboards.select(context.identity, company: try request.uuidQuery("company_id"))
        let text = try requiredPeriod(request)
        let atRisk = request.uri.queryParameters["at_risk"] == "true"
        let rows = try await store.tenant(context) { tx, caller in
            try await Dashboards(tx, caller).offTrack(selection, period: text, includeAtRisk: atRisk)
        }
        return try JSONResponse.make(["items": rows.map { OffTrackRow(goal: GoalDTO($0.goal), checkIn: .init($0.checkIn)) }])
    }

    @Sendable func pendingReviews(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let company = try request.uuidQuery("company_id")
        let rows = try await store.tenant(context) { tx, caller in try await Dashboards(tx, caller).pendingReviews(company: company) }
        return try JSONResponse.make(["items": rows.map {
            PendingRow(reviewerID: $0.reviewerID, pending: $0.count, overdue: $0.overdue, oldestSubmittedAt: $0.oldestSubmittedAt)
        }])
    }

    private func requiredPeriod(_ request: Request) throws -> String {
        guard let text = request.uri.queryParameters["period"] else {
            throw Problem.invalidField("period", "period is required (e.g. 2026-11 or FY2026-H2)")
        }
        return String(text)
    }
}
