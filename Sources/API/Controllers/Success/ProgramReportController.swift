import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/reports/programs`: seed 002's figures over the customers the caller reads — coverage, presentation success,
/// and hours per CSM against capacity for a month.
struct ProgramReportController: RouteCollection {
    let store: Store

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.get, "/v1/reports/programs", id: "programReport",
                  summary: "Coverage (customers past onboarding in a program), presentation success, hours per CSM against capacity",
                  tag: "Programs", parameters: [Schema.query("month", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "YYYY-MM (default: this month)")],
                  responses: [200: ("Report", Schema.of(ProgramReportDTO.self))], problems: [403, 422], handler: report)
        ]
    }

    @Sendable func report(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        var month: YearMonth?
        if let raw = request.uri.queryParameters["month"] {
            guard let parsed = YearMonth(iso: String(raw)), (2000...2100).contains(parsed.year) else {
                throw Problem.invalidField("month", "month is YYYY-MM")
            }
            month = parsed
        }
        let report = try await store.tenant(context) { tx, caller in try await ProgramReports(tx, caller).report(month: month) }
        return try JSONResponse.make(ProgramReportDTO(report))
    }
}
