import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/reports/success-attainment`: the share of customers at light and deep success by company or by cohort, and
/// the days from contract start to each — over the customers the caller reads.
struct SuccessReportController: RouteCollection {
    let store: Store

    struct RowDTO: Codable, Sendable {
        var group: String
        var groupName: String?
        var tier: SuccessTier
        var customers: Int
        var reached: Int
        /// 0–1; `null` for a group without customers.
        var share: Double?
        var medianDays: Double?
        var p75Days: Double?

        init(_ r: SuccessReports.Row) {
            (group, groupName, tier, customers, reached) = (r.group, r.groupName, r.tier, r.customers, r.reached)
            (share, medianDays, p75Days) = (r.share, r.medianDays, r.p75Days)
        }
    }

    struct ReportDTO: Codable, Sendable {
        var groupBy: String
        var cohort: String?
        var companyId: UUID?
        var rows: [RowDTO]
    }

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.get, "/v1/reports/success-attainment", id: "successAttainmentReport",
                  summary: "Share of customers at light and deep success by company or contract-start cohort, with the median and "
                      + "75th-percentile days from contract start to each", tag: "Success",
                  parameters: [
                      Schema.query("group", Schema.enumeration(SuccessReports.Grouping.self), "company (default) or cohort"),
                      Schema.query("cohort", Schema.enumeration(SuccessReports.Cohort.self),
                                   "month (default) or fiscal quarter of the first contract's start, when group=cohort"),
                      Schema.query("company_id", Schema.uuid, "only this company's customers"),
                  ],
                  responses: [200: ("Report", Schema.of(ReportDTO.self, refining: ["group_by": Schema.enumeration(SuccessReports.Grouping.self),
                                                                                   "cohort": Schema.nullable(Schema.enumeration(SuccessReports.Cohort.self))]))],
                  problems: [422], handler: report),
        ]
    }

    @Sendable func report(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let grouping = try query["group"].map { raw in
            guard let grouping = SuccessReports.Grouping(rawValue: String(raw)) else { throw Problem.invalidField("group", "group is company or cohort") }
            return grouping
        } ?? .company
        let cohort = try query["cohort"].map { raw in
            guard let cohort = SuccessReports.Cohort(rawValue: String(raw)) else { throw Problem.invalidField("cohort", "cohort is month or quarter") }
            return cohort
        } ?? .month
        let companyID = try request.uuidQuery("company_id")
        let rows = try await store.tenant(context) { tx, caller in
            try await SuccessReports(tx, caller).attainment(grouping: grouping, cohort: cohort, companyID: companyID)
        }
        return try JSONResponse.make(ReportDTO(
            groupBy: grouping.rawValue, cohort: grouping == .cohort ? cohort.rawValue : nil, companyId: companyID, rows: rows.map(RowDTO.init)))
    }
}
