import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/v1/reports/check-up-response-rates`: check-ups sent and answered per month for each CSM or company, with the
/// warning when the combined rate of the last three complete months is below the org's threshold.
struct ResponseRateController: RouteCollection {
    let store: Store

    struct FigureDTO: Codable, Sendable {
        var month: String
        var sent: Int
        var answered: Int
        var ratePercent: Double?
    }

    struct GroupDTO: Codable, Sendable {
        var id: UUID?
        var name: String?
        var months: [FigureDTO]
        var warning: Bool
        var verdict: String
        var windowSent: Int
        var windowAnswered: Int
        var windowRatePercent: Double?

        init(_ g: ResponseRates.Group) {
            (id, name, warning, verdict) = (g.id, g.name, g.verdict.warning, g.verdict.state)
            months = g.months.map { FigureDTO(month: $0.month.description, sent: $0.rate.sent, answered: $0.rate.answered, ratePercent: $0.rate.percent) }
            (windowSent, windowAnswered, windowRatePercent) = (g.verdict.rate.sent, g.verdict.rate.answered, g.verdict.rate.percent)
        }
    }

    struct ReportDTO: Codable, Sendable {
        var from: String
        var to: String
        var group: String
        var thresholdPercent: Int
        var window: [String]
        var org: GroupDTO
        var groups: [GroupDTO]

        static let schema = Schema.of(ReportDTO.self)
    }

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.get, "/v1/reports/check-up-response-rates", id: "checkUpResponseRates",
                  summary: "Check-up response rates per month for each CSM or company, with the three-month warning", tag: "Check-ups",
                  parameters: [
                    Schema.query("from", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "first month (YYYY-MM)"),
                    Schema.query("to", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "last month (YYYY-MM)"),
                    Schema.query("group", Schema.enumeration(ResponseRates.Grouping.self), "csm (default) or company"),
                  ],
                  responses: [200: ("Response rates", ReportDTO.schema)], problems: [403, 422], handler: report),
        ]
    }

    @Sendable func report(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        guard let from = try CheckUpSendController.month(request, "from") else { throw Problem.invalidField("from", "from is a month written YYYY-MM") }
        guard let to = try CheckUpSendController.month(request, "to") else { throw Problem.invalidField("to", "to is a month written YYYY-MM") }
        var grouping = ResponseRates.Grouping.csm
        if let raw = request.uri.queryParameters["group"] {
            guard let value = ResponseRates.Grouping(rawValue: String(raw)) else { throw Problem.invalidField("group", "group is csm or company") }
            grouping = value
        }
        let report = try await store.tenant(context) { tx, caller in try await ResponseRates(tx, caller).report(from: from, to: to, grouping: grouping) }
        return try JSONResponse.make(ReportDTO(
            from: report.from.description, to: report.to.description, group: report.grouping.rawValue, thresholdPercent: report.thresholdPercent,
            window: report.window.map(\.description), org: GroupDTO(report.org), groups: report.groups.map(GroupDTO.init)))
    }
}
